package dev.berth.testkit;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The Debian releases a test container can boot, each pinning the systemd version under test. */
public enum Suite {
    BOOKWORM("bookworm", 252),
    TRIXIE("trixie", 257);

    /** The system property a Maven execution sets to pick the systemd version, e.g. {@code -Dberth.suite=trixie}. */
    public static final String PROPERTY = "berth.suite";

    private final String codename;
    private final int systemdVersion;

    Suite(String codename, int systemdVersion) {
        this.codename = codename;
        this.systemdVersion = systemdVersion;
    }

    /** The Debian code name, as debootstrap and prepare-test-host.sh take it. */
    public String codename() {
        return codename;
    }

    /** The major systemd version this suite ships. */
    public int systemdVersion() {
        return systemdVersion;
    }

    /** The suite named by {@value #PROPERTY}, bookworm when it is not set. */
    public static Suite fromSystemProperty() {
        String value = System.getProperty(PROPERTY);
        return value == null || value.isBlank() ? BOOKWORM : fromCodename(value);
    }

    public static Suite fromCodename(String codename) {
        String wanted = codename.trim().toLowerCase(Locale.ROOT);
        for (Suite suite : values()) {
            if (suite.codename.equals(wanted)) {
                return suite;
            }
        }
        throw new IllegalArgumentException("unknown suite '" + codename + "' (system property " + PROPERTY
                + "); use one of: "
                + Arrays.stream(values()).map(Suite::codename).collect(Collectors.joining(", ")));
    }
}
