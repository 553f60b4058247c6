package dev.berth.agent.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A multi-gauge of constant rows that is registered again only when its rows change. Registering removes and
 * rebuilds every row's meter, and most passes change nothing: the no-op pass stays cheap.
 */
final class GaugeRows {
    private final MultiGauge gauge;
    private Map<Tags, Double> last = Map.of();

    private GaugeRows(MultiGauge gauge) {
        this.gauge = gauge;
    }

    static GaugeRows register(String name, String description, MeterRegistry registry) {
        return new GaugeRows(MultiGauge.builder(name).description(description).register(registry));
    }

    /** The rows, by their tags, in order; replaces all rows before. */
    synchronized void set(Map<Tags, ? extends Number> rows) {
        Map<Tags, Double> now = new LinkedHashMap<>();
        rows.forEach((tags, value) -> now.put(tags, value.doubleValue()));
        if (!now.equals(last)) {
            gauge.register(
                    now.entrySet().stream()
                            .<MultiGauge.Row<?>>map(row -> MultiGauge.Row.of(row.getKey(), row.getValue()))
                            .toList(),
                    true);
            last = now;
        }
    }
}
