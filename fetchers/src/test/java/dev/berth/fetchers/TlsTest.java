package dev.berth.fetchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.model.BerthException;
import dev.berth.model.LocalPolicy;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.testkit.http.MisbehavingHttpServer;
import dev.berth.testkit.http.Reply;
import dev.berth.testkit.http.Resource;
import dev.berth.testkit.http.TestCertificate;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {
    private static final byte[] IMAGE = Images.bytes(128 * 1024, 5);
    private static final Sha256 SHA = Images.sha256(IMAGE);
    private static TestCertificate certificate;

    @TempDir
    Path pool;

    private MisbehavingHttpServer tls;
    private final MisbehavingHttpServer plain = MisbehavingHttpServer.start();
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @BeforeAll
    static void makeCertificate(@TempDir Path dir) {
        certificate = TestCertificate.generate(dir);
    }

    @AfterAll
    static void forget() {
        certificate = null;
    }

    @BeforeEach
    void start() {
        tls = MisbehavingHttpServer.startTls(certificate.serverContext());
        tls.put("/img.raw", Resource.of(IMAGE));
        plain.put("/img.raw", Resource.of(IMAGE));
    }

    @AfterEach
    void stop() {
        tls.close();
        plain.close();
    }

    private DownloadContext trusting() {
        return Fetchers.context(sleeper)
                .withTls(new TlsTrust(certificate.clientContext().getSocketFactory(), certificate.trustManager()));
    }

    @Test
    void downloadsOverHttpsFromAServerTrustedThroughTheInjectedTrustManager() throws Exception {
        try (UrlImageFetcher f =
                Fetchers.fetcher(pool, Fetchers.policy().withLimits(LocalPolicy.permissive(false)), trusting())) {
            f.fetch(Images.spec(tls.uri("/img.raw"), SHA), Images.TARGET);
        }
        Pool.assertOnlyImage(pool, IMAGE);
        assertThat(tls.requests()).hasSize(1);
    }

    @Test
    void anHttpsUrlThatRedirectsToHttpIsRefusedEvenWhenHttpIsAllowed() {
        tls.always("/img.raw", Reply.redirect(302, plain.uri("/img.raw").toString()));
        BerthException e;
        try (UrlImageFetcher f =
                Fetchers.fetcher(pool, Fetchers.policy().withLimits(LocalPolicy.permissive(true)), trusting())) {
            e = catchThrowableOfType(
                    BerthException.class, () -> f.fetch(Images.spec(tls.uri("/img.raw"), SHA), Images.TARGET));
        }
        assertThat(e.reason()).isEqualTo(Reason.FetchRefused);
        assertThat(e.getMessage())
                .contains(
                        "image hello 1.0",
                        tls.uri("/img.raw").toString(),
                        "redirects to plain http (" + plain.uri("/img.raw") + ")",
                        "never follows");
        assertThat(plain.requests()).isEmpty();
        Pool.assertEmpty(pool);
    }

    @Test
    void aServerWhoseCertificateIsNotTrustedIsRefusedWithoutRetrying() {
        BerthException e;
        try (UrlImageFetcher f = Fetchers.fetcher(pool, Fetchers.policy(), Fetchers.context(sleeper))) {
            e = catchThrowableOfType(
                    BerthException.class, () -> f.fetch(Images.spec(tls.uri("/img.raw"), SHA), Images.TARGET));
        }
        assertThat(e.reason()).isEqualTo(Reason.FetchRefused);
        assertThat(e.getMessage()).contains("TLS certificate of 127.0.0.1 is not trusted", "trust store");
        assertThat(sleeper.sleeps()).isEmpty();
        Pool.assertEmpty(pool);
    }
}
