package dev.berth.agent.dbus;

import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.Position;

/** Three out-arguments of one call (dbus-java needs a generic Tuple to convert them). */
// dbus-java reads and writes the @Position fields by reflection: each is part of the D-Bus signature, read or not.
@SuppressWarnings("UnusedVariable")
public final class Triple<A, B, C> extends Tuple {
    @Position(0)
    private final A first;

    @Position(1)
    private final B second;

    @Position(2)
    private final C third;

    public Triple(A first, B second, C third) {
        this.first = first;
        this.second = second;
        this.third = third;
    }

    B second() {
        return second;
    }

    C third() {
        return third;
    }
}
