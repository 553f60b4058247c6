package dev.berth.agent.dbus;

import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.Position;

/** Two out-arguments of one call (dbus-java needs a generic Tuple to convert them). */
public final class Pair<A, B> extends Tuple {
    @Position(0)
    private final A first;

    @Position(1)
    private final B second;

    public Pair(A first, B second) {
        this.first = first;
        this.second = second;
    }

    A first() {
        return first;
    }

    B second() {
        return second;
    }
}
