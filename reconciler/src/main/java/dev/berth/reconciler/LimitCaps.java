package dev.berth.reconciler;

import dev.berth.model.Limit;
import dev.berth.model.LimitValue;
import dev.berth.model.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The host's ceilings on limits ({@code policy.limits}), held against what a manifest entry sets. */
final class LimitCaps {
    private LimitCaps() {}

    /**
     * What {@code limits} sets above a cap, or leaves unset although the host caps it (unset is unlimited), in
     * words; empty when every cap is kept.
     */
    static List<String> exceeded(Limits limits, Limits caps) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Limit, String> cap : caps.values().entrySet()) {
            Limit limit = cap.getKey();
            String field = "limits." + limit.field();
            String policy = "policy.limits." + limit.field() + " " + cap.getValue();
            String value = limits.values().get(limit);
            if (value == null) {
                problems.add(field + " is not set (unlimited), but this host caps it at " + policy
                        + ": set it at or below the cap");
                continue;
            }
            LimitValue.Quantity set = LimitValue.quantity(limit, value).orElseThrow();
            LimitValue.Quantity most =
                    LimitValue.quantity(limit, cap.getValue()).orElseThrow();
            if (set.percent() != most.percent()) {
                problems.add(field + " " + value + " cannot be held to this host's cap " + policy
                        + " (one is a percent, the other is not): give it as the cap does");
            } else if (set.exceeds(most)) {
                problems.add(field + " " + value + " is above this host's cap " + policy);
            }
        }
        return problems;
    }
}
