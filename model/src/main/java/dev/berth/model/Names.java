package dev.berth.model;

import java.util.regex.Pattern;

/**
 * The rules for names and versions. They keep NAME_VERSION.raw a valid portable image file name that
 * portabled splits back into the same name and version: it cuts the name at the first "_" or "+".
 */
public final class Names {
    public static final Pattern IMAGE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    public static final String IMAGE_NAME_RULE =
            "must start with a letter or digit and hold only letters, digits and \"-\" (no \"_\", \"+\", \"/\" or \".\"), at most 64";
    public static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+~-]{0,63}");
    public static final String VERSION_RULE =
            "must start with a letter or digit and hold only letters, digits and . + ~ - (no \"/\", \"_\" or spaces), at most 64";
    public static final Pattern PROFILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    public static final String PROFILE_RULE =
            "must be a portable profile name such as default, strict, nonetwork or trusted";
    public static final Pattern UNIT_PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:_.\\\\-]{0,127}");
    public static final String UNIT_PREFIX_RULE = "must be a unit name prefix (letters, digits and : _ . - \\)";
    /** A host's name as selectors match it: its hostname, or the name its agent configuration gives it. */
    public static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

    public static final String HOST_NAME_RULE =
            "must be a host name: letters, digits, \".\", \"_\" and \"-\", starting with a letter or digit, at most 253";
    /** A pattern of host names: {@code *} stands for any run of characters, {@code ?} for one. */
    public static final Pattern HOST_GLOB = Pattern.compile("[A-Za-z0-9._*?-]{1,253}");

    public static final String HOST_GLOB_RULE =
            "must be a host name pattern: letters, digits, \".\", \"_\", \"-\", * (any run of characters) and ?"
                    + " (one character), at most 253";
    /** A host label's key, spelled as a Prometheus label name so that metrics can carry it. */
    public static final Pattern LABEL_KEY = Pattern.compile("(?!__)[A-Za-z_][A-Za-z0-9_]{0,62}");

    public static final String LABEL_KEY_RULE =
            "must be a label name as Prometheus spells them: a letter or \"_\", then letters, digits and \"_\""
                    + " (not starting with \"__\"), at most 63";
    public static final Pattern LABEL_VALUE =
            Pattern.compile("[^\\p{Cntrl}\\s]([^\\p{Cntrl}]{0,126}[^\\p{Cntrl}\\s])?");
    public static final String LABEL_VALUE_RULE =
            "must be a text of 1 to 128 characters, without control characters or spaces at either end";

    private Names() {}

    /** The pool file name Berth gives an image: NAME_VERSION.raw. */
    public static String rawFileName(String name, String version) {
        return name + "_" + version + ".raw";
    }
}
