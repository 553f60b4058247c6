package dev.berth.model;

import dev.berth.model.yaml.Fields;
import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads an entry's {@code compression:} (none, gzip, xz, zstd). Left out, the url's file name says it
 * ({@code .raw.gz}, {@code .raw.xz}, {@code .raw.zst}; anything else is none). Written, it must agree with a url
 * whose name says a compression: a url ending in .raw.xz with {@code compression: zstd} is refused with the line,
 * since one of the two is a mistake. {@code compression: none} with such a url is refused too; a url without a
 * telling suffix (a download endpoint) takes whatever the field says.
 */
final class CompressionField {
    static final String KEY = "compression";

    private CompressionField() {}

    /** The compression of an entry; empty (with a problem reported) when the field is invalid or disagrees. */
    static Optional<Compression> read(Fields f, Optional<URI> url) {
        Compression inferred = url.map(Compression::ofUrl).orElse(Compression.NONE);
        if (!f.has(KEY)) {
            return Optional.of(inferred);
        }
        Optional<String> word = f.text(KEY);
        if (word.isEmpty()) {
            return Optional.empty();
        }
        Optional<Compression> said = Compression.ofWord(word.get());
        if (said.isEmpty()) {
            f.problems()
                    .add(f.positionOf(KEY), f.path(KEY), "must be one of " + words() + ", got \"" + word.get() + "\"");
            return Optional.empty();
        }
        if (inferred != Compression.NONE && said.get() != inferred) {
            f.problems()
                    .add(
                            f.positionOf(KEY),
                            f.path(KEY),
                            "says " + said.get().word() + " but the url ends in .raw" + inferred.suffix() + " ("
                                    + inferred.word() + "); fix whichever is wrong, or leave compression out to go by"
                                    + " the url");
            return Optional.empty();
        }
        return said;
    }

    private static String words() {
        return Arrays.stream(Compression.values()).map(Compression::word).collect(Collectors.joining(", "));
    }
}
