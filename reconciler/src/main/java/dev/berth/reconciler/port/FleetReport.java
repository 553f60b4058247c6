package dev.berth.reconciler.port;

import java.util.List;
import java.util.Objects;

/** What the fleet's health says about one version of one image. */
public sealed interface FleetReport {
    /** No host reports the version as failed. */
    record Healthy() implements FleetReport {}

    /**
     * Some hosts report the version as failed.
     *
     * @param hosts the hosts that do, as the fleet names them
     */
    record Failed(List<String> hosts) implements FleetReport {
        public Failed {
            hosts = List.copyOf(hosts);
        }
    }

    /**
     * The fleet's health could not be asked: a host that goes ahead could be the next to fail.
     *
     * @param why what went wrong, for people (never a token or a URL's query)
     */
    record Unknown(String why) implements FleetReport {
        public Unknown {
            Objects.requireNonNull(why, "why");
        }
    }
}
