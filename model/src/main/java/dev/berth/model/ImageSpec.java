package dev.berth.model;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * One desired portable image: what to download, how to check it, and how to attach it.
 *
 * @param matches unit name prefixes to attach; never empty, because an empty list makes portabled attach every
 *     unit in the image
 */
public record ImageSpec(
        String name,
        String version,
        URI url,
        Sha256 sha256,
        String profile,
        List<String> matches,
        boolean enable,
        boolean start,
        boolean runtime,
        Origin origin,
        HealthCheck health) {

    public ImageSpec {
        requireMatching(name, Names.IMAGE_NAME, "name");
        requireMatching(version, Names.VERSION, "version");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(sha256, "sha256");
        requireMatching(profile, Names.PROFILE, "profile");
        matches = List.copyOf(matches);
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("matches of image " + name + " must not be empty");
        }
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(health, "health");
    }

    /** An image checked by its units alone. */
    public ImageSpec(
            String name,
            String version,
            URI url,
            Sha256 sha256,
            String profile,
            List<String> matches,
            boolean enable,
            boolean start,
            boolean runtime,
            Origin origin) {
        this(name, version, url, sha256, profile, matches, enable, start, runtime, origin, HealthCheck.DEFAULT);
    }

    /** The file name in the pool: NAME_VERSION.raw. */
    public String fileName() {
        return Names.rawFileName(name, version);
    }

    /** "hello 1.0", as messages name an image. */
    public String label() {
        return name + " " + version;
    }

    private static void requireMatching(String value, java.util.regex.Pattern rule, String what) {
        if (value == null || !rule.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid " + what + ": " + value);
        }
    }
}
