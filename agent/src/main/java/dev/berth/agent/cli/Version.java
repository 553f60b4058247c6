package dev.berth.agent.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest. */
public final class Version implements IVersionProvider {
    public static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"berth " + current()};
    }
}
