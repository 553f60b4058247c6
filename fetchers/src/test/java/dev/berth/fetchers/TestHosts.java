package dev.berth.fetchers;

import dev.berth.model.fleet.HostIdentity;
import java.util.Map;

/** Host identities for tests of the manifest sources. */
public final class TestHosts {
    /** A host without labels: every entry without a selector is for it. */
    public static final HostIdentity PLAIN =
            new HostIdentity("test-host", Map.of(), "0123456789abcdef0123456789abcdef");

    private TestHosts() {}
}
