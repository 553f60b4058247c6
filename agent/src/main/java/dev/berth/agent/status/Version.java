package dev.berth.agent.status;

/** Berth's version, from the jar's manifest. */
public final class Version {
    private Version() {}

    public static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
