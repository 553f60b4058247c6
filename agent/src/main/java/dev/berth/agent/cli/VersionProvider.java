package dev.berth.agent.cli;

import dev.berth.agent.status.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code berth --version}: the version and the commit it was built from. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {Version.describe()};
    }
}
