package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SuiteTest {
    private final String saved = System.getProperty(Suite.PROPERTY);

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(Suite.PROPERTY);
        } else {
            System.setProperty(Suite.PROPERTY, saved);
        }
    }

    @Test
    void withoutThePropertyTheSuiteIsBookwormWithSystemd252() {
        System.clearProperty(Suite.PROPERTY);

        assertThat(Suite.fromSystemProperty()).isEqualTo(Suite.BOOKWORM);
        assertThat(Suite.BOOKWORM.systemdVersion()).isEqualTo(252);
    }

    @Test
    void thePropertyPicksTrixieWithSystemd257() {
        System.setProperty(Suite.PROPERTY, " Trixie ");

        assertThat(Suite.fromSystemProperty()).isEqualTo(Suite.TRIXIE);
        assertThat(Suite.TRIXIE.systemdVersion()).isEqualTo(257);
    }

    @Test
    void anUnknownSuiteIsRefusedWithTheKnownOnes() {
        System.setProperty(Suite.PROPERTY, "buster");

        assertThatThrownBy(Suite::fromSystemProperty)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown suite 'buster'")
                .hasMessageContaining("bookworm, trixie");
    }
}
