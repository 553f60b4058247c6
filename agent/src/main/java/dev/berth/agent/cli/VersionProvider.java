package dev.berth.agent.cli;

import dev.berth.agent.status.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code berth --version}. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"berth " + Version.current()};
    }
}
