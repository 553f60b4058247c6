package dev.berth.agent.dbus;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/** The methods of org.freedesktop.portable1.Manager the agent calls. */
@DBusInterfaceName("org.freedesktop.portable1.Manager")
public interface PortableManager extends DBusInterface {
    String BUS_NAME = "org.freedesktop.portable1";
    String OBJECT_PATH = "/org/freedesktop/portable1";
    String INTERFACE = "org.freedesktop.portable1.Manager";

    @DBusMemberName("AttachImage")
    List<Change> attachImage(String image, List<String> matches, String profile, boolean runtime, String copyMode);

    @DBusMemberName("ReattachImage")
    Pair<List<Change>, List<Change>> reattachImage(
            String image, List<String> matches, String profile, boolean runtime, String copyMode);

    @DBusMemberName("DetachImage")
    List<Change> detachImage(String image, boolean runtime);

    /**
     * Dissects the image and extracts its matching units like an attach would, changing nothing: (path, os-release,
     * unit name to unit file).
     */
    @DBusMemberName("GetImageMetadata")
    Triple<String, byte[], Map<String, byte[]>> getImageMetadata(String image, List<String> matches);

    @DBusMemberName("GetImageState")
    String getImageState(String image);
}
