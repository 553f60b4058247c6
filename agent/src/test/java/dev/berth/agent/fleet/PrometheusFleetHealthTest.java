package dev.berth.agent.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reconciler.port.FleetReport;
import dev.berth.testkit.http.MisbehavingHttpServer;
import dev.berth.testkit.http.RecordedRequest;
import dev.berth.testkit.http.Reply;
import dev.berth.testkit.http.Resource;
import dev.berth.testkit.http.TestCertificate;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet's health, asked of a real HTTP server on 127.0.0.1 that answers as Prometheus's query API does. */
class PrometheusFleetHealthTest {
    private static final String PATH = "/api/v1/query";
    private static final String EMPTY = """
            {"status":"success","data":{"resultType":"vector","result":[]}}""";
    private static final String TWO_HOSTS = """
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"__name__":"berth_image_failed_info","image":"web","version":"2.0",
                         "instance":"10.0.0.7:9741","job":"berth"},"value":[1764752400,"1"]},
              {"metric":{"__name__":"berth_image_failed_info","image":"web","version":"2.0","name":"canary-1",
                         "instance":"10.0.0.5:9741","job":"berth"},"value":[1764752400,"1"]}]}}""";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String TOKEN = "s3cret-Token_value";

    @TempDir
    Path dir;

    private final MisbehavingHttpServer server = MisbehavingHttpServer.start();

    @AfterEach
    void close() {
        server.close();
    }

    private static Reply json(int code, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return Reply.raw(
                code,
                Map.of("Content-Type", "application/json", "Content-Length", String.valueOf(bytes.length)),
                bytes);
    }

    private PrometheusFleetHealth health(MisbehavingHttpServer at, Duration timeout) {
        return new PrometheusFleetHealth(URI.create(at.origin()), Optional.empty(), Optional.empty(), timeout);
    }

    private static String queryOf(RecordedRequest request) {
        String target = request.target();
        return URLDecoder.decode(target.substring(target.indexOf("?query=") + 7), StandardCharsets.UTF_8);
    }

    private static String why(FleetReport report) {
        assertThat(report).isInstanceOf(FleetReport.Unknown.class);
        return ((FleetReport.Unknown) report).why();
    }

    @Test
    void anEmptyVectorMeansNoHostReportsTheVersionFailed() {
        server.always(PATH, json(200, EMPTY));

        FleetReport report = health(server, TIMEOUT).report("web", "2.0");

        assertThat(report).isEqualTo(new FleetReport.Healthy());
        RecordedRequest asked = server.requests(PATH).get(0);
        assertThat(asked.method()).isEqualTo("GET");
        assertThat(queryOf(asked))
                .isEqualTo(PrometheusFleetHealth.query("web", "2.0"))
                .contains("berth_image_failed_info{image=\"web\",version=\"2.0\"} == 1");
        assertThat(asked.header("Authorization")).isEmpty();
    }

    @Test
    void aSampleMeansFailedOnTheHostsItNames() {
        server.always(PATH, json(200, TWO_HOSTS));

        FleetReport report = health(server, TIMEOUT).report("web", "2.0");

        assertThat(report).isEqualTo(new FleetReport.Failed(List.of("10.0.0.7:9741", "canary-1")));
    }

    @Test
    void hostNamesFromTheServerComeAsOneLineWithoutControlCharacters() {
        server.always(PATH, json(200, """
                {"status":"success","data":{"resultType":"vector","result":[
                  {"metric":{"name":"evil\\n\\u001b[31mhost"},"value":[1764752400,"1"]}]}}"""));

        assertThat(health(server, TIMEOUT).report("web", "2.0"))
                .isEqualTo(new FleetReport.Failed(List.of("evil [31mhost")));
    }

    @Test
    void theQueryIsAskedUnderTheServersPath() {
        server.always("/prometheus" + PATH, json(200, EMPTY));
        PrometheusFleetHealth health = new PrometheusFleetHealth(
                URI.create(server.origin() + "/prometheus"), Optional.empty(), Optional.empty(), TIMEOUT);

        assertThat(health.report("web", "2.0")).isEqualTo(new FleetReport.Healthy());
    }

    @Test
    void labelValuesAreEscapedAsPromQlStrings() {
        String failed = "berth_image_failed_info{image=\"we\\\"b\",version=\"1.0\\\\\\\"} or vector(1) #\\n\"} == 1";
        assertThat(PrometheusFleetHealth.query("we\"b", "1.0\\\"} or vector(1) #\n"))
                .isEqualTo("(" + failed + ") * on (job, instance) group_left (name) topk by (job, instance) (1,"
                        + " berth_host_info) or on (job, instance) (" + failed + ")");
    }

    @Test
    void aServerErrorMeansTheFleetCannotBeAsked() {
        server.always(
                PATH, json(503, "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"TSDB not ready\"}"));

        String why = why(health(server, TIMEOUT).report("web", "2.0"));

        assertThat(why).isEqualTo("Prometheus at " + server.origin() + " answered 503 (TSDB not ready)");
    }

    @Test
    void a500WithoutABodyMeansTheFleetCannotBeAsked() {
        server.always(PATH, Reply.status(500));

        assertThat(why(health(server, TIMEOUT).report("web", "2.0"))).endsWith(" answered 500");
    }

