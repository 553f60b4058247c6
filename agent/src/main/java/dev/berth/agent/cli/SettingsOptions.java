package dev.berth.agent.cli;

import dev.berth.agent.config.Settings;
import dev.berth.agent.config.SettingsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The agent's configuration as plan, apply and status read it, and the single settings a person may override on
 * the command line. Without --config, /etc/berth/agent.yaml is read when it exists, else the defaults apply: a
 * managed host's plan and apply do exactly what its agent would.
 */
public final class SettingsOptions {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "The agent's configuration (default: /etc/berth/agent.yaml when it exists).")
    @Nullable
    Path config;

    @Option(
            names = "--bus",
            paramLabel = "ADDRESS",
            description = "D-Bus address of the host's system bus (default: the configuration's, else the system bus).")
    @Nullable
    String bus;

    @Option(
            names = "--pool",
            paramLabel = "DIR",
            description = "Directory images are downloaded to and attached from (default: the configuration's"
                    + " poolDir, else /var/lib/portables).")
    @Nullable
    Path pool;

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description = "Berth's state directory (default: the configuration's stateDir, else /var/lib/berth).")
    @Nullable
    Path stateDir;

    @Option(names = "--allow-http", description = "Allow image downloads over plain http (policy.allowHttp).")
    boolean allowHttp;

    @Option(
            names = "--trusted-keys",
            paramLabel = "FILE",
            description = "ASCII-armored OpenPGP public keys. With --git, the commit to apply must be signed by one of"
                    + " them (checked by fingerprint); SHA256SUMS files named by `sums:` must be signed by one too.")
    @Nullable
    Path trustedKeys;

    /** The configuration file's settings (or the defaults), with the options given here applied on top. */
    public Settings resolve() {
        Settings settings = read(config);
        if (bus != null) {
            settings = settings.withBus(bus);
        }
        if (pool != null) {
            settings = settings.withPoolDir(pool);
        }
        if (stateDir != null) {
            settings = settings.withStateDir(stateDir);
        }
        if (allowHttp) {
            settings = settings.withPolicy(settings.policy().withAllowHttp(true));
        }
        if (trustedKeys != null) {
            settings = settings.withTrustedKeys(trustedKeys);
        }
        return settings;
    }

    /** The configuration file given, else /etc/berth/agent.yaml when it exists, else the defaults. */
    static Settings read(@Nullable Path config) {
        if (config != null) {
            return SettingsFile.read(config);
        }
        return Files.exists(Settings.DEFAULT_FILE) ? SettingsFile.read(Settings.DEFAULT_FILE) : Settings.defaults();
    }
}
