package dev.berth.agent;

import dev.berth.agent.cli.HostOptions;

/** Opens the real adapters: D-Bus to portabled and systemd, the pool directory, HTTP downloads, the state dir. */
final class SystemHostConnector implements HostConnector {
    @Override
    public Host open(HostOptions options) {
        throw new UnsupportedOperationException("wired when the D-Bus adapter and the downloader land");
    }
}
