package dev.berth.fetchers;

import dev.berth.model.ImageSpec;
import dev.berth.model.Origin;
import dev.berth.model.Sha256;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Random;

/** Test images: deterministic bytes, their sha256, and the spec of image "hello" version "1.0". */
final class Images {
    static final String TARGET = "hello_1.0.raw";
    static final String PARTIAL = ".#hello_1.0.raw.partial";
    static final String META = ".#hello_1.0.raw.partial.meta";

    private Images() {}

    static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static Sha256 sha256(byte[] bytes) {
        try {
            return Sha256.of(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ImageSpec spec(URI url, Sha256 sha256) {
        return new ImageSpec(
                "hello", "1.0", url, sha256, "default", List.of("hello"), true, true, false, Origin.UNKNOWN);
    }
}
