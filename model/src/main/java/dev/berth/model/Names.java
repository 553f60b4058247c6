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

    private Names() {}

    /** The pool file name Berth gives an image: NAME_VERSION.raw. */
    public static String rawFileName(String name, String version) {
        return name + "_" + version + ".raw";
    }
}
