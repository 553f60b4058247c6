package dev.berth.agent.dbus;

import java.io.IOException;
import java.time.Duration;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.MethodCall;
import org.jspecify.annotations.Nullable;

/**
 * One private connection to a system bus, made on first use and made again after it broke (dbus-java does not
 * reconnect). systemd only sends JobRemoved to subscribed clients, so the subscription and the signal handler are
 * set up once per connection.
 */
final class Bus implements AutoCloseable {
    /** Attach and reattach dissect and mount the image in a child; dbus-java's timeout is one global value. */
    static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

    private final String address;
    private final Jobs jobs = new Jobs();
    private @Nullable DBusConnection connection; // none until first use, and after it broke
    private boolean subscribed;

    Bus(@Nullable String address) {
        this.address = address == null ? "" : address.trim();
        MethodCall.setDefaultTimeout(CALL_TIMEOUT.toMillis());
    }

    /** For messages: which bus this is. */
    String describe() {
        return address.isEmpty() ? "the system bus" : "the bus at " + address;
    }

    synchronized DBusConnection connection() throws DBusException {
        if (connection == null || !connection.isConnected()) {
            disconnect();
            DBusConnectionBuilder builder = address.isEmpty()
                    ? DBusConnectionBuilder.forSystemBus()
                    : DBusConnectionBuilder.forAddress(address);
            connection = builder.withShared(false).build();
        }
        return connection;
    }

    <T extends DBusInterface> T remote(String busName, String objectPath, Class<T> type) throws DBusException {
        return connection().getRemoteObject(busName, objectPath, type);
    }

    PortableManager portabled() throws DBusException {
        return remote(PortableManager.BUS_NAME, PortableManager.OBJECT_PATH, PortableManager.class);
    }

    SystemdManager systemd() throws DBusException {
        return remote(SystemdManager.BUS_NAME, SystemdManager.OBJECT_PATH, SystemdManager.class);
    }

    Properties properties(String busName, String objectPath) throws DBusException {
        return remote(busName, objectPath, Properties.class);
    }

    /**
     * Whether a well-known name has an owner now. After an error from portabled this tells a refusal (portabled
     * answered) from a failed activation (masked, not installed, crashed): dbus-java 5.2 drops the error names it
     * has no class for, so "org.freedesktop.systemd1.UnitMasked" arrives as a bare message.
     */
    boolean hasOwner(String busName) throws DBusException {
        return remote("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class)
                .NameHasOwner(busName);
    }

    /** Opens a batch of jobs to wait for, subscribing to systemd's job signals first if needed. */
    synchronized Jobs.Batch jobs() throws DBusException {
        DBusConnection current = connection();
        if (!subscribed) {
            current.addSigHandler(
                    SystemdManager.JobRemoved.class,
                    signal -> jobs.removed(signal.job(), signal.unit(), signal.result()));
            systemd().subscribe();
            subscribed = true;
        }
        return jobs.open();
    }

    private void disconnect() {
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException | RuntimeException e) {
                // the connection is being replaced or closed; nothing to do about a failure to close it
            }
            connection = null;
            subscribed = false;
        }
    }

    @Override
    public synchronized void close() {
        disconnect();
    }
}
