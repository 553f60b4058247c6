package dev.berth.model;

import static dev.berth.model.schema.JsonSchema.bool;
import static dev.berth.model.schema.JsonSchema.constant;
import static dev.berth.model.schema.JsonSchema.exactlyOne;
import static dev.berth.model.schema.JsonSchema.integer;
import static dev.berth.model.schema.JsonSchema.list;
import static dev.berth.model.schema.JsonSchema.map;
import static dev.berth.model.schema.JsonSchema.object;
import static dev.berth.model.schema.JsonSchema.oneWord;
import static dev.berth.model.schema.JsonSchema.text;

import dev.berth.model.schema.JsonSchema;
import dev.berth.model.schema.SchemaNode;
import dev.berth.model.yaml.Durations;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON Schema of a manifest (schemas/manifest.schema.json), built from {@link ManifestParser}'s field sets and
 * rules: a field the parser accepts and this schema does not describe stops the build. {@code berth validate}
 * stays the authority: it also checks what a schema cannot (entries that shadow each other, a compression that
 * disagrees with the url, percents that do not grow).
 */
public final class ManifestSchema {
    public static final String FILE = "manifest.schema.json";

    private ManifestSchema() {}

    public static SchemaNode document() {
        Map<String, SchemaNode> top = new LinkedHashMap<>();
        top.put("apiVersion", constant("The manifest format's version.", Manifest.API_VERSION));
        top.put("kind", constant("What this file is.", Manifest.KIND));
        top.put("images", list("The portable images this host (or fleet) runs, first match first.", image(), 0));
        return JsonSchema.document(
                "https://berth.dev/schemas/" + FILE,
                "Berth manifest",
                object(
                        "A Berth manifest: the portable service images hosts should run.",
                        ManifestParser.TOP,
                        top,
                        "apiVersion",
                        "kind",
                        "images"));
    }

    /** A whole-value duration such as 10s or 1h30m. */
    public static SchemaNode duration(String description) {
        return JsonSchema.word(description + " A duration such as 500ms, 10s, 5m or 1h30m.", Durations.WHOLE);
    }

    /** The {@code limits:} block taking {@code allowed}: every limit in a manifest, amounts only as caps. */
    public static SchemaNode limits(String description, Set<Limit> allowed) {
        Map<String, SchemaNode> fields = new LinkedHashMap<>();
        for (Limit limit : Limit.values()) {
            if (!allowed.contains(limit)) {
                continue;
            }
            String about = "systemd's " + limit.property() + "=; " + LimitValue.rule(limit) + ".";
            fields.put(
                    limit.field(),
                    LimitValue.isList(limit) ? list(about, text("An address or word."), 1) : text(about));
        }
        Set<String> accepted = new TreeSet<>();
        allowed.forEach(l -> accepted.add(l.field()));
        return object(description, accepted, fields);
    }

    private static SchemaNode image() {
        Map<String, SchemaNode> f = identity("image", " (https, http with allowHttp, or file)", "; give this or sums");
        f.put("sums", text("The URL of a signed SHA256SUMS file listing the image's sha256; give this or sha256."));
        f.put("profile", text("The portable profile to attach with; " + Names.PROFILE_RULE + ".", Names.PROFILE));
        f.put(
                "matches",
                list(
                        "Unit name prefixes the image's units start with (default: the image name).",
                        text(Names.UNIT_PREFIX_RULE + ".", Names.UNIT_PREFIX),
                        1));
        f.put("enable", bool("Enable the image's units (default true)."));
        f.put("start", bool("Start the image's units (default true)."));
        f.put("runtime", bool("Attach only until reboot, under /run (default false)."));
        f.put(
                "clean",
                bool("Remove the image's state, cache and logs directories when it is detached (default false)."));
        f.put("health", health());
        for (Sidecar.Kind kind : Sidecar.Kind.values()) {
            f.put(kind.field(), sidecar(kind));
        }
        f.put("hosts", hosts("Which hosts this entry is for (left out: every host)."));
        f.put("rollout", rollout());
        f.put("limits", limits("Resource and IP limits set on the image's services.", Set.of(Limit.values())));
        f.put(
                CompressionField.KEY,
                oneWord(
                        "How the downloaded file is compressed (left out: by the url's suffix, .raw.gz, .raw.xz,"
                                + " .raw.zst).",
                        Arrays.stream(Compression.values())
                                .map(Compression::word)
                                .toList()));
        f.put("extensions", list("Extension images layered on this one, in order.", extension(), 1));
        return exactlyOne(
                object("One image entry.", ManifestParser.IMAGE, f, "name", "version", "url"), "sha256", "sums");
    }

