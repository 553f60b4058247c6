package dev.berth.agent.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where Berth finds the host: the bus, the image pool and its own state directory. */
public final class HostOptions {
    @Option(
            names = "--bus",
            paramLabel = "ADDRESS",
            description = "D-Bus address of the host's system bus (default: the system bus).")
    String bus;

    @Option(
            names = "--pool",
            paramLabel = "DIR",
            defaultValue = "/var/lib/portables",
            description = "Directory images are downloaded to and attached from (default: ${DEFAULT-VALUE}).")
    Path pool;

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            defaultValue = "/var/lib/berth",
            description = "Directory for Berth's inventory and caches (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--allow-http", description = "Allow image downloads over plain http.")
    boolean allowHttp;

    @Option(
            names = "--trusted-keys",
            paramLabel = "FILE",
            description = "ASCII-armored OpenPGP public keys. With --git, the commit to apply must be signed by one of"
                    + " them (checked by fingerprint); SHA256SUMS files named by `sums:` must be signed by one too.")
    Path trustedKeys;

    public String bus() {
        return bus;
    }

    public Path pool() {
        return pool;
    }

    public Path stateDir() {
        return stateDir;
    }

    public boolean allowHttp() {
        return allowHttp;
    }

    public java.util.Optional<Path> trustedKeys() {
        return java.util.Optional.ofNullable(trustedKeys);
    }
}
