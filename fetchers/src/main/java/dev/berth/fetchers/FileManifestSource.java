package dev.berth.fetchers;

import dev.berth.model.BerthException;
import dev.berth.model.FleetManifest;
import dev.berth.model.ManifestInvalidException;
import dev.berth.model.ManifestParser;
import dev.berth.model.Manifests;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.model.fleet.HostIdentity;
import dev.berth.model.yaml.Problem;
import dev.berth.reconciler.port.ManifestSource;
import dev.berth.reconciler.port.SourceSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Desired state from a manifest file on the host, or from every *.yaml and *.yml file of a directory (not its
 * subdirectories, not hidden files such as an editor's backups), read in name order and merged, as one host sees it.
 * The revision is "sha256:" and the digest of the bytes read, so an unchanged file yields an unchanged revision.
 */
public final class FileManifestSource implements ManifestSource {
    private final Path path;
    private final HostIdentity host;

    /** @param host whose view of the manifest {@link #read} returns */
    public FileManifestSource(Path path, HostIdentity host) {
        this.path = Objects.requireNonNull(path, "path");
        this.host = Objects.requireNonNull(host, "host");
    }

    /** What {@code host} should run: for each image, the first entry whose selector matches it. */
    @Override
    public SourceSnapshot read() {
        Read read = read(path);
        return new SourceSnapshot(read.fleet().forHost(host), read.revision());
    }

    /** Every entry of the file or directory, whichever host it is for: what {@code berth validate} checks. */
    public static FleetManifest fleet(Path path) {
        return read(path).fleet();
    }

    /** The whole manifest and the digest of the bytes it was read from. */
    private record Read(FleetManifest fleet, String revision) {}

    private static Read read(Path path) {
        if (Files.isDirectory(path)) {
            return readDirectory(path);
        }
        byte[] bytes = bytes(path);
        FleetManifest fleet = ManifestParser.parse(new String(bytes, StandardCharsets.UTF_8), path.toString());
        return new Read(fleet, "sha256:" + Sha256.of(digest().digest(bytes)).hex());
    }

    private static Read readDirectory(Path path) {
        List<Path> files = manifestFiles(path);
        if (files.isEmpty()) {
            throw new BerthException(
                    Reason.ManifestInvalid,
                    "manifest directory " + path + " holds no *.yaml or *.yml file; add one, or point Berth at"
                            + " the right directory (an empty desired state is never assumed)");
        }
        MessageDigest digest = digest();
        List<FleetManifest> parts = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes = bytes(file);
            // The name is part of the digest, so renaming a file changes the revision too.
            digest.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(digest().digest(bytes));
            try {
                parts.add(ManifestParser.parse(new String(bytes, StandardCharsets.UTF_8), file.toString()));
            } catch (ManifestInvalidException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ManifestInvalidException(problems);
        }
        FleetManifest merged = Manifests.merge(parts, path.toString());
        return new Read(merged, "sha256:" + Sha256.of(digest.digest()).hex());
    }

    private static List<Path> manifestFiles(Path path) {
        try (Stream<Path> entries = Files.list(path)) {
            return entries.filter(FileManifestSource::isManifestName)
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw unreadable(path, e);
        }
    }

    static boolean isManifestName(Path file) {
        String name = file.getFileName().toString();
        return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static BerthException unreadable(Path file, IOException e) {
        String why = e instanceof NoSuchFileException ? "no such file or directory" : String.valueOf(e.getMessage());
        return new BerthException(
                Reason.SourceUnavailable, "cannot read manifest " + file + ": " + why + "; check the path", e);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
