package dev.berth.reconciler.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A portable image described by what its units do, so one description can become a fake image or a real
 * squashfs image for the same contract test.
 *
 * @param prefixes the unit prefixes its os-release allows (PORTABLE_PREFIXES); empty when it sets none
 * @param release the os-release text (of an extension: its extension-release text); "" for ID=berth-test and
 *     VERSION_ID=VERSION
 * @param extension whether it is an extension image, to be layered on a base image
 */
public record TestImage(
        String name, String version, List<TestUnit> units, List<String> prefixes, String release, boolean extension) {
    public TestImage {
        units = List.copyOf(units);
        prefixes = List.copyOf(prefixes);
        Objects.requireNonNull(release, "release");
    }

    public TestImage(String name, String version, List<TestUnit> units, List<String> prefixes) {
        this(name, version, units, prefixes, "", false);
    }

    public TestImage(String name, String version, List<TestUnit> units) {
        this(name, version, units, List.of());
    }

    /** A base image without units of its own, for extension images to be layered on. */
    public static TestImage base(String name, String version) {
        return new TestImage(name, version, List.of());
    }

    /**
     * An extension image with one unit NAME.service that keeps running, whose extension-release matches {@code
     * base} (its ID and VERSION_ID).
     */
    public static TestImage extensionOf(TestImage base, String name, String version) {
        return new TestImage(
                name,
                version,
                List.of(new TestUnit(name + ".service", TestUnit.Kind.LONG_RUNNING)),
                List.of(),
                "ID=berth-test\nVERSION_ID=" + base.version() + "\n",
                true);
    }

    /** The same image with another release text (an extension's: its extension-release). */
    public TestImage releasing(String text) {
        return new TestImage(name, version, units, prefixes, text, extension);
    }

    /** The release text as the image carries it. */
    public String releaseText() {
        return release.isEmpty() ? "ID=berth-test\nVERSION_ID=" + version + "\n" : release;
    }

    /** One unit NAME.service that keeps running. */
    public static TestImage service(String name, String version) {
        return new TestImage(name, version, List.of(new TestUnit(name + ".service", TestUnit.Kind.LONG_RUNNING)));
    }

    /** NAME.socket listening on a unix socket, activating NAME.service on demand. */
    public static TestImage socketActivated(String name, String version) {
        return new TestImage(
                name,
                version,
                List.of(
                        new TestUnit(name + ".socket", TestUnit.Kind.SOCKET),
                        new TestUnit(name + ".service", TestUnit.Kind.LONG_RUNNING)));
    }

    /** NAME.service that starts, then exits with status 1. */
    public static TestImage failing(String name, String version) {
        return new TestImage(name, version, List.of(new TestUnit(name + ".service", TestUnit.Kind.EXITS_WITH_FAILURE)));
    }

    public TestImage plus(TestUnit unit) {
        List<TestUnit> more = new ArrayList<>(units);
        more.add(unit);
        return new TestImage(name, version, more, prefixes, release, extension);
    }

    /** The same image, its os-release allowing only {@code allowed} as unit prefixes. */
    public TestImage allowingOnly(String... allowed) {
        return new TestImage(name, version, units, List.of(allowed), release, extension);
    }

    /** The same image at another version. */
    public TestImage at(String otherVersion) {
        return new TestImage(name, otherVersion, units, prefixes, release, extension);
    }

    public String fileName() {
        return name + "_" + version + ".raw";
    }

    /** One unit in a test image. */
    public record TestUnit(String name, Kind kind) {
        public enum Kind {
            LONG_RUNNING,
            EXITS_WITH_FAILURE,
            SOCKET
        }
    }
}
