package dev.berth.model.fleet;

import java.util.Objects;

/** One wave of a rollout: the hosts it takes. A host is in the first wave of the list that takes it. */
public sealed interface Wave {
    boolean takes(HostIdentity host, String image);

    /** The hosts a selector matches, such as the canaries ({@code labels: {ring: canary}}). */
    record Hosts(HostSelector hosts) implements Wave {
        public Hosts {
            Objects.requireNonNull(hosts, "hosts");
        }

        @Override
        public boolean takes(HostIdentity host, String image) {
            return hosts.matches(host);
        }
    }

    /** The hosts whose {@link Position} for the image is below {@code percent} / 100. */
    record Percent(int percent) implements Wave {
        public Percent {
            if (percent < 0 || percent > 100) {
                throw new IllegalArgumentException("a wave's percent must be from 0 to 100: " + percent);
            }
        }

        @Override
        public boolean takes(HostIdentity host, String image) {
            return percent == 100 || Position.of(host.machineId(), image) < percent / 100.0;
        }
    }
}
