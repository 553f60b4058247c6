package dev.berth.model.fleet;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Where a host stands in the percent waves of one image's rollouts, from 0 (first) to just below 1 (last):
 * the first 8 bytes of {@code sha256(machine-id + "/" + image name)}, read as an unsigned big-endian number,
 * divided by 2^64. Anyone can compute it for a host:
 *
 * <pre>printf '%s/%s' "$(cat /etc/machine-id)" web | sha256sum | cut -c1-16   # then divide by 2^64</pre>
 *
 * The image name is in the hash so that the same hosts are not always the first to take every image; the
 * version is not, so that a host keeps its place from one release of an image to the next.
 */
public final class Position {
    private static final double TWO_TO_THE_64 = 0x1p64;

    private Position() {}

    public static double of(String machineId, String image) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256")
                    .digest((machineId + "/" + image).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long first = ByteBuffer.wrap(hash, 0, 8).getLong();
        double unsigned = (first >>> 1) * 2.0 + (first & 1);
        return unsigned / TWO_TO_THE_64;
    }
}
