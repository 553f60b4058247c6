package dev.berth.fetchers.sums;

import dev.berth.fetchers.pgp.TestKey;

/** The keys of the SHA256SUMS tests, made once per run: RSA key generation is the slow part. */
final class Keys {
    /** Signs with its primary key. */
    static final TestKey RELEASE = TestKey.generate("Release <release@example.org>", false);
    /** Signs with a signing subkey. */
    static final TestKey BUILDER = TestKey.generate("Builder <builder@example.org>", true);
    /** Not in the trusted keys file. */
    static final TestKey STRANGER = TestKey.generate("Stranger <who@example.org>", false);

    private Keys() {}
}
