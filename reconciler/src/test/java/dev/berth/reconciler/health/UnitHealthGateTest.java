package dev.berth.reconciler.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.model.BerthException;
import dev.berth.model.HealthCheck;
import dev.berth.model.ImageSpec;
import dev.berth.model.Reason;
import dev.berth.reconciler.Fixtures;
import dev.berth.reconciler.fake.FakePortableHost;
import dev.berth.reconciler.fake.ManualClock;
import dev.berth.reconciler.fake.TestImage;
import dev.berth.reconciler.port.Attachment;
import dev.berth.reconciler.port.HttpProbe;
import dev.berth.reconciler.port.UnitLogs;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnitHealthGateTest {
    private final ManualClock clock = new ManualClock();
    private final FakePortableHost host = new FakePortableHost();
    private final UnitLogs logs = (unit, n) -> List.of("starting " + unit, "bind: address already in use");
    private HttpProbe probe = (url, timeout) -> Optional.empty();

    private UnitHealthGate gate() {
        return new UnitHealthGate(
                host, HealthPolicy.DEFAULT, (url, t) -> probe.problem(url, t), logs, clock, clock.sleeper());
    }

    private ImageSpec running(TestImage image) {
        String path = host.install(Fixtures.POOL, image);
        host.attach(new Attachment(path, List.of(image.name()), "default", false, true, true));
        return Fixtures.spec(image.name(), image.version());
    }

    @Test
    void unitsThatStayActiveForTheStableWindowPass() {
        ImageSpec hello = running(TestImage.service("hello", "1.0"));
        Instant start = clock.instant();

        gate().await(hello);

        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aUnitThatFailsDuringTheWindowFailsTheGateAtOnceWithItsLastLogLines() {
        ImageSpec hello = running(TestImage.service("hello", "1.0"));
        clock.at(Duration.ofSeconds(3), () -> host.crash("hello", "hello.service"));
        Instant start = clock.instant();

        assertThatThrownBy(() -> gate().await(hello))
                .isInstanceOfSatisfying(
                        BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.HealthCheckFailed))
                .hasMessageContaining("image hello 1.0 (profile default) failed its health check: hello.service failed"
                        + " (result exit-code)")
                .hasMessageContaining("last log lines of hello.service:\n    starting hello.service\n    bind:");
        assertThat(Duration.between(start, clock.instant())).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aUnitThatSystemdRestartsFailsTheGate() {
        ImageSpec hello = running(TestImage.service("hello", "1.0"));
        clock.at(Duration.ofSeconds(8), () -> host.crashAndRestart("hello", "hello.service"));

        assertThatThrownBy(() -> gate().await(hello)).hasMessageContaining("hello.service restarted 1 times");
    }

    @Test
    void unitsThatNeverStartFailAtTheTimeout() {
        ImageSpec hello = Fixtures.spec("hello", "1.0");
        String path = host.install(Fixtures.POOL, TestImage.service("hello", "1.0"));
        host.attach(new Attachment(path, List.of("hello"), "default", false, false, false));
        Instant start = clock.instant();

        assertThatThrownBy(() -> gate().await(hello))
                .hasMessageContaining("not healthy within 60 s: still waiting for hello.service is inactive/dead");
        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aSocketActivatedImageIsHealthyWhileItsServiceWaitsForAConnection() {
        ImageSpec web = running(TestImage.socketActivated("web", "1"));

        gate().await(web);

        assertThat(host.attached().get(0).units()).hasSize(2);
    }

    @Test
    void aHealthUrlMustAnswerDuringTheStableWindow() {
        ImageSpec hello = running(TestImage.service("hello", "1.0"))
                .withHealth(new HealthCheck(
                        Optional.of(URI.create("http://127.0.0.1:8081/healthz")),
                        Optional.of(Duration.ofSeconds(5)),
                        Optional.of(Duration.ofSeconds(30))));
        Instant start = clock.instant();
        Instant[] answersFrom = {start.plusSeconds(4)};
        probe = (url, timeout) ->
                clock.instant().isBefore(answersFrom[0]) ? Optional.of("answered 503") : Optional.empty();

        gate().await(hello);

        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void aHealthUrlThatNeverAnswersFailsWithWhatItSaid() {
        ImageSpec hello = running(TestImage.service("hello", "1.0"))
                .withHealth(new HealthCheck(
                        Optional.of(URI.create("http://127.0.0.1:8081/healthz")), Optional.empty(), Optional.empty()));
        probe = (url, timeout) -> Optional.of("answered 503");

        assertThatThrownBy(() -> gate().await(hello))
                .hasMessageContaining("still waiting for health.http http://127.0.0.1:8081/healthz answered 503");
    }

    @Test
    void severalImagesAreWatchedTogetherAndEachPassesOrFailsOnItsOwn() {
        ImageSpec a = running(TestImage.service("a", "1"));
        ImageSpec b = running(TestImage.service("b", "1"));
        ImageSpec c = running(TestImage.service("c", "1"));
        clock.at(Duration.ofSeconds(3), () -> host.crash("b", "b.service"));
        Instant start = clock.instant();

        var failed = gate().awaitAll(List.of(a, b, c));

        assertThat(failed).containsOnlyKeys("b");
        assertThat(failed.get("b")).hasMessageContaining("image b 1 (profile default) failed its health check");
        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void eachImageInASharedWatchKeepsItsOwnStableWindow() {
        ImageSpec quick = running(TestImage.service("quick", "1"))
                .withHealth(new HealthCheck(Optional.empty(), Optional.of(Duration.ofSeconds(2)), Optional.empty()));
        ImageSpec slow = running(TestImage.service("slow", "1"));
        Instant start = clock.instant();

        assertThat(gate().awaitAll(List.of(quick, slow))).isEmpty();

        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofSeconds(10));
    }
}
