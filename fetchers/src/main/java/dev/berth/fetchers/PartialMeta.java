package dev.berth.fetchers;

import dev.berth.fetchers.fs.SafeFiles;
import dev.berth.model.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The sidecar of a partial download: which URL and expected sha256 its bytes belong to, and the server's
 * validators, so a later attempt or run resumes only what is still the same file. The URL is stored as its hash
 * because it may carry a token. It is read and written without following a link.
 */
record PartialMeta(String urlKey, Sha256 expected, Optional<String> etag, Optional<String> lastModified) {
    private static final String MAGIC = "berth-partial 1";
    /** A sidecar is a few lines; anything larger is not one. */
    private static final int MAX_BYTES = 64 * 1024;

    PartialMeta {
        Objects.requireNonNull(urlKey, "urlKey");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(lastModified, "lastModified");
    }

    static PartialMeta unvalidated(String url, Sha256 expected) {
        return new PartialMeta(keyOf(url), expected, Optional.empty(), Optional.empty());
    }

    PartialMeta withValidators(Optional<String> newEtag, Optional<String> newLastModified) {
        return new PartialMeta(urlKey, expected, newEtag, newLastModified);
    }

    boolean sameDownload(PartialMeta other) {
        return urlKey.equals(other.urlKey) && expected.equals(other.expected);
    }

    /** The If-Range value: a strong ETag, else Last-Modified (weak ETags may not be used there, RFC 9110 13.1.5). */
    Optional<String> ifRange() {
        Optional<String> strong = etag.filter(e -> !e.startsWith("W/"));
        return strong.isPresent() ? strong : lastModified;
    }

    static Optional<PartialMeta> read(Path file) {
        try {
            Optional<byte[]> bytes = SafeFiles.readPlain(file, MAX_BYTES);
            if (bytes.isEmpty()) {
                return Optional.empty(); // nothing there, or a link or another file that is not ours to read
            }
            String[] lines = new String(bytes.get(), StandardCharsets.UTF_8).split("\n", -1);
            if (lines.length == 0 || !lines[0].equals(MAGIC)) {
                return Optional.empty();
            }
            Map<String, String> fields = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int space = lines[i].indexOf(' ');
                if (space > 0) {
                    fields.put(lines[i].substring(0, space), lines[i].substring(space + 1));
                }
            }
            String urlKey = fields.get("url-sha256");
            String expected = fields.get("expected-sha256");
            if (urlKey == null || expected == null) {
                return Optional.empty();
            }
            return Optional.of(new PartialMeta(
                    urlKey,
                    new Sha256(expected),
                    Optional.ofNullable(fields.get("etag")),
                    Optional.ofNullable(fields.get("last-modified"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable or damaged: the partial is restarted, which is always safe
        }
    }

    void write(Path file) throws IOException {
        StringBuilder s = new StringBuilder(MAGIC).append('\n');
        s.append("url-sha256 ").append(urlKey).append('\n');
        s.append("expected-sha256 ").append(expected.hex()).append('\n');
        etag.ifPresent(e -> s.append("etag ").append(oneLine(e)).append('\n'));
        lastModified.ifPresent(
                m -> s.append("last-modified ").append(oneLine(m)).append('\n'));
        SafeFiles.writeNew(file, SafeFiles.PRIVATE, s.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String oneLine(String v) {
        return v.replaceAll("[\\r\\n]", "");
    }

    static String keyOf(String url) {
        try {
            return Sha256.of(MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8)))
                    .hex();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
