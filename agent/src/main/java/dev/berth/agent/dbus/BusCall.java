package dev.berth.agent.dbus;

import org.freedesktop.dbus.exceptions.DBusException;

/** One or more D-Bus calls; dbus-java throws the checked DBusException for connection trouble. */
@FunctionalInterface
interface BusCall<T> {
    T call() throws DBusException;
}
