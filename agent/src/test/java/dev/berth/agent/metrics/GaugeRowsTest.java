package dev.berth.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GaugeRowsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final GaugeRows converged = GaugeRows.register("berth.image.converged", "converged", registry);

    private static Map<Tags, Integer> rows(int hello, int world) {
        Map<Tags, Integer> rows = new LinkedHashMap<>();
        rows.put(Tags.of("image", "hello"), hello);
        rows.put(Tags.of("image", "world"), world);
        return rows;
    }

    private Meter meter(String image) {
        return registry.get("berth.image.converged").tag("image", image).gauge();
    }

    private double value(String image) {
        return registry.get("berth.image.converged").tag("image", image).gauge().value();
    }

    @Test
    void theSameRowsAgainKeepTheMetersAsTheyAre() {
        converged.set(rows(1, 0));
        Meter hello = meter("hello");

        converged.set(rows(1, 0));

        assertThat(meter("hello")).isSameAs(hello);
        assertThat(value("hello")).isEqualTo(1.0);
        assertThat(value("world")).isEqualTo(0.0);
    }

    @Test
    void aChangedValueOrAGoneRowIsRegisteredAgain() {
        converged.set(rows(1, 0));

        converged.set(rows(1, 1));
        assertThat(value("world")).isEqualTo(1.0);

        converged.set(Map.of(Tags.of("image", "hello"), 0));
        assertThat(value("hello")).isEqualTo(0.0);
        assertThat(registry.find("berth.image.converged").tag("image", "world").gauge())
                .isNull();
    }
}
