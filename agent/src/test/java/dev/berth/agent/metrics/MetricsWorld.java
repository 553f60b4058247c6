package dev.berth.agent.metrics;

import dev.berth.model.ImageSpec;
import dev.berth.model.LocalPolicy;
import dev.berth.model.Manifest;
import dev.berth.reconciler.Executor;
import dev.berth.reconciler.Planner;
import dev.berth.reconciler.Reconciler;
import dev.berth.reconciler.fake.FakeImageFetcher;
import dev.berth.reconciler.fake.FakeImagePool;
import dev.berth.reconciler.fake.FakeInventoryStore;
import dev.berth.reconciler.fake.FakePortableHost;
import dev.berth.reconciler.fake.FakeSuspensions;
import dev.berth.reconciler.fake.ManualClock;
import dev.berth.reconciler.fake.TestImage;
import dev.berth.reconciler.health.HealthPolicy;
import dev.berth.reconciler.health.UnitHealthGate;
import dev.berth.reconciler.loop.AgentLoop;
import dev.berth.reconciler.loop.PassReport;
import dev.berth.reconciler.loop.QueueWakeup;
import dev.berth.reconciler.loop.Schedule;
import dev.berth.reconciler.loop.Wakeup;
import dev.berth.reconciler.port.ChangeGate;
import dev.berth.reconciler.port.DigestResolver;
import dev.berth.reconciler.port.ReconcileListener;
import dev.berth.reconciler.port.SourceSnapshot;
import dev.berth.reconciler.port.UnitLogs;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An agent made of fakes but with the real metrics, served over real HTTP: what a scrape would see. */
final class MetricsWorld implements AutoCloseable {
    static final String POOL = "/var/lib/portables";

    final ManualClock clock = new ManualClock();
    final FakePortableHost host = new FakePortableHost();
    final FakeImagePool pool = new FakeImagePool(POOL);
    final FakeImageFetcher fetcher = new FakeImageFetcher(pool);
    final FakeInventoryStore store = new FakeInventoryStore();
    final PrometheusMeterRegistry registry = Registries.agent();
    final BerthMetrics metrics = new BerthMetrics(registry, "1.2.3");
    final FakeSuspensions suspensions = new FakeSuspensions();
    private boolean ready;
    final MetricsServer server = MetricsServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), registry, () -> true, () -> ready);
    private final HttpClient http = HttpClient.newHttpClient();
    private Manifest desired = new Manifest(List.of(), "git://fleet hosts/web@aaaa");
    private String revision = "a".repeat(40);
    private final AgentLoop loop;
    /** What makes changes wait; by default nothing. */
    ChangeGate gate = (manifest, plan, observed, inventory) -> Map.of();

    MetricsWorld() {
        metrics.suspensions(suspensions, clock);
        UnitHealthGate health = new UnitHealthGate(
                host, HealthPolicy.DEFAULT, (u, t) -> Optional.empty(), UnitLogs.NONE, clock, clock.sleeper());
        Executor executor = new Executor(host, fetcher, pool, store, health, ReconcileListener.all(metrics), clock);
        Reconciler reconciler = new Reconciler(
                host,
                pool,
                store,
                new Planner(POOL),
                executor,
                DigestResolver.WITHOUT_KEYS,
                LocalPolicy.defaults(),
                clock,
                List.of((manifest, plan, observed, inventory) -> gate.waits(manifest, plan, observed, inventory)));
        loop = new AgentLoop(
                () -> new SourceSnapshot(desired, revision),
                reconciler,
                Schedule.DEFAULT,
                new QueueWakeup(),
                clock,
                () -> 0.5,
                new dev.berth.reconciler.loop.LoopListener() {
                    @Override
                    public void passFinished(PassReport report) {
                        metrics.passFinished(report);
                        ready = true;
                    }
                });
    }

    /** A base and extension images for it, as one entry named after the last extension. */
    ImageSpec publishLayered(TestImage base, TestImage... extensions) {
        return new dev.berth.reconciler.fake.Releases(fetcher, host, POOL).publishLayered(base, extensions);
    }

    ImageSpec publish(TestImage image, String profile) {
        return new dev.berth.reconciler.fake.Releases(fetcher, host, POOL).publish(image, profile);
    }

    PassReport pass(String commit, ImageSpec... images) {
        revision = commit.repeat(40).substring(0, 40);
        desired = new Manifest(List.of(images), "git://fleet hosts/web@" + commit);
        return loop.pass(Wakeup.Cause.TIMER);
    }

    HttpResponse<String> get(String path, String accept) throws Exception {
        String loopback = InetAddress.getLoopbackAddress().getHostAddress();
        HttpRequest.Builder request =
                HttpRequest.newBuilder(new URI("http", null, loopback, server.port(), path, null, null));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A real scrape, parsed. */
    Scrape scrape() throws Exception {
        return Scrape.parse(get("/metrics", null).body());
    }

    @Override
    public void close() {
        server.close();
    }
}
