package dev.berth.reconciler.fake;

import dev.berth.model.Sha256;
import dev.berth.model.host.PoolFile;
import dev.berth.reconciler.port.ImagePool;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An in-memory pool directory; held to {@link ImagePoolContract}. */
public final class FakeImagePool implements ImagePool {
    private final String dir;
    private final Map<String, Stored> files = new TreeMap<>();
    private Instant now = Instant.parse("2026-11-01T00:00:00Z");
    private int hashes;

    public FakeImagePool(String dir) {
        this.dir = dir;
    }

    /** Writes a file, as a download or a person would; each write gets a later mtime. */
    public void put(String path, byte[] content) {
        now = now.plusSeconds(1);
        files.put(path, new Stored(content.clone(), now));
    }

    public Optional<byte[]> content(String path) {
        return Optional.ofNullable(files.get(path)).map(s -> s.content.clone());
    }

    public boolean exists(String path) {
        return files.containsKey(path);
    }

    /** How many times a file was hashed: the pool should not rehash files it already verified. */
    public int hashes() {
        return hashes;
    }

    @Override
    public String pathOf(String fileName) {
        return dir + "/" + fileName;
    }

    @Override
    public List<PoolFile> list() {
        return files.entrySet().stream()
                .map(e -> new PoolFile(e.getKey(), e.getValue().content.length, e.getValue().modified))
                .toList();
    }

    @Override
    public Sha256 hash(String path) {
        hashes++;
        Stored stored = files.get(path);
        if (stored == null) {
            throw new dev.berth.model.BerthException(dev.berth.model.Reason.FetchFailed, "no such file " + path);
        }
        return sha256(stored.content);
    }

    @Override
    public void delete(String path) {
        files.remove(path);
    }

    public static Sha256 sha256(byte[] content) {
        try {
            return Sha256.of(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Stored(byte[] content, Instant modified) {}
}
