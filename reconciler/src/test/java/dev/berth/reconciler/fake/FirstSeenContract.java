package dev.berth.reconciler.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reconciler.port.FirstSeen;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link FirstSeen} does; run against the fake and the real state directory. */
public abstract class FirstSeenContract {
    protected static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");

    protected abstract FirstSeen firstSeen();

    /** A second one over the same storage, as after a restart. */
    protected abstract FirstSeen reopened();

    private static Instant later(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void aVersionNeverSeenIsSeenNow() {
        assertThat(firstSeen().seen(Map.of("web", "2.0"), T0)).isEqualTo(Map.of("web", T0));
    }

    @Test
    void aVersionSeenBeforeKeepsItsFirstTime() {
        firstSeen().seen(Map.of("web", "2.0"), T0);

        assertThat(firstSeen().seen(Map.of("web", "2.0"), later(20))).isEqualTo(Map.of("web", T0));
    }

    @Test
    void anotherVersionOfTheImageIsSeenAfresh() {
        firstSeen().seen(Map.of("web", "2.0"), T0);

        assertThat(firstSeen().seen(Map.of("web", "3.0"), later(20))).isEqualTo(Map.of("web", later(20)));
    }

    @Test
    void aVersionNoLongerListedIsForgottenSoThatItsReturnStartsAgain() {
        firstSeen().seen(Map.of("web", "2.0", "db", "1.0"), T0);
        firstSeen().seen(Map.of("db", "1.0"), later(10));

        assertThat(firstSeen().seen(Map.of("web", "2.0", "db", "1.0"), later(20)))
                .isEqualTo(Map.of("web", later(20), "db", T0));
    }

    @Test
    void firstSightingsSurviveARestart() {
        firstSeen().seen(Map.of("web", "2.0"), T0);

        assertThat(reopened().seen(Map.of("web", "2.0"), later(20))).isEqualTo(Map.of("web", T0));
    }

    @Test
    void nothingListedIsNothingSeen() {
        firstSeen().seen(Map.of("web", "2.0"), T0);

        assertThat(firstSeen().seen(Map.of(), later(1))).isEmpty();
        assertThat(reopened().seen(Map.of("web", "2.0"), later(2))).isEqualTo(Map.of("web", later(2)));
    }
}
