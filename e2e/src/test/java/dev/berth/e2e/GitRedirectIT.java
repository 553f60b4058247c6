package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testkit.CommandResult;
import dev.berth.testkit.http.MisbehavingHttpServer;
import dev.berth.testkit.http.RecordedRequest;
import dev.berth.testkit.http.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A git server that takes the token and then redirects to another origin (another port of 127.0.0.1, which a
 * browser would treat as another site): berth, run inside a real host, must never hand the token to that origin,
 * and must say why the read failed.
 */
class GitRedirectIT {
    private static final String TOKEN = "tok-e2e-7c41d09b2a";
    private static final String TOKEN_FILE = "/etc/berth/token";
    private static final String REFS = "/fleet.git/info/refs";

    private final MisbehavingHttpServer origin = MisbehavingHttpServer.start();
    private final MisbehavingHttpServer elsewhere = MisbehavingHttpServer.start();
    private BerthHost host;

    @BeforeEach
    void start() {
        host = BerthHost.boot();
        host.container.writeFile(TOKEN_FILE, TOKEN + "\n");
    }

    @AfterEach
    void stop() {
        host.close();
        origin.close();
        elsewhere.close();
    }

    @Test
    void aTokenNeverFollowsARedirectToAnotherOrigin() {
        String target = elsewhere.origin() + "/fleet.git";
        // The origin first asks for credentials, so the token is in hand when it redirects; the other origin then
        // asks for them too, which is how it would collect a token that a client hands out to anyone who asks.
        origin.enqueue(REFS, Reply.status(401, "WWW-Authenticate", "Basic realm=\"git\""));
        origin.always(REFS, Reply.redirect(302, target + "/info/refs?service=git-upload-pack"));
        elsewhere.always(REFS, Reply.status(401, "WWW-Authenticate", "Basic realm=\"git\""));

        CommandResult plan = host.berth(
                "plan", "--git", origin.origin() + "/fleet.git", "--git-token-file", TOKEN_FILE, "--allow-http");

        assertThat(origin.requests())
                .as("the origin received the token, so the check below is about the redirect")
                .anySatisfy(r -> assertThat(r.header("Authorization")).contains(basic(TOKEN)));
        for (RecordedRequest request : elsewhere.requests()) {
            assertThat(request.header("Authorization")).as(request.toString()).isEmpty();
        }
        assertThat(plan.exitCode()).as(plan.describe()).isNotZero();
        assertThat(plan.stderr())
                .contains("error: SourceUnavailable:")
                .contains("redirects to " + target)
                .contains("point the git source at the final URL")
                .doesNotContain(TOKEN);
        assertThat(plan.stdout()).doesNotContain(TOKEN);
    }

    private static String basic(String token) {
        return "Basic "
                + Base64.getEncoder().encodeToString(("x-access-token:" + token).getBytes(StandardCharsets.UTF_8));
    }
}