    /** name, version, url and sha256 of an image or an extension image. */
    private static Map<String, SchemaNode> identity(String what, String urlNote, String shaNote) {
        Map<String, SchemaNode> f = new LinkedHashMap<>();
        f.put("name", text("The " + what + "'s name; " + Names.IMAGE_NAME_RULE + ".", Names.IMAGE_NAME));
        f.put("version", text("The " + what + "'s version; " + Names.VERSION_RULE + ".", Names.VERSION));
        f.put("url", text("Where the " + what + " is downloaded from" + urlNote + "."));
        f.put("sha256", text("The " + what + "'s sha256 (64 hexadecimal digits)" + shaNote + ".", Sha256.FORMAT));
        return f;
    }

    private static SchemaNode health() {
        Map<String, SchemaNode> f = new LinkedHashMap<>();
        f.put("http", text("An http or https URL that answers 2xx when the service is healthy."));
        f.put("stableFor", duration("How long the units must stay up before the image counts as healthy."));
        f.put("timeout", duration("How long the image may take to become healthy before it is rolled back."));
        return object("How Berth decides the new version works.", ManifestParser.HEALTH, f);
    }

    private static SchemaNode sidecar(Sidecar.Kind kind) {
        Map<String, SchemaNode> f = new LinkedHashMap<>();
        f.put("url", text("Where the file is downloaded from."));
        f.put("sha256", text("The file's sha256 (64 hexadecimal digits).", Sha256.FORMAT));
        return object(
                "The dm-verity file put next to the image as NAME_VERSION" + kind.suffix() + ".",
                ManifestParser.SIDECAR,
                f,
                "url",
                "sha256");
    }

    private static SchemaNode extension() {
        Map<String, SchemaNode> f = identity("extension image", "", "");
        return object(
                "An extension image, kept in the pool as NAME_VERSION.raw.",
                ManifestParser.EXTENSION,
                f,
                "name",
                "version",
                "url",
                "sha256");
    }

    /** A host selector: names, labels or both, never empty. */
    public static SchemaNode hosts(String description) {
        Map<String, SchemaNode> f = new LinkedHashMap<>();
        f.put(
                "names",
                list("Host name patterns; " + Names.HOST_GLOB_RULE + ".", text("A pattern.", Names.HOST_GLOB), 1));
        f.put("labels", labels("Labels a host must have, all of them."));
        return JsonSchema.notEmpty(object(description, HostSelectors.FIELDS, f));
    }

    /** A mapping of label names to values. */
    public static SchemaNode labels(String description) {
        return map(
                description + " Names " + Names.LABEL_KEY_RULE.replaceFirst("^must be", "are") + ".",
                Names.LABEL_KEY,
                text("A label value; " + Names.LABEL_VALUE_RULE + ".", Names.LABEL_VALUE));
    }

    private static SchemaNode rollout() {
        Map<String, SchemaNode> wave = new LinkedHashMap<>();
        wave.put("hosts", hosts("The hosts this wave takes."));
        wave.put(
                "percent",
                integer(
                        "The share of hosts, by a stable hash, this wave reaches (1 to 100).",
                        1,
                        100,
                        RolloutParser.PERCENT));
        Map<String, SchemaNode> f = new LinkedHashMap<>();
        f.put(
                "waves",
                list(
                        "The waves, in order; percents grow from wave to wave.",
                        exactlyOne(object("One wave.", RolloutParser.WAVE, wave), "hosts", "percent"),
                        1));
        f.put("every", duration("The time between waves (required with more than one wave)."));
        f.put("start", text("When wave 0 starts: an ISO-8601 time with its offset, such as 2026-12-03T09:00:00Z."));
        f.put("paused", bool("Hold every wave not yet started (default false)."));
        return object("Rolls this entry out to the fleet in waves.", RolloutParser.ROLLOUT, f, "waves");
    }
}
