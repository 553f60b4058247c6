package dev.berth.agent.dbus;

import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

/** One (type, path, source) change tuple, as portabled and systemd's unit file methods return them. */
// dbus-java reads and writes the @Position fields by reflection: each is part of the D-Bus signature, read or not.
@SuppressWarnings("UnusedVariable")
public final class Change extends Struct {
    @Position(0)
    private final String type;

    @Position(1)
    private final String path;

    @Position(2)
    private final String source;

    public Change(String type, String path, String source) {
        this.type = type;
        this.path = path;
        this.source = source;
    }

    String type() {
        return type;
    }

    String path() {
        return path;
    }
}
