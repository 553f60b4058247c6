package dev.berth.model;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One desired portable image: what to download, how to check it, and how to attach it.
 *
 * @param matches unit name prefixes to attach; never empty, because an empty list makes portabled attach every
 *     unit in the image
 * @param compression how the file at {@code url} is compressed; the sha256 is that file's
 * @param extensions extension images layered on this (base) image, in order; empty for a plain image
 * @param limits resource and network limits Berth sets on the image's services
 * @param clean whether removing the image also removes its units' state, cache, logs and runtime directories
 */
public record ImageSpec(
        String name,
        String version,
        URI url,
        Digest digest,
        String profile,
        List<String> matches,
        boolean enable,
        boolean start,
        boolean runtime,
        Origin origin,
        HealthCheck health,
        List<Sidecar> sidecars,
        Compression compression,
        List<ExtensionSpec> extensions,
        Limits limits,
        boolean clean) {

    public ImageSpec {
        requireMatching(name, Names.IMAGE_NAME, "name");
        requireMatching(version, Names.VERSION, "version");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(digest, "digest");
        requireMatching(profile, Names.PROFILE, "profile");
        matches = List.copyOf(matches);
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("matches of image " + name + " must not be empty");
        }
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(health, "health");
        sidecars = List.copyOf(sidecars);
        if (sidecars.stream().map(Sidecar::kind).distinct().count() != sidecars.size()) {
            throw new IllegalArgumentException("each sidecar kind may appear once for image " + name);
        }
        Objects.requireNonNull(compression, "compression");
        extensions = List.copyOf(extensions);
        if (!extensions.isEmpty()) {
            requireLayerable(name, url, compression, extensions);
        }
        Objects.requireNonNull(limits, "limits");
    }

    /** A plain, uncompressed image without limits, kept on removal. */
    public ImageSpec(
            String name,
            String version,
            URI url,
            Digest digest,
            String profile,
            List<String> matches,
            boolean enable,
            boolean start,
            boolean runtime,
            Origin origin,
            HealthCheck health,
            List<Sidecar> sidecars) {
        this(
                name,
                version,
                url,
                digest,
                profile,
                matches,
                enable,
                start,
                runtime,
                origin,
                health,
                sidecars,
                Compression.ofUrl(url),
                List.of(),
                Limits.NONE,
                false);
    }

    /** An image with a pinned sha256, checked by its units alone, without verity sidecars. */
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
        this(
                name,
                version,
                url,
                new Digest.Pinned(sha256),
                profile,
                matches,
                enable,
                start,
                runtime,
                origin,
                HealthCheck.DEFAULT,
                List.of());
    }

    /**
     * The sha256 the image must have.
     *
     * @throws IllegalStateException when it comes from a SHA256SUMS file not resolved yet
     */
    public Sha256 sha256() {
        return digest.sha256()
                .orElseThrow(() -> new IllegalStateException("the sha256 of image " + label() + " comes from "
                        + ((Digest.Listed) digest).sums() + " and was not resolved yet"));
    }

    /** True when the sha256 is known (always, unless it comes from a SHA256SUMS file not read yet). */
    public boolean resolved() {
        return digest.sha256().isPresent();
    }

    /** This image with the sha256 read from its verified SHA256SUMS file. */
    public ImageSpec resolvedTo(Sha256 sha256) {
        Digest next = digest instanceof Digest.Listed listed
                ? new Digest.Listed(listed.sums(), Optional.of(sha256))
                : new Digest.Pinned(sha256);
        return new ImageSpec(
                name,
                version,
                url,
                next,
                profile,
                matches,
                enable,
                start,
                runtime,
                origin,
                health,
                sidecars,
                compression,
                extensions,
                limits,
                clean);
    }

    public ImageSpec withHealth(HealthCheck check) {
        return new ImageSpec(
                name,
                version,
                url,
                digest,
                profile,
                matches,
                enable,
                start,
                runtime,
                origin,
                check,
                sidecars,
                compression,
                extensions,
                limits,
                clean);
    }

    public ImageSpec withCompression(Compression how) {
        return new ImageSpec(
                name,
                version,
                url,
                digest,
                profile,
                matches,
                enable,
                start,
                runtime,
                origin,
                health,
                sidecars,
                how,
                extensions,
                limits,
                clean);
    }

    public ImageSpec withExtensions(List<ExtensionSpec> layered) {
        return new ImageSpec(
                name,
                version,
                url,
                digest,
                profile,
                matches,
                enable,
                start,
                runtime,
                origin,
                health,
                sidecars,
                compression,
                layered,
                limits,
                clean);
    }

    public ImageSpec withLimits(Limits set) {
        return new ImageSpec(
                name,
                version,
                url,
                digest,
                profile,
                matches,
                enable,
                start,
                runtime,
                origin,
                health,
                sidecars,
                compression,
                extensions,
                set,
                clean);
    }

    public ImageSpec withClean(boolean removeData) {
        return new ImageSpec(
                name,
                version,
                url,
                digest,
                profile,
                matches,
                enable,
                start,
                runtime,
                origin,
                health,
                sidecars,
                compression,
                extensions,
                limits,
                removeData);
    }

    /**
     * What this entry asks for, without where it was written: two entries with the same fingerprint ask for the
     * same thing. A change that failed is not retried until the fingerprint changes.
     */
    public Sha256 fingerprint() {
        String canonical = String.join(
                "\n",
                name,
                version,
                url.toString(),
                digest.toString(),
                profile,
                String.join(",", matches),
                Boolean.toString(enable),
                Boolean.toString(start),
                Boolean.toString(runtime),
                health.toString(),
                sidecars.toString());
        if (compression != Compression.ofUrl(url) || !extensions.isEmpty() || !limits.isEmpty() || clean) {
            // Only then, so that an entry written before these fields existed keeps its fingerprint.
            canonical = String.join(
                    "\n",
                    canonical,
                    compression.word(),
                    extensions.toString(),
                    limits.byProperty().toString(),
                    Boolean.toString(clean));
        }
        try {
            return Sha256.of(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The file name in the pool: NAME_VERSION.raw. With extensions it is the base image's, named by its URL (the
     * last path segment without a compression suffix, itself BASE_VERSION.raw), so that entries sharing a base
     * share one file.
     */
    public String fileName() {
        return extensions.isEmpty() ? Names.rawFileName(name, version) : baseFileName(url, compression);
    }

    /** The pool paths of the extensions, which lie next to the base image at {@code imagePath}; empty for none. */
    public List<String> extensionPaths(String imagePath) {
        String dir = imagePath.substring(0, imagePath.lastIndexOf('/') + 1);
        return extensions.stream().map(e -> dir + e.fileName()).toList();
    }

    /** The base's pool file name as its URL gives it; it must read as NAME_VERSION.raw. */
    static String baseFileName(URI url, Compression compression) {
        String path = Optional.ofNullable(url.getPath()).orElse("");
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.endsWith(compression.suffix())
                ? last.substring(0, last.length() - compression.suffix().length())
                : last;
    }

    /**
     * An entry with extensions goes by its last extension (its units come from there, and the host names the
     * attached image after it), and its base is named by its URL, which must read as BASE_VERSION.raw and be none
     * of the extensions' file names.
     */
    private static void requireLayerable(
            String name, URI url, Compression compression, List<ExtensionSpec> extensions) {
        String last = extensions.get(extensions.size() - 1).name();
        if (!last.equals(name)) {
            throw new IllegalArgumentException("image " + name + ": its last extension must be named " + name
                    + " (the unit prefix the host names it by), not " + last);
        }
        String base = baseFileName(url, compression);
        int cut = base.indexOf('_');
        boolean named = base.endsWith(".raw")
                && cut > 0
                && Names.IMAGE_NAME.matcher(base.substring(0, cut)).matches()
                && Names.VERSION
                        .matcher(base.substring(cut + 1, base.length() - ".raw".length()))
                        .matches();
        if (!named) {
            throw new IllegalArgumentException("image " + name + ": the base image's URL must end in"
                    + " BASE_VERSION.raw (the pool file it is kept as), not " + base);
        }
        if (extensions.stream().anyMatch(e -> e.fileName().equals(base))) {
            throw new IllegalArgumentException("image " + name + ": the base image " + base
                    + " has the file name of one of its extensions, and one pool file cannot hold both; give the"
                    + " extension another name or version, or publish the base under another BASE_VERSION.raw");
        }
        if (extensions.stream().map(ExtensionSpec::fileName).distinct().count() < extensions.size()) {
            throw new IllegalArgumentException("image " + name + ": two of its extensions have the same name and"
                    + " version, so the same pool file NAME_VERSION.raw; list each extension once");
        }
    }

    /** "hello 1.0", as messages name an image. */
    public String label() {
        return name + " " + version;
    }

    private static void requireMatching(String value, Pattern rule, String what) {
        if (value == null || !rule.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid " + what + ": " + value);
        }
    }
}
