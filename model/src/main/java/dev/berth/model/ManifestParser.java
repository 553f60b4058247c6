package dev.berth.model;

import dev.berth.model.fleet.HostSelector;
import dev.berth.model.fleet.Rollout;
import dev.berth.model.yaml.Fields;
import dev.berth.model.yaml.Position;
import dev.berth.model.yaml.Problems;
import dev.berth.model.yaml.YamlNode;
import dev.berth.model.yaml.YamlReader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a version 1 manifest strictly: unknown and missing fields, entries that can never apply and malformed values
 * are all reported together, each with file, line and column.
 */
public final class ManifestParser {
    static final Set<String> TOP = Set.of("apiVersion", "kind", "images");
    static final Set<String> IMAGE = Set.of(
            "name",
            "version",
            "url",
            "sha256",
            "sums",
            "profile",
            "matches",
            "enable",
            "start",
            "runtime",
            "clean",
            "health",
            "roothash",
            "verity",
            "roothashSignature",
            "hosts",
            "rollout",
            "limits",
            CompressionField.KEY,
            "extensions");
    static final Set<String> HEALTH = Set.of("http", "stableFor", "timeout");
    static final Set<String> SIDECAR = Set.of("url", "sha256");
    static final Set<String> EXTENSION = Set.of("name", "version", "url", "sha256");

    private ManifestParser() {}

