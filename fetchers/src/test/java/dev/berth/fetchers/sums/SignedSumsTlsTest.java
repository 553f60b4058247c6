package dev.berth.fetchers.sums;

import static dev.berth.fetchers.sums.Release.FILE;
import static dev.berth.fetchers.sums.Release.IMAGE;
import static dev.berth.fetchers.sums.Release.SHA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.fetchers.DownloadContext;
import dev.berth.fetchers.TlsTrust;
import dev.berth.fetchers.pgp.TestKey;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.testkit.http.MisbehavingHttpServer;
import dev.berth.testkit.http.Reply;
import dev.berth.testkit.http.Resource;
import dev.berth.testkit.http.TestCertificate;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The list travels over https with the agent's TLS trust, and never falls back to plain http on a redirect. */
class SignedSumsTlsTest {
    private static TestCertificate certificate;

    @TempDir
    Path tmp;

    MisbehavingHttpServer tls;
    MisbehavingHttpServer plain;

    @BeforeAll
    static void makeCertificate(@TempDir Path dir) {
        certificate = TestCertificate.generate(dir);
    }

    @BeforeEach
    void start() {
        tls = MisbehavingHttpServer.startTls(certificate.serverContext());
        plain = MisbehavingHttpServer.start();
        byte[] sums = Release.sums(SHA);
        for (MisbehavingHttpServer server : new MisbehavingHttpServer[] {tls, plain}) {
            server.put("/SHA256SUMS", Resource.of(sums));
            server.put("/SHA256SUMS.gpg", Resource.of(Keys.RELEASE.signBinary(sums)));
        }
    }

    @AfterEach
    void stop() {
        tls.close();
        plain.close();
    }

    private Sha256 resolve(URI sums) throws Exception {
        DownloadContext trusting = Release.context()
                .withTls(new TlsTrust(certificate.clientContext().getSocketFactory(), certificate.trustManager()));
        Path keys = TestKey.writeTrusted(tmp.resolve("trusted.asc"), Keys.RELEASE);
        try (SignedSumsResolver resolver = new SignedSumsResolver(Optional.of(keys), Release.policy(), trusting)) {
            return resolver.sha256(sums, FILE, IMAGE);
        }
    }

    @Test
    void aListOverHttpsFromATrustedServerIsBelieved() throws Exception {
        assertThat(resolve(tls.uri("/SHA256SUMS"))).isEqualTo(SHA);
        assertThat(tls.requests()).hasSize(2);
    }

    @Test
    void anHttpsListThatRedirectsToHttpIsRefusedEvenWhenHttpIsAllowed() {
        tls.always("/SHA256SUMS", Reply.redirect(302, plain.uri("/SHA256SUMS").toString()));

        BerthException e = catchThrowableOfType(BerthException.class, () -> resolve(tls.uri("/SHA256SUMS")));

        assertThat(e.reason()).isEqualTo(Reason.FetchRefused);
        assertThat(e.getMessage()).contains("image " + IMAGE, "the https URL redirects to plain http");
        assertThat(plain.requests()).isEmpty();
    }
}
