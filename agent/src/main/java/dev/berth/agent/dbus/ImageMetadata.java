package dev.berth.agent.dbus;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What GetImageMetadata says about an image, read the way portabled reads it on attach: the units an attach with
 * the given matches would take, and the unit prefixes the image's os-release allows (PORTABLE_PREFIXES).
 * GetImageMetadata itself does not check the matches against those prefixes (seen on 252 and 257).
 *
 * @param allowedPrefixes empty when the image sets none, which allows any match
 */
record ImageMetadata(List<String> units, List<String> allowedPrefixes) {
    private static final String PREFIXES = "PORTABLE_PREFIXES";

    ImageMetadata {
        units = List.copyOf(units);
        allowedPrefixes = List.copyOf(allowedPrefixes);
    }

    static ImageMetadata of(Triple<String, byte[], Map<String, byte[]>> reply) {
        String osRelease = new String(reply.second(), StandardCharsets.UTF_8);
        return new ImageMetadata(List.copyOf(reply.third().keySet()), prefixes(osRelease));
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
