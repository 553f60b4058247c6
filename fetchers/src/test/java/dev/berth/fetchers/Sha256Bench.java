package dev.berth.fetchers;

import java.security.MessageDigest;

/**
 * The SHA-256 limit for bench/download.sh: hashes MIB mebibytes (one 1 MiB block over and over, as the fetcher's
 * hashing thread does) with the JDK's SHA-256 after a warm-up, so at its intrinsic speed, and prints "BYTES NANOS".
 * Usage: Sha256Bench MIB
 */
public final class Sha256Bench {
    private Sha256Bench() {}

    public static void main(String[] args) throws Exception {
        int mib = Integer.parseInt(args[0]);
        byte[] block = Images.bytes(1024 * 1024, 7);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < 256; i++) { // warm-up: let the JIT put the intrinsic in place
            digest.update(block);
        }
        digest.reset();
        long start = System.nanoTime();
        for (int i = 0; i < mib; i++) {
            digest.update(block);
        }
        digest.digest();
        System.out.println((long) mib * block.length + " " + (System.nanoTime() - start));
    }
}
