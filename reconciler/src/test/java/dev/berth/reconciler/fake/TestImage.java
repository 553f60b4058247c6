package dev.berth.reconciler.fake;

import java.util.ArrayList;
import java.util.List;

/**
 * A portable image described by what its units do, so one description can become a fake image or a real
 * squashfs image for the same contract test.
 *
 * @param prefixes the unit prefixes its os-release allows (PORTABLE_PREFIXES); empty when it sets none
 */
public record TestImage(String name, String version, List<TestUnit> units, List<String> prefixes) {
    public TestImage {
        units = List.copyOf(units);
        prefixes = List.copyOf(prefixes);
    }

    public TestImage(String name, String version, List<TestUnit> units) {
        this(name, version, units, List.of());
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
        return new TestImage(name, version, more, prefixes);
    }

    /** The same image, its os-release allowing only {@code allowed} as unit prefixes. */
    public TestImage allowingOnly(String... allowed) {
        return new TestImage(name, version, units, List.of(allowed));
    }

    /** The same image at another version. */
    public TestImage at(String otherVersion) {
        return new TestImage(name, otherVersion, units, prefixes);
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
