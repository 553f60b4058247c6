package dev.berth.model.host;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether an extension image's extension-release can go with a base image's os-release, by the rule portabled
 * applies on attach (systemd's extension_release_validate, scope "portable"): SYSEXT_SCOPE, when set, must name
 * portable; ID must be the base's or "_any"; then, when the base sets SYSEXT_LEVEL, the extension's must equal it,
 * otherwise, when the base sets VERSION_ID, the extension's must equal it. A base with neither (a rolling release)
 * takes any extension whose ID matches.
 *
 * <p>Checked before portabled is asked, because a ReattachImageWithExtensions that portabled refuses for this
 * reason has already detached what ran (seen on 252 and 257: "extension-release metadata does not match the
 * root's", and nothing attached).
 */
public final class ExtensionRelease {
    private ExtensionRelease() {}

    /**
     * Why the extension cannot go with the base, or empty when it can.
     *
     * @param extension names the extension in the reason, e.g. /var/lib/portables/app_2.0.raw
     */
    public static Optional<String> mismatch(String baseOsRelease, String extension, String extensionRelease) {
        Map<String, String> base = parse(baseOsRelease);
        Map<String, String> ext = parse(extensionRelease);
        String scope = ext.getOrDefault("SYSEXT_SCOPE", "");
        if (!scope.isBlank() && !List.of(scope.strip().split("\\s+")).contains("portable")) {
            return why(extension, "its SYSEXT_SCOPE is \"" + scope + "\", which does not include portable");
        }
        String id = ext.getOrDefault("ID", "");
        if (id.isEmpty()) {
            return why(extension, "its extension-release sets no ID");
        }
        if (id.equals("_any")) {
            return Optional.empty();
        }
        if (!id.equals(base.getOrDefault("ID", ""))) {
            return why(extension, "its ID=" + id + " is not the base's ID=" + base.getOrDefault("ID", ""));
        }
        for (String key : List.of("SYSEXT_LEVEL", "VERSION_ID")) {
            String wanted = base.getOrDefault(key, "");
            if (!wanted.isEmpty()) {
                String has = ext.getOrDefault(key, "");
                return has.equals(wanted)
                        ? Optional.empty()
                        : why(
                                extension,
                                has.isEmpty()
                                        ? "it sets no " + key + " and the base has " + key + "=" + wanted
                                        : "its " + key + "=" + has + " is not the base's " + key + "=" + wanted);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> why(String extension, String reason) {
        return Optional.of("extension " + extension + " cannot be layered on its base: " + reason);
    }

    /** An os-release text as key to value, shell-style quotes removed; later lines win, as in systemd. */
    static Map<String, String> parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : text.lines().toList()) {
            String line = raw.strip();
            int eq = line.indexOf('=');
            if (line.startsWith("#") || eq <= 0) {
                continue;
            }
            values.put(
                    line.substring(0, eq).strip(),
                    unquote(line.substring(eq + 1).strip()));
        }
        return values;
    }

    private static String unquote(String value) {
        boolean quoted = value.length() >= 2
                && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0);
        return quoted ? value.substring(1, value.length() - 1) : value;
    }
}
