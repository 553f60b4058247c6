package dev.berth.reconciler;

import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether a URL lies under an allowed prefix. A file: URL is compared as a normalized path, so that
 * {@code file:///srv/images/../../etc/shadow} is not under {@code file:///srv/images/}; other URLs as text.
 */
final class UrlPrefixes {
    private UrlPrefixes() {}

    static boolean isFile(String prefix) {
        return prefix.toLowerCase(Locale.ROOT).startsWith("file:");
    }

    static boolean under(URI url, String prefix) {
        boolean fileUrl = "file".equalsIgnoreCase(url.getScheme());
        if (fileUrl != isFile(prefix)) {
            return false;
        }
        if (!fileUrl) {
            return url.toString().startsWith(prefix);
        }
        try {
            Path path = Path.of(url).normalize();
            Path allowed = Path.of(URI.create(prefix)).normalize();
            return path.startsWith(allowed) && !path.equals(allowed);
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            return false;
        }
    }
}
