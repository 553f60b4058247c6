package dev.berth.agent.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Which state directory a command that only reads or writes there uses: the agent's, unless told otherwise. */
public final class StateOptions {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "The agent's configuration (default: /etc/berth/agent.yaml when it exists).")
    @Nullable
    Path config;

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description = "The agent's state directory (default: the configuration's stateDir, else /var/lib/berth).")
    @Nullable
    Path stateDir;

    /** The directory given, else the configuration's; a configuration that does not read is a BerthException. */
    Path stateDir() {
        return stateDir != null ? stateDir : SettingsOptions.read(config).stateDir();
    }
}
