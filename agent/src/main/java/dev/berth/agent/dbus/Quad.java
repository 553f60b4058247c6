package dev.berth.agent.dbus;

import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.Position;

/** Four out-arguments of one call (dbus-java needs a generic Tuple to convert them). */
// dbus-java reads and writes the @Position fields by reflection: each is part of the D-Bus signature, read or not.
@SuppressWarnings("UnusedVariable")
public final class Quad<A, B, C, D> extends Tuple {
    @Position(0)
    private final A first;

    @Position(1)
    private final B second;

    @Position(2)
    private final C third;

    @Position(3)
    private final D fourth;

    public Quad(A first, B second, C third, D fourth) {
        this.first = first;
        this.second = second;
        this.third = third;
        this.fourth = fourth;
    }

    B second() {
        return second;
    }

    C third() {
        return third;
    }

    D fourth() {
        return fourth;
    }
}
