package dev.berth.fetchers.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.fetchers.DownloadContext;
import dev.berth.fetchers.DownloadPolicy;
import dev.berth.fetchers.UrlImageFetcher;
import dev.berth.model.HealthCheck;
import dev.berth.model.ImageSpec;
import dev.berth.model.LocalPolicy;
import dev.berth.model.Manifest;
import dev.berth.model.Origin;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.model.Sidecar;
import dev.berth.reconciler.Pass;
import dev.berth.reconciler.Reconciler;
import dev.berth.reconciler.fake.FakeImagePool;
import dev.berth.reconciler.fake.FakeInventoryStore;
import dev.berth.reconciler.fake.FakePortableHost;
import dev.berth.reconciler.fake.TestImage;
import dev.berth.testkit.http.MisbehavingHttpServer;
import dev.berth.testkit.http.Resource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verity sidecars through the real downloader: verified and placed next to the image, and gone with it. */
class SidecarPassTest {
    @TempDir
    Path pool;

    private final MisbehavingHttpServer server = MisbehavingHttpServer.start();
    private final FakePortableHost host = new FakePortableHost();
    private final FakeInventoryStore store = new FakeInventoryStore();
    private UrlImageFetcher fetcher;
    private Reconciler reconciler;

    @BeforeEach
    void setUp() {
        fetcher = new UrlImageFetcher(
                pool,
                DownloadPolicy.defaults()
                        .withLimits(LocalPolicy.permissive(true))
                        .withMaxAttempts(1),
                DownloadContext.system());
        reconciler = FakeHostReconciler.of(host, fetcher, pool, store);
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.close();
    }

    @Test
    void sidecarsAreVerifiedPlacedNextToTheImageAndReplacedWithIt() throws IOException {
        ImageSpec v1 = publish("1.0", false);
        assertThat(reconciler.apply(manifest(v1)).converged()).isTrue();
        List<String> first = files();
        String roothash = Files.readString(pool.resolve("hello_1.0.roothash"));

        ImageSpec v2 = publish("2.0", false);
        assertThat(reconciler.apply(manifest(v2)).converged()).isTrue();

        assertThat(first).containsExactly("hello_1.0.raw", "hello_1.0.roothash", "hello_1.0.verity");
        assertThat(roothash).isEqualTo("roothash of 1.0");
        assertThat(files()).containsExactly("hello_2.0.raw", "hello_2.0.roothash", "hello_2.0.verity");
    }

    @Test
    void aSidecarWithTheWrongHashAttachesNothing() throws IOException {
        Pass pass = reconciler.apply(manifest(publish("1.0", true)));

        assertThat(pass.execution().failure().orElseThrow().error().reason()).isEqualTo(Reason.VerificationFailed);
        assertThat(pass.execution().failure().orElseThrow().error().getMessage())
                .contains("hello 1.0 verity");
        assertThat(host.attached()).isEmpty();
        assertThat(files()).filteredOn(f -> !f.startsWith(".#")).doesNotContain("hello_1.0.verity");
    }

    private ImageSpec publish(String version, boolean badVerity) {
        host.install(pool.toString(), TestImage.service("hello", version));
        byte[] image = ("image " + version).getBytes(StandardCharsets.UTF_8);
        byte[] roothash = ("roothash of " + version).getBytes(StandardCharsets.UTF_8);
        byte[] verity = ("verity of " + version).getBytes(StandardCharsets.UTF_8);
        server.put("/hello_" + version + ".raw", Resource.of(image));
        server.put("/hello_" + version + ".roothash", Resource.of(roothash));
        server.put("/hello_" + version + ".verity", Resource.of(verity));
        Sha256 verityHash = badVerity ? new Sha256("0".repeat(64)) : FakeImagePool.sha256(verity);
        return new ImageSpec(
                "hello",
                version,
                server.uri("/hello_" + version + ".raw"),
                new dev.berth.model.Digest.Pinned(FakeImagePool.sha256(image)),
                "default",
                List.of("hello"),
                true,
                true,
                false,
                new Origin("m.yaml", 4),
                HealthCheck.DEFAULT,
                List.of(
                        new Sidecar(
                                Sidecar.Kind.ROOTHASH,
                                server.uri("/hello_" + version + ".roothash"),
                                FakeImagePool.sha256(roothash)),
                        new Sidecar(Sidecar.Kind.VERITY, server.uri("/hello_" + version + ".verity"), verityHash)));
    }

    private static Manifest manifest(ImageSpec spec) {
        return new Manifest(List.of(spec), "m.yaml");
    }

    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(pool)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
