package dev.berth.agent.trigger;

import static dev.berth.agent.trigger.TriggerWorld.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reconciler.loop.Wakeup;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What POST /trigger does with what an attacker (and a forge) sends, over real HTTP. */
class TriggerEndpointTest {
    private static final String PUSH = "{\"ref\":\"refs/heads/main\",\"after\":\"1f3a\"}";

    @TempDir
    Path tmp;

    private final RecordingWakeup wakeup = new RecordingWakeup();
    private TriggerWorld world;

    @BeforeEach
    void start() throws Exception {
        world = new TriggerWorld(tmp, wakeup);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void aDeliverySignedWithTheSecretStartsAPassAtOnce() throws Exception {
        HttpResponse<String> response = world.deliver(PUSH, "72d3162e-cc78-11e3-81ab-4c9367dc0958");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("a pass starts now");
        assertThat(wakeup.woken()).containsExactly(Wakeup.Cause.TRIGGER);
        assertThat(world.count("accepted")).isEqualTo(1.0);
    }

    @Test
    void everyResultIsCountedFromZero() throws Exception {
        assertThat(world.count("accepted")).isZero();
        assertThat(world.count("refused")).isZero();
        assertThat(world.count("replayed")).isZero();
    }

    @Test
    void anUnsignedRequestIsRefusedWith401AndStartsNothing() throws Exception {
        HttpResponse<String> response = world.post(PUSH, Map.of("X-GitHub-Delivery", "1"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("not signed");
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains(Signature.HEADER);
        assertThat(wakeup.woken()).isEmpty();
        assertThat(world.count("refused")).isEqualTo(1.0);
    }

    @Test
    void aSignatureMadeWithAnotherSecretIsRefused() throws Exception {
        assertRefused(Signing.header("the-secret-an-attacker-guessed", PUSH), PUSH, "does not match");
    }

    @Test
    void aSignatureOfAnotherBodyIsRefused() throws Exception {
        String signed = Signing.header(SECRET, PUSH);

        assertRefused(signed, PUSH.replace("main", "evil"), "does not match");
        assertRefused(signed, PUSH + " ", "does not match");
        assertRefused(signed, "", "does not match");
    }

    @Test
    void onlyTheSha256SchemeIsAccepted() throws Exception {
        String hex = Signing.hex(SECRET, PUSH.getBytes(StandardCharsets.UTF_8));

        assertRefused(hex, PUSH, "does not start with sha256=");
        assertRefused("sha1=" + hex, PUSH, "does not start with sha256=");
        assertRefused("SHA256=" + hex, PUSH, "does not start with sha256=");
        assertRefused("sha512=" + hex, PUSH, "does not start with sha256=");
        assertRefused("sha256 " + hex, PUSH, "does not start with sha256=");
    }

    @Test
    void aSignatureThatIsNot64HexDigitsIsRefused() throws Exception {
        String hex = Signing.hex(SECRET, PUSH.getBytes(StandardCharsets.UTF_8));

        assertRefused("sha256=", PUSH, "64 hexadecimal digits");
        assertRefused("sha256=" + hex.substring(2), PUSH, "64 hexadecimal digits");
        assertRefused("sha256=" + hex + "00", PUSH, "64 hexadecimal digits");
        assertRefused("sha256=" + "g" + hex.substring(1), PUSH, "64 hexadecimal digits");
        assertRefused("sha256=" + hex.substring(0, 62) + "%2", PUSH, "64 hexadecimal digits");
        assertRefused("sha256=" + hex.substring(0, 62) + "0x", PUSH, "64 hexadecimal digits");
    }

    @Test
    void twoSignatureHeadersAreRefusedEvenIfOneIsRight() throws Exception {
        String head = "POST /trigger HTTP/1.1\r\nHost: x\r\nContent-Length: " + PUSH.length() + "\r\n"
                + Signature.HEADER + ": sha256=" + "0".repeat(64) + "\r\n"
                + Signature.HEADER + ": " + Signing.header(SECRET, PUSH);

        assertThat(world.raw(head, PUSH.getBytes(StandardCharsets.UTF_8))).isEqualTo("HTTP/1.1 401 Unauthorized");
        assertThat(wakeup.woken()).isEmpty();
    }

    @Test
    void theHexOfTheSignatureMayBeInEitherCase() throws Exception {
        String lower = PUSH.replace("1f3a", "aaaa");
        String upper = PUSH.replace("1f3a", "bbbb");

        HttpResponse<String> fromLower = world.post(lower, Map.of(Signature.HEADER, Signing.header(SECRET, lower)));
        HttpResponse<String> fromUpper = world.post(
                upper,
                Map.of(
                        Signature.HEADER,
                        "sha256="
                                + Signing.hex(SECRET, upper.getBytes(StandardCharsets.UTF_8))
                                        .toUpperCase(Locale.ROOT)));

        assertThat(fromLower.statusCode()).isEqualTo(202);
        assertThat(fromUpper.statusCode()).isEqualTo(202);
        assertThat(wakeup.woken()).hasSize(2);
    }

    @Test
    void onlyAPostStartsAPass() throws Exception {
        for (String method : new String[] {"GET", "PUT", "DELETE", "PATCH"}) {
            HttpResponse<String> response =
                    world.send(method, "/trigger", PUSH, Map.of(Signature.HEADER, Signing.header(SECRET, PUSH)));

            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).contains("POST");
        }
        assertThat(world.raw("HEAD /trigger HTTP/1.1\r\nHost: x", new byte[0]))
                .isEqualTo("HTTP/1.1 405 Method Not Allowed");
        assertThat(wakeup.woken()).isEmpty();
        assertThat(world.count("refused")).isEqualTo(5.0);
    }

    @Test
    void aBodyDeclaredTooLargeIsRefusedBeforeItIsSent() throws Exception {
        String head = "POST /trigger HTTP/1.1\r\nHost: x\r\nContent-Length: " + (100L << 20) + "\r\n" + Signature.HEADER
                + ": " + Signing.header(SECRET, PUSH);

        // Nothing of the body is sent: the answer comes without waiting for it.
        assertThat(world.raw(head, new byte[0])).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
        assertThat(wakeup.woken()).isEmpty();
    }

    @Test
    void aChunkedBodyIsReadNoFurtherThanTheLimit() throws Exception {
        byte[] body = new byte[Trigger.MAX_BODY + 1];
        String head = "POST /trigger HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n" + Signature.HEADER
                + ": sha256=" + Signing.hex(SECRET, body);
        byte[] chunk = (Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] framed = new byte[chunk.length + body.length + 2];
        System.arraycopy(chunk, 0, framed, 0, chunk.length);
        framed[framed.length - 2] = '\r';
        framed[framed.length - 1] = '\n';

        assertThat(world.raw(head, framed)).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
        assertThat(wakeup.woken()).isEmpty();
    }

    @Test
    void aBodyOfExactlyTheLimitIsAccepted() throws Exception {
        String body = "x".repeat(Trigger.MAX_BODY);

        assertThat(world.deliver(body, "big").statusCode()).isEqualTo(202);
    }

    @Test
    void aDeliverySentAgainIsAnsweredAsSeenAndStartsNothing() throws Exception {
        assertThat(world.deliver(PUSH, "d-1").statusCode()).isEqualTo(202);

        HttpResponse<String> again = world.deliver(PUSH, "d-1");
        // The delivery id is not signed: a replay with a fresh one is the same delivery.
        HttpResponse<String> renamed = world.deliver(PUSH, "d-2");
        HttpResponse<String> anonymous = world.post(PUSH, Map.of(Signature.HEADER, Signing.header(SECRET, PUSH)));

        for (HttpResponse<String> replay : List.of(again, renamed, anonymous)) {
            assertThat(replay.statusCode()).isEqualTo(200);
            assertThat(replay.body()).contains("already seen");
        }
        assertThat(wakeup.woken()).containsExactly(Wakeup.Cause.TRIGGER);
        assertThat(world.count("replayed")).isEqualTo(3.0);
    }

    @Test
    void aDeliveryWithoutAnIdIsAcceptedOnce() throws Exception {
        HttpResponse<String> first = world.post(PUSH, Map.of(Signature.HEADER, Signing.header(SECRET, PUSH)));

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(wakeup.woken()).containsExactly(Wakeup.Cause.TRIGGER);
    }

    @Test
    void aRefusedDeliveryIsNotRememberedSoTheRealOneStillCounts() throws Exception {
        world.post(PUSH, Map.of(Signature.HEADER, "sha256=" + "0".repeat(64)));

        assertThat(world.deliver(PUSH, "d-1").statusCode()).isEqualTo(202);
    }

    @Test
    void pathsBelowOrBesideTheTriggerAreUnknown() throws Exception {
        Map<String, String> signed = Map.of(Signature.HEADER, Signing.header(SECRET, PUSH));

        assertThat(world.send("POST", "/trigger/x", PUSH, signed).statusCode()).isEqualTo(404);
        assertThat(world.send("POST", "/triggers", PUSH, signed).statusCode()).isEqualTo(404);
        assertThat(wakeup.woken()).isEmpty();
    }

    private void assertRefused(String signature, String body, String why) throws Exception {
        HttpResponse<String> response = world.post(body, Map.of(Signature.HEADER, signature));

        assertThat(response.statusCode()).as(signature).isEqualTo(401);
        assertThat(response.body()).as(signature).contains(why);
        assertThat(wakeup.woken()).as(signature).isEmpty();
    }
}
