package dev.berth.agent.dbus;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt64;

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

    /** The *WithExtensions flag that asks for an attachment under /run (like {@code runtime} above). */
    UInt64 FLAG_RUNTIME = new UInt64(1L);

    UInt64 NO_FLAGS = new UInt64(0L);

    /** Since 249, as the four methods below; the units come from the base and the extensions together. */
    @DBusMemberName("AttachImageWithExtensions")
    List<Change> attachImageWithExtensions(
            String image, List<String> extensions, List<String> matches, String profile, String copyMode, UInt64 flags);

    @DBusMemberName("ReattachImageWithExtensions")
    Pair<List<Change>, List<Change>> reattachImageWithExtensions(
            String image, List<String> extensions, List<String> matches, String profile, String copyMode, UInt64 flags);

    /**
     * Like DetachImage, ignoring versions: with app_2.0 attached on the base, detaching with app_1.0 detaches it
     * (seen on 252).
     */
    @DBusMemberName("DetachImageWithExtensions")
    List<Change> detachImageWithExtensions(String image, List<String> extensions, UInt64 flags);

    /**
     * (base path, base os-release, extension path to extension-release, unit name to unit file), changing nothing.
     * It does not check the extension-releases against the base (seen on 252 and 257).
     */
    @DBusMemberName("GetImageMetadataWithExtensions")
    Quad<String, byte[], Map<String, byte[]>, Map<String, byte[]>> getImageMetadataWithExtensions(
            String image, List<String> extensions, List<String> matches, UInt64 flags);
}
