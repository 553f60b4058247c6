package dev.berth.agent.dbus;

import dev.berth.model.host.ExtensionRelease;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What GetImageMetadata says about an image, read the way portabled reads it on attach: the units an attach with
 * the given matches would take, and the unit prefixes the image's os-release allows (PORTABLE_PREFIXES).
 * GetImageMetadata itself does not check the matches against those prefixes (seen on 252 and 257).
 *
 * @param allowedPrefixes empty when the image sets none, which allows any match
 * @param osRelease the image's os-release text (the base's, with extensions)
 * @param extensionReleases each extension's path and its extension-release text, in the order given
 */
record ImageMetadata(
        List<String> units, List<String> allowedPrefixes, String osRelease, Map<String, String> extensionReleases) {
    private static final String PREFIXES = "PORTABLE_PREFIXES";

    ImageMetadata {
        units = List.copyOf(units);
        allowedPrefixes = List.copyOf(allowedPrefixes);
        extensionReleases = Collections.unmodifiableMap(new LinkedHashMap<>(extensionReleases));
    }

    ImageMetadata(List<String> units, List<String> allowedPrefixes) {
        this(units, allowedPrefixes, "", Map.of());
    }

    static ImageMetadata of(Triple<String, byte[], Map<String, byte[]>> reply) {
        String osRelease = new String(reply.second(), StandardCharsets.UTF_8);
        return new ImageMetadata(List.copyOf(reply.third().keySet()), prefixes(osRelease), osRelease, Map.of());
    }

    /** The reply of GetImageMetadataWithExtensions; extensions keep the order they were given in. */
    static ImageMetadata of(
            Quad<String, byte[], Map<String, byte[]>, Map<String, byte[]>> reply, List<String> extensions) {
        String osRelease = new String(reply.second(), StandardCharsets.UTF_8);
        Map<String, String> releases = new LinkedHashMap<>();
        for (String extension : extensions) {
            byte[] text = reply.third().get(extension);
            releases.put(extension, text == null ? "" : new String(text, StandardCharsets.UTF_8));
        }
        return new ImageMetadata(List.copyOf(reply.fourth().keySet()), prefixes(osRelease), osRelease, releases);
    }

    /** Why an extension cannot go with the base (the first that cannot), by portabled's own rule. */
    Optional<String> releaseMismatch() {
        for (Map.Entry<String, String> extension : extensionReleases.entrySet()) {
            Optional<String> why = ExtensionRelease.mismatch(osRelease, extension.getKey(), extension.getValue());
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }

    /** portabled's own rule (prefix_matches_compatible): each match must be one of the allowed prefixes. */
    List<String> disallowed(List<String> matches) {
        if (allowedPrefixes.isEmpty()) {
            return List.of();
        }
        return matches.stream().filter(m -> !allowedPrefixes.contains(m)).toList();
    }

    /** The space-separated PORTABLE_PREFIXES of an os-release text, its shell-style quoting undone. */
    static List<String> prefixes(String osRelease) {
        return osRelease
                .lines()
                .map(String::strip)
                .filter(line -> line.startsWith(PREFIXES + "="))
                .reduce((first, last) -> last)
                .map(line -> unquote(line.substring(PREFIXES.length() + 1)))
                .map(value -> value.isBlank()
                        ? List.<String>of()
                        : List.of(value.strip().split("\\s+")))
                .orElse(List.of());
    }

    private static String unquote(String value) {
        boolean quoted = value.length() >= 2
                && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0);
        if (!quoted) {
            return value;
        }
        String inner = value.substring(1, value.length() - 1);
        if (value.charAt(0) == '\'') {
            return inner;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            text.append(c == '\\' && i + 1 < inner.length() ? inner.charAt(++i) : c);
        }
        return text.toString();
    }
}
