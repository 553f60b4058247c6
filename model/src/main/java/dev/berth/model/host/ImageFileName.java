package dev.berth.model.host;

import java.util.Optional;

/**
 * The name and version portabled reads from an image path, e.g. /var/lib/portables/hello_1.0.raw is image
 * "hello" at version "1.0". Like portabled, the name ends at the first "_" or "+"; an image without either
 * has no version.
 */
public record ImageFileName(String name, Optional<String> version) {
    public static ImageFileName of(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        if (base.endsWith(".raw")) {
            base = base.substring(0, base.length() - ".raw".length());
        }
        int cut = indexOfAny(base, '_', '+');
        if (cut < 0) {
            return new ImageFileName(base, Optional.empty());
        }
        String version = base.substring(cut + 1);
        return new ImageFileName(base.substring(0, cut), version.isEmpty() ? Optional.empty() : Optional.of(version));
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        if (i < 0) {
            return j;
        }
        return j < 0 ? i : Math.min(i, j);
    }
}
