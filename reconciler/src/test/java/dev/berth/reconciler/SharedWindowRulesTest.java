package dev.berth.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.ImageSpec;
import dev.berth.model.Limits;
import dev.berth.model.plan.Step;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which steps may join a health window that is open, and which must wait for it to close. */
class SharedWindowRulesTest {
    private static final ImageSpec A = Fixtures.spec("a", "1");
    private static final ImageSpec B = Fixtures.spec("b", "1");

    private static SharedWindow windowWith(Step step) {
        SharedWindow window = new SharedWindow();
        window.add(new Unproven(step, A, () -> {}, e -> e), Instant.EPOCH);
        return window;
    }

    @Test
    void anEmptyWindowTakesAnyStep() {
        assertThat(new SharedWindow().admits(new Step.Prune(List.of("/var/lib/portables/x_1.raw"))))
                .isTrue();
    }

    @Test
    void anotherImageOnItsOwnFileJoinsTheWindow() {
        SharedWindow window = windowWith(new Step.Attach(A, Fixtures.path("a", "1")));

        assertThat(window.admits(new Step.Attach(B, Fixtures.path("b", "1")))).isTrue();
        assertThat(window.admits(new Step.Upgrade(B, Fixtures.path("b", "1"), Fixtures.attached("b", "0"))))
                .isTrue();
        assertThat(window.admits(new Step.Start(B, Fixtures.attached("b", "1"))))
                .isTrue();
    }

    @Test
    void aSecondStepOnTheSameImageWaitsForTheFirstToProveHealthy() {
        SharedWindow window = windowWith(new Step.Attach(A, Fixtures.path("a", "1")));

        assertThat(window.admits(new Step.Limit(A, Fixtures.attached("a", "1"), Limits.NONE)))
                .isFalse();
    }

    @Test
    void twoEntriesOnOneBaseImageDoNotShareAWindow() {
        SharedWindow window = windowWith(new Step.Attach(A, Fixtures.path("base", "1")));

        assertThat(window.admits(new Step.Attach(B, Fixtures.path("base", "1"))))
                .isFalse();
    }

    @Test
    void anUpgradeAwayFromAFileAnotherChangeUsesWaits() {
        SharedWindow window = windowWith(new Step.Attach(A, Fixtures.path("a", "1")));

        assertThat(window.admits(new Step.Upgrade(B, Fixtures.path("b", "2"), Fixtures.attached("a", "1"))))
                .isFalse();
    }

    @Test
    void fetchesDetachesAndPrunesNeverRunWhileAWindowIsOpen() {
        SharedWindow window = windowWith(new Step.Attach(A, Fixtures.path("a", "1")));

        assertThat(window.admits(new Step.Fetch(B, Fixtures.path("b", "1")))).isFalse();
        assertThat(window.admits(new Step.Detach(Fixtures.managed("b", "1"), Optional.empty(), List.of())))
                .isFalse();
        assertThat(window.admits(new Step.Prune(List.of(Fixtures.path("c", "1")))))
                .isFalse();
    }

    @Test
    void aClosedWindowIsEmptyAgain() {
        SharedWindow window = windowWith(new Step.Attach(A, Fixtures.path("a", "1")));

        assertThat(window.close()).hasSize(1);
        assertThat(window.admits(new Step.Prune(List.of(Fixtures.path("c", "1")))))
                .isTrue();
    }
}
