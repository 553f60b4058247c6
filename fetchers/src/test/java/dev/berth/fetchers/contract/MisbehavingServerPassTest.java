package dev.berth.fetchers.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.fetchers.DownloadContext;
import dev.berth.fetchers.DownloadPolicy;
import dev.berth.fetchers.UrlImageFetcher;
import dev.berth.model.ImageSpec;
import dev.berth.model.LocalPolicy;
import dev.berth.model.Manifest;
import dev.berth.model.Origin;
import dev.berth.model.Sha256;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.state.KnownFile;
import dev.berth.reconciler.Pass;
import dev.berth.reconciler.Reconciler;
import dev.berth.reconciler.fake.FakeImagePool;
import dev.berth.reconciler.fake.FakeInventoryStore;
import dev.berth.reconciler.fake.FakePortableHost;
import dev.berth.reconciler.fake.TestImage;
import dev.berth.testkit.http.MisbehavingHttpServer;
import dev.berth.testkit.http.Reply;
import dev.berth.testkit.http.Resource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A whole reconcile pass, with the real downloader and pool, against a server that misbehaves: whatever it does,
 * nothing unverified lands in the pool and the attached set stays as it was; what it does only once, a retry or a
 * resume gets past.
 */
class MisbehavingServerPassTest {
    private static final String PATH = "/images/hello_2.0.raw";
    private static final byte[] V2 = bytes(300_000, 'b');

    @TempDir
    Path pool;

    private MisbehavingHttpServer server;
    private UrlImageFetcher fetcher;
    private final FakePortableHost host = new FakePortableHost();
    private final FakeInventoryStore store = new FakeInventoryStore();
    private Reconciler reconciler;

    @BeforeEach
    void helloOneIsRunning() throws IOException {
        server = MisbehavingHttpServer.start();
        DownloadPolicy policy = DownloadPolicy.defaults()
                .withLimits(new LocalPolicy(Set.of(), List.of(), 1_000_000, true))
                .withMaxAttempts(3)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500));
        fetcher = new UrlImageFetcher(pool, policy, DownloadContext.system().withSleeper(d -> {}));
        reconciler = FakeHostReconciler.of(host, fetcher, pool, store);
        host.install(pool.toString(), TestImage.service("hello", "1.0"));
        host.install(pool.toString(), TestImage.service("hello", "2.0"));
        byte[] v1 = bytes(1000, 'a');
        server.put("/images/hello_1.0.raw", Resource.of(v1));
        assertThat(reconciler
                        .apply(manifest(spec("1.0", FakeImagePool.sha256(v1))))
                        .converged())
                .isTrue();
        server.put(PATH, Resource.of(V2));
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.close();
    }

    static Stream<Arguments> persistentMisbehaviour() {
        return Stream.of(
                misbehaves("answers 503 every time", s -> s.always(PATH, Reply.status(503))),
                misbehaves("answers 404", s -> s.always(PATH, Reply.status(404))),
                misbehaves("redirects in a loop", s -> s.always(PATH, Reply.redirect(302, PATH))),
                misbehaves("drops the connection every time", s -> s.always(PATH, Reply.dropAfter(1000))),
                misbehaves("stalls every time", s -> s.always(PATH, Reply.stallAfter(1000, Duration.ofSeconds(5)))),
                misbehaves(
                        "announces a huge length",
                        s -> s.always(PATH, Reply.raw(200, Map.of("Content-Length", "10737418240"), new byte[0]))),
                misbehaves(
                        "sends fewer bytes than announced",
                        s -> s.always(PATH, Reply.raw(200, Map.of("Content-Length", "300000"), bytes(1000, 'b')))),
                misbehaves(
                        "sends other bytes than the manifest's sha256",
                        s -> s.put(PATH, Resource.of(bytes(300_000, 'x')))));
    }

    @ParameterizedTest(name = "a server that {0} leaves the pool verified and the host as it was")
    @MethodSource("persistentMisbehaviour")
    void aServerThatKeepsMisbehavingChangesNothing(String behaviour, Consumer<MisbehavingHttpServer> misbehave) {
        List<AttachedImage> before = host.attached();
        misbehave.accept(server);

        Pass pass = reconciler.apply(manifest(spec("2.0", FakeImagePool.sha256(V2))));

        assertThat(pass.converged()).isFalse();
        assertThat(host.attached()).isEqualTo(before);
        assertThat(poolFiles()).filteredOn(name -> !name.startsWith(".#")).containsExactly("hello_1.0.raw");
        assertThat(poolFiles()).allMatch(name -> name.equals("hello_1.0.raw") || name.startsWith(".#hello_2.0.raw."));
        assertThat(store.load().files().values()).extracting(KnownFile::version).containsExactly("1.0");
        assertThat(store.load().images().get("hello").version()).isEqualTo("1.0");
    }

    static Stream<Arguments> passingMisbehaviour() {
        return Stream.of(
                misbehaves("drops the connection once", s -> s.enqueue(PATH, Reply.dropAfter(100_000))),
                misbehaves("answers 503 once", s -> s.enqueue(PATH, Reply.status(503, "Retry-After", "1"))),
                misbehaves("stalls once", s -> s.enqueue(PATH, Reply.stallAfter(100_000, Duration.ofSeconds(5)))));
    }

    @ParameterizedTest(name = "a server that {0} is retried and the upgrade goes through")
    @MethodSource("passingMisbehaviour")
    void aServerThatMisbehavesOnceIsGotPast(String behaviour, Consumer<MisbehavingHttpServer> misbehave) {
        misbehave.accept(server);

        Pass pass = reconciler.apply(manifest(spec("2.0", FakeImagePool.sha256(V2))));

        assertThat(pass.converged()).isTrue();
        assertThat(host.attached()).extracting(AttachedImage::label).containsExactly("hello 2.0");
        assertThat(poolFiles()).containsExactly("hello_2.0.raw");
    }

    private ImageSpec spec(String version, Sha256 sha) {
        return new ImageSpec(
                "hello",
                version,
                server.uri("/images/hello_" + version + ".raw"),
                sha,
                "default",
                List.of("hello"),
                true,
                true,
                false,
                new Origin("m.yaml", 4));
    }

    private static Manifest manifest(ImageSpec spec) {
        return new Manifest(List.of(spec), "m.yaml");
    }

    private List<String> poolFiles() {
        try (Stream<Path> files = Files.list(pool)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Arguments misbehaves(String behaviour, Consumer<MisbehavingHttpServer> how) {
        return Arguments.of(behaviour, how);
    }

    private static byte[] bytes(int n, char c) {
        return String.valueOf(c).repeat(n).getBytes(StandardCharsets.US_ASCII);
    }
}
