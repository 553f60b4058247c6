package dev.berth.agent.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.berth.model.Compression;
import dev.berth.model.Digest;
import dev.berth.model.HealthCheck;
import dev.berth.model.ImageSpec;
import dev.berth.model.LimitValue;
import dev.berth.model.Manifest;
import dev.berth.model.Sidecar;
import dev.berth.model.fleet.HostIdentity;
import dev.berth.model.yaml.Durations;
import java.util.List;

/**
 * A host's manifest as YAML a person reviews ({@code berth render}): a valid manifest with every field of each
 * entry that applies to the host, defaults spelled out, and a comment above each image naming that entry's file and
 * line.
 */
public final class ManifestYaml {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    private ManifestYaml() {}

    /**
     * The YAML of {@code manifest}, as {@code host} runs it.
     *
     * @param revision what was read (a commit id, or the sha256 of the files)
     */
    public static String of(HostIdentity host, Manifest manifest, String revision) {
        StringBuilder text = new StringBuilder();
        text.append("# The manifest as host ")
                .append(host.describe())
                .append(" sees it, machine-id ")
                .append(host.machineId())
                .append('\n');
        text.append("# read from ")
                .append(oneLine(manifest.source()))
                .append(" (")
                .append(revision)
                .append(")\n");
        text.append("apiVersion: ").append(Manifest.API_VERSION).append('\n');
        text.append("kind: ").append(Manifest.KIND).append('\n');
        if (manifest.images().isEmpty()) {
            return text.append("images: []\n").toString();
        }
        text.append("images:\n");
        for (ImageSpec image : manifest.images()) {
            text.append("  # ").append(oneLine(image.origin().toString())).append('\n');
            // A list of one, which the generator already indents as an item of images:.
            text.append(yaml(List.of(entry(image))));
        }
        return text.toString();
    }

    private static ObjectNode entry(ImageSpec image) {
        ObjectNode node = F.objectNode()
                .put("name", image.name())
                .put("version", image.version())
                .put("url", image.url().toString());
        if (image.digest() instanceof Digest.Listed listed) {
            node.put("sums", listed.sums().toString());
        } else {
            node.put("sha256", image.sha256().hex());
        }
        if (image.compression() != Compression.NONE) {
            node.put("compression", image.compression().word());
        }
        node.put("profile", image.profile());
        image.matches().forEach(node.putArray("matches")::add);
        node.put("enable", image.enable()).put("start", image.start()).put("runtime", image.runtime());
        if (!image.health().equals(HealthCheck.DEFAULT)) {
            ObjectNode health = node.putObject("health");
            image.health().http().ifPresent(u -> health.put("http", u.toString()));
            image.health().stableFor().ifPresent(d -> health.put("stableFor", Durations.format(d)));
            image.health().timeout().ifPresent(d -> health.put("timeout", Durations.format(d)));
        }
        if (!image.limits().isEmpty()) {
            ObjectNode limits = node.putObject("limits");
            image.limits().values().forEach((limit, value) -> {
                if (LimitValue.isList(limit)) {
                    List.of(value.split(" ", -1)).forEach(limits.putArray(limit.field())::add);
                } else {
                    limits.put(limit.field(), value);
                }
            });
        }
        for (Sidecar sidecar : image.sidecars()) {
            node.putObject(sidecar.kind().field())
                    .put("url", sidecar.url().toString())
                    .put("sha256", sidecar.sha256().hex());
        }
        return node;
    }

    private static String yaml(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest entry always serializes", e);
        }
    }

    /** Comments hold one line: a source name is printed as it is, but never breaks out of its comment. */
    private static String oneLine(String text) {
        return text.replaceAll("\\p{Cntrl}", "?");
    }
}
