package dev.berth.agent.dbus;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.types.UInt32;

/** One entry of systemd's ListUnitsByPatterns and ListUnitsByNames: a(ssssssouso). Only name and states are used. */
// dbus-java reads and writes the @Position fields by reflection: each is part of the D-Bus signature, read or not.
@SuppressWarnings("UnusedVariable")
public final class LoadedUnit extends Struct {
    @Position(0)
    private final String name;

    @Position(1)
    private final String description;

    @Position(2)
    private final String loadState;

    @Position(3)
    private final String activeState;

    @Position(4)
    private final String subState;

    @Position(5)
    private final String following;

    @Position(6)
    private final DBusPath path;

    @Position(7)
    private final UInt32 jobId;

    @Position(8)
    private final String jobType;

    @Position(9)
    private final DBusPath jobPath;

    public LoadedUnit(
            String name,
            String description,
            String loadState,
            String activeState,
            String subState,
            String following,
            DBusPath path,
            UInt32 jobId,
            String jobType,
            DBusPath jobPath) {
        this.name = name;
        this.description = description;
        this.loadState = loadState;
        this.activeState = activeState;
        this.subState = subState;
        this.following = following;
        this.path = path;
        this.jobId = jobId;
        this.jobType = jobType;
        this.jobPath = jobPath;
    }

    String name() {
        return name;
    }

    String activeState() {
        return activeState;
    }

    String subState() {
        return subState;
    }
}
