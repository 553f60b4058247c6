package dev.berth.fetchers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.Sha256;
import dev.berth.testkit.http.MisbehavingHttpServer;
import dev.berth.testkit.http.Resource;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyTest {
    private static final byte[] IMAGE = Images.bytes(64 * 1024, 6);
    private static final Sha256 SHA = Images.sha256(IMAGE);

    @TempDir
    Path pool;

    private final MisbehavingHttpServer proxy = MisbehavingHttpServer.start();
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @AfterEach
    void stop() {
        proxy.close();
    }

    @Test
    void anHttpUrlGoesThroughTheProxyNamedInHttpProxy() throws Exception {
        proxy.put("/img.raw", Resource.of(IMAGE));
        DownloadContext context =
                Fetchers.context(sleeper).withEnvironment(Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.port()));
        try (UrlImageFetcher f = Fetchers.fetcher(pool, Fetchers.policy(), context)) {
            f.fetch(Images.spec(URI.create("http://images.invalid/img.raw"), SHA), Images.TARGET);
        }
        Pool.assertOnlyImage(pool, IMAGE);
        assertThat(proxy.requests()).hasSize(1);
        assertThat(proxy.requests().get(0).target()).isEqualTo("http://images.invalid/img.raw");
    }

    @Test
    void aHostInNoProxyIsReachedDirectly() throws Exception {
        proxy.put("/img.raw", Resource.of(IMAGE));
        DownloadContext context = Fetchers.context(sleeper)
                .withEnvironment(Map.of("http_proxy", "127.0.0.1:9", "no_proxy", "example.com,127.0.0.1"));
        try (UrlImageFetcher f = Fetchers.fetcher(pool, Fetchers.policy(), context)) {
            f.fetch(Images.spec(proxy.uri("/img.raw"), SHA), Images.TARGET);
        }
        Pool.assertOnlyImage(pool, IMAGE);
        assertThat(proxy.requests().get(0).target()).isEqualTo("/img.raw");
    }
}