    /** Reads the manifest at {@code file}; messages name the file as given. */
    public static FleetManifest read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            Problems problems = new Problems(file.toString());
            problems.add(Position.START, "", "cannot be read: " + describe(e));
            throw new ManifestInvalidException(problems.sorted());
        }
        return parse(text, file.toString());
    }

    /** Parses {@code text}; {@code file} is the name messages use. */
    public static FleetManifest parse(String text, String file) {
        Problems problems = new Problems(file);
        List<FleetManifest.Entry> entries = YamlReader.read(text, problems)
                .flatMap(root -> Fields.of(root, "", problems))
                .map(top -> top(top, file))
                .orElse(List.of());
        if (!problems.isEmpty()) {
            throw new ManifestInvalidException(problems.sorted());
        }
        return new FleetManifest(entries, file);
    }

    private static List<FleetManifest.Entry> top(Fields top, String file) {
        top.rejectUnknown(TOP);
        top.requiredText("apiVersion")
                .ifPresent(v -> top.checked(
                        "apiVersion",
                        Optional.of(v),
                        Manifest.API_VERSION::equals,
                        "must be \"" + Manifest.API_VERSION + "\""));
        top.requiredText("kind")
                .ifPresent(v -> top.checked(
                        "kind", Optional.of(v), Manifest.KIND::equals, "must be \"" + Manifest.KIND + "\""));
        if (!top.require("images")) {
            return List.of();
        }
        List<FleetManifest.Entry> entries = new ArrayList<>();
        List<YamlNode> items = top.list("images").orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            Optional<Fields> fields = Fields.of(items.get(i), "images[" + i + "]", top.problems());
            if (fields.isEmpty()) {
                continue;
            }
            Fields f = fields.get();
            Optional<ImageSpec> spec = image(f, file);
            Optional<HostSelector> hosts = HostSelectors.read(f, "hosts");
            Optional<Rollout> rollout = f.fields("rollout").flatMap(RolloutParser::read);
            if (spec.isEmpty() || hosts.isEmpty()) {
                continue;
            }
            FleetManifest.Entry entry = new FleetManifest.Entry(spec.get(), hosts.get(), rollout);
            Optional<FleetManifest.Entry> earlier = FleetManifest.shadowing(entries, entry);
            if (earlier.isPresent()) {
                String key = f.has("hosts") ? "hosts" : "name";
                f.problems().add(f.positionOf(key), f.path(key), entry.unreachableAfter(earlier.get()));
            } else {
                entries.add(entry);
            }
        }
        return entries;
    }

    private static Optional<ImageSpec> image(Fields f, String file) {
        f.rejectUnknown(IMAGE);
        int before = f.problems().count();
        Optional<String> name = required(f, "name", Names.IMAGE_NAME, Names.IMAGE_NAME_RULE);
        Optional<String> version = required(f, "version", Names.VERSION, Names.VERSION_RULE);
        Optional<URI> url = f.requiredText("url").flatMap(u -> Urls.parse(u, f, "url"));
        Optional<Digest> digest = digest(f);
        Optional<Compression> compression = CompressionField.read(f, url);
        String profile = f.text("profile", Names.PROFILE, Names.PROFILE_RULE).orElse("default");
        List<String> matches = f.textList("matches", Names.UNIT_PREFIX, Names.UNIT_PREFIX_RULE)
                .orElseGet(() -> name.map(List::of).orElse(List.of()));
        if (f.has("matches") && matches.isEmpty() && f.problems().count() == before) {
            f.problems()
                    .add(
                            f.positionOf("matches"),
                            f.path("matches"),
                            "must name at least one unit prefix (leave it out to use the image name)");
        }
        boolean enable = f.bool("enable", true);
        boolean start = f.bool("start", true);
        boolean runtime = f.bool("runtime", false);
        boolean clean = f.bool("clean", false);
        HealthCheck health = f.fields("health").map(ManifestParser::health).orElse(HealthCheck.DEFAULT);
        List<Sidecar> sidecars = new ArrayList<>();
        for (Sidecar.Kind kind : Sidecar.Kind.values()) {
            f.fields(kind.field()).flatMap(s -> sidecar(s, kind)).ifPresent(sidecars::add);
        }
        Limits limits = f.fields("limits").flatMap(LimitsParser::read).orElse(Limits.NONE);
        List<ExtensionSpec> extensions = extensions(f);
        if (f.problems().count() > before || name.isEmpty()) {
            return Optional.empty();
        }
        Origin origin = new Origin(file, f.position().line());
        ImageSpec spec = new ImageSpec(
                        name.get(),
                        version.get(),
                        url.get(),
                        digest.get(),
                        profile,
                        matches,
                        enable,
                        start,
                        runtime,
                        origin,
                        health,
                        sidecars)
                .withCompression(compression.get())
                .withLimits(limits)
                .withClean(clean);
        if (extensions.isEmpty()) {
            return Optional.of(spec);
        }
        try {
            return Optional.of(spec.withExtensions(extensions));
        } catch (IllegalArgumentException e) {
            f.problems().add(f.positionOf("extensions"), f.path("extensions"), String.valueOf(e.getMessage()));
            return Optional.empty();
        }
    }

    /**
     * Extension images layered on the base, in order, each verified like an image (a pinned sha256: SHA256SUMS
     * files are not read for extensions yet) and kept in the pool as NAME_VERSION.raw.
     */
    private static List<ExtensionSpec> extensions(Fields f) {
        if (!f.has("extensions")) {
            return List.of();
        }
        List<YamlNode> items = f.list("extensions").orElse(List.of());
        if (items.isEmpty()) {
            f.problems()
                    .add(
                            f.positionOf("extensions"),
                            f.path("extensions"),
                            "must list at least one extension image (leave it out for a plain image)");
        }
        List<ExtensionSpec> extensions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Fields.of(items.get(i), f.path("extensions") + "[" + i + "]", f.problems())
                    .flatMap(ManifestParser::extension)
                    .ifPresent(extensions::add);
        }
        return extensions;
    }

    private static Optional<ExtensionSpec> extension(Fields e) {
        e.rejectUnknown(EXTENSION);
        Optional<String> name = required(e, "name", Names.IMAGE_NAME, Names.IMAGE_NAME_RULE);
        Optional<String> version = required(e, "version", Names.VERSION, Names.VERSION_RULE);
        Optional<URI> url = e.requiredText("url").flatMap(u -> Urls.parse(u, e, "url"));
        Optional<Sha256> sha = sha256(e);
        if (name.isEmpty() || version.isEmpty() || url.isEmpty() || sha.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ExtensionSpec(
                name.get(), version.get(), url.get(), new Digest.Pinned(sha.get()), Compression.ofUrl(url.get())));
    }

    /** Exactly one of sha256 (the digest itself) and sums (a signed SHA256SUMS file listing it). */
    private static Optional<Digest> digest(Fields f) {
        if (f.has("sha256") && f.has("sums")) {
            f.problems()
                    .add(
                            f.positionOf("sums"),
                            f.path("sums"),
                            "give either sha256 or sums, not both (sums names a signed SHA256SUMS file listing the sha256)");
            return Optional.empty();
        }
        if (f.has("sums")) {
            return f.text("sums")
                    .flatMap(u -> Urls.parse(u, f, "sums"))
                    .map(u -> new Digest.Listed(u, Optional.empty()));
        }
        if (!f.has("sha256")) {
            f.problems()
                    .add(
                            f.position(),
                            f.path("sha256"),
                            "is required (or sums: the URL of a signed SHA256SUMS file that lists it)");
            return Optional.empty();
        }
        return sha256(f).map(Digest.Pinned::new);
    }

    private static Optional<Sha256> sha256(Fields f) {
        return required(f, "sha256", Sha256.FORMAT, "must be 64 hexadecimal digits (the output of sha256sum)")
                .map(Sha256::new);
    }

    private static HealthCheck health(Fields h) {
        h.rejectUnknown(HEALTH);
        Optional<URI> http = h.text("http")
                .flatMap(u -> Urls.parse(u, h, "http"))
                .filter(u -> {
                    boolean web = !u.getScheme().equals("file");
                    if (!web) {
                        h.problems()
                                .add(
                                        h.positionOf("http"),
                                        h.path("http"),
                                        "must be an http or https URL the host can reach");
                    }
                    return web;
                });
        return new HealthCheck(http, h.duration("stableFor"), h.duration("timeout"));
    }

    private static Optional<Sidecar> sidecar(Fields s, Sidecar.Kind kind) {
        s.rejectUnknown(SIDECAR);
        Optional<URI> url = s.requiredText("url").flatMap(u -> Urls.parse(u, s, "url"));
        Optional<Sha256> sha = sha256(s);
        if (url.isEmpty() || sha.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Sidecar(kind, url.get(), sha.get()));
    }

    private static Optional<String> required(Fields f, String key, Pattern rule, String expectation) {
        return f.requiredText(key).flatMap(v -> f.checked(key, Optional.of(v), rule.asMatchPredicate(), expectation));
    }

    private static String describe(IOException e) {
        return e instanceof NoSuchFileException ? "no such file" : String.valueOf(e.getMessage());
    }
}
