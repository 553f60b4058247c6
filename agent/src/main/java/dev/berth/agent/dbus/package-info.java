/**
 * The host port over D-Bus: what {@code portablectl --enable --now} does, through org.freedesktop.portable1 and
 * org.freedesktop.systemd1, with every dbus-java type and exception kept inside this package.
 */
@NullMarked
package dev.berth.agent.dbus;

import org.jspecify.annotations.NullMarked;
