package dev.berth.testkit.http;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A file the server serves, with the validators it announces. With {@code ranges} it honours Range and If-Range
 * as RFC 9110 says; without, it answers every request with the whole file, like a server that ignores Range.
 * Either way it answers 304 Not Modified when If-None-Match matches its ETag or, without If-None-Match,
 * If-Modified-Since is not before its Last-Modified.
 */
public record Resource(byte[] bytes, Optional<String> etag, Optional<Instant> lastModified, boolean ranges) {
    public Resource {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(lastModified, "lastModified");
    }

    /** The bytes with a strong ETag derived from their content and Range support. */
    public static Resource of(byte[] bytes) {
        return new Resource(
                bytes, Optional.of("\"" + Integer.toHexString(Arrays.hashCode(bytes)) + "\""), Optional.empty(), true);
    }

    public Resource withEtag(String quotedEtag) {
        return new Resource(bytes, Optional.of(quotedEtag), lastModified, ranges);
    }

    public Resource withoutEtag() {
        return new Resource(bytes, Optional.empty(), lastModified, ranges);
    }

    public Resource withLastModified(Instant when) {
        return new Resource(bytes, etag, Optional.of(when), ranges);
    }

    public Resource withoutRanges() {
        return new Resource(bytes, etag, lastModified, false);
    }

    public long length() {
        return bytes.length;
    }
}
