package dev.berth.model;

import dev.berth.model.yaml.Fields;
import dev.berth.model.yaml.YamlNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the {@code limits:} block of a manifest entry (or the agent's {@code policy.limits:} caps) as strictly as
 * the rest: a field that is not on {@link Limit}'s allow-list, or a value its limit does not take, is reported with
 * its line, naming what is allowed.
 */
public final class LimitsParser {
    private LimitsParser() {}

    /** The limits the block {@code l} sets, or empty when it has problems (reported to its problems). */
    public static Optional<Limits> read(Fields l) {
        return read(l, Set.of(Limit.values()));
    }

    /** As {@link #read(Fields)}, taking only the limits in {@code allowed} (caps cannot be address lists). */
    public static Optional<Limits> read(Fields l, Set<Limit> allowed) {
        Set<String> fields = new TreeSet<>();
        allowed.forEach(limit -> fields.add(limit.field()));
        l.rejectUnknown(fields);
        int before = l.problems().count();
        Map<Limit, String> values = new EnumMap<>(Limit.class);
        for (Limit limit : Limit.values()) {
            if (!allowed.contains(limit) || !l.declared(limit.field())) {
                continue;
            }
            Optional<String> value = LimitValue.isList(limit) ? list(l, limit) : single(l, limit);
            value.ifPresent(v -> values.put(limit, v));
        }
        return l.problems().count() > before ? Optional.empty() : Optional.of(new Limits(values));
    }

    private static Optional<String> single(Fields l, Limit limit) {
        if (!l.has(limit.field())) {
            l.require(limit.field()); // written without a value
            return Optional.empty();
        }
        return l.checked(limit.field(), l.text(limit.field()), v -> LimitValue.valid(limit, v), LimitValue.rule(limit));
    }

    /** A list of addresses or words, written into the drop-in separated by spaces; never empty. */
    private static Optional<String> list(Fields l, Limit limit) {
        String key = limit.field();
        Optional<YamlNode> node = l.node(key);
        if (node.isEmpty()) {
            l.require(key); // written without a value
            return Optional.empty();
        }
        if (!(node.get() instanceof YamlNode.Sequence seq)) {
            l.problems()
                    .add(
                            l.positionOf(key),
                            l.path(key),
                            "must be a list (e.g. [any]), got " + node.get().describe());
            return Optional.empty();
        }
        int before = l.problems().count();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            YamlNode item = seq.items().get(i);
            String path = l.path(key) + "[" + i + "]";
            if (item instanceof YamlNode.Scalar s && LimitValue.valid(limit, s.text())) {
                items.add(s.text());
            } else {
                l.problems().add(item.position(), path, LimitValue.rule(limit) + ", got " + item.describe());
            }
        }
        if (items.isEmpty() && l.problems().count() == before) {
            l.problems()
                    .add(
                            l.keyPositionOf(key),
                            l.path(key),
                            "must list at least one address or word; " + "leave it out to set nothing");
        }
        return l.problems().count() > before ? Optional.empty() : Optional.of(String.join(" ", items));
    }
}