    @Test
    void garbageMeansTheFleetCannotBeAsked() {
        server.always(PATH, json(200, "<html>login</html>"));

        assertThat(why(health(server, TIMEOUT).report("web", "2.0")))
                .endsWith("answered something that is not the JSON of its query API");
    }

    @Test
    void anAnswerThatIsNotAVectorMeansTheFleetCannotBeAsked() {
        server.always(
                PATH, json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"1\"]}}"));

        assertThat(why(health(server, TIMEOUT).report("web", "2.0")))
                .endsWith("answered a \"scalar\" where the query gives a vector");
    }

    @Test
    void anAnswerThatStallsBeyondTheTimeoutMeansTheFleetCannotBeAsked() {
        server.put(PATH, Resource.of(EMPTY.getBytes(StandardCharsets.UTF_8)));
        server.always(PATH, Reply.stallAfter(10, Duration.ofSeconds(30)));

        String why = why(health(server, Duration.ofMillis(300)).report("web", "2.0"));

        assertThat(why).isEqualTo("Prometheus at " + server.origin() + " did not answer within 300ms");
    }

    @Test
    void aHugeAnswerMeansTheFleetCannotBeAsked() {
        server.put(PATH, Resource.of(new byte[5 << 20]));

        assertThat(why(health(server, TIMEOUT).report("web", "2.0"))).contains("larger than");
    }

    @Test
    void aRedirectIsNotFollowed() {
        server.always(PATH, Reply.redirect(302, "/elsewhere" + PATH));
        server.always("/elsewhere" + PATH, json(200, EMPTY));

        assertThat(why(health(server, TIMEOUT).report("web", "2.0"))).endsWith(" answered 302");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aServerThatIsNotThereMeansTheFleetCannotBeAsked() {
        MisbehavingHttpServer gone = MisbehavingHttpServer.start();
        gone.close();

        assertThat(why(health(gone, TIMEOUT).report("web", "2.0")))
                .startsWith("Prometheus at " + gone.origin() + " could not be asked (");
    }

    @Test
    void overHttpsTheServerIsTrustedThroughTheCaFileAndGetsTheBearerToken() throws Exception {
        TestCertificate certificate = TestCertificate.generate(dir);
        Path ca = Files.writeString(
                dir.resolve("ca.pem"),
                "-----BEGIN CERTIFICATE-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(certificate
                                        .trustManager()
                                        .getAcceptedIssuers()[0]
                                        .getEncoded())
                        + "\n-----END CERTIFICATE-----\n");
        Path token = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        try (MisbehavingHttpServer tls = MisbehavingHttpServer.startTls(certificate.serverContext())) {
            tls.always(PATH, json(200, EMPTY));

            FleetReport report = new PrometheusFleetHealth(
                            URI.create(tls.origin()), Optional.of(token), Optional.of(ca), TIMEOUT)
                    .report("web", "2.0");

            assertThat(report).isEqualTo(new FleetReport.Healthy());
            assertThat(tls.requests(PATH).get(0).header("Authorization")).contains("Bearer " + TOKEN);
        }
    }

    @Test
    void anHttpsServerTheCaFileDoesNotVouchForIsNotAsked() throws Exception {
        TestCertificate certificate = TestCertificate.generate(dir);
        Path token = Files.writeString(dir.resolve("token"), TOKEN);
        try (MisbehavingHttpServer tls = MisbehavingHttpServer.startTls(certificate.serverContext())) {
            tls.always(PATH, json(200, EMPTY));

            String why = why(
                    new PrometheusFleetHealth(URI.create(tls.origin()), Optional.of(token), Optional.empty(), TIMEOUT)
                            .report("web", "2.0"));

            assertThat(why).startsWith("Prometheus at " + tls.origin() + " could not be asked (SSLHandshakeException");
            assertThat(tls.requests(PATH))
                    .as("nothing, the token least of all, was sent")
                    .isEmpty();
        }
    }

    @Test
    void theTokenNeverAppearsInAMessage() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), TOKEN);
        server.always(PATH, json(401, "{\"status\":\"error\",\"error\":\"bad token\"}"));
        PrometheusFleetHealth health =
                new PrometheusFleetHealth(URI.create(server.origin()), Optional.of(token), Optional.empty(), TIMEOUT);

        assertThat(why(health.report("web", "2.0"))).contains("answered 401").doesNotContain(TOKEN);
        Files.writeString(token, TOKEN + "\nsecond line");
        assertThat(why(health.report("web", "2.0")))
                .isEqualTo("the bearer token in " + token + " holds characters a header cannot carry");
        Files.delete(token);
        assertThat(why(health.report("web", "2.0"))).isEqualTo("the bearer token file " + token + " does not exist");
    }

    @Test
    void aCaFileThatCannotBeReadHaltsUntilItCan() throws Exception {
        Path ca = dir.resolve("ca.pem");
        PrometheusFleetHealth health =
                new PrometheusFleetHealth(URI.create(server.origin()), Optional.empty(), Optional.of(ca), TIMEOUT);

        assertThat(why(health.report("web", "2.0"))).isEqualTo("the CA file " + ca + " does not exist");
        Files.writeString(ca, "not a certificate");
        assertThat(why(health.report("web", "2.0"))).startsWith("the CA file " + ca + " holds no");
    }
}
