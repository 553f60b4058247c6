package dev.berth.model;

import java.util.Optional;

/**
 * The drop-in Berth writes next to each attached service unit of an image with limits:
 * {@code /etc/systemd/system/UNIT.d/50-berth-limits.conf} ({@code /run/systemd/system} for a runtime attach). Its
 * exact text is a function of the image and its limits, so a file that differs from it was changed by hand.
 */
public final class LimitsDropIn {
    /** The drop-in's file name: after portabled's 10-profile.conf and 20-portable.conf, so its values win. */
    public static final String FILE_NAME = "50-berth-limits.conf";

    private LimitsDropIn() {}

    /** The drop-in's text for {@code image}'s units; empty when it sets no limit (then there is no file). */
    public static Optional<String> text(String image, Limits limits) {
        if (limits.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder()
                .append("# Limits of portable image '")
                .append(image)
                .append("', written by Berth from its manifest. Do not edit: Berth puts this file back.\n")
                .append("[Service]\n");
        limits.byProperty()
                .forEach((property, value) ->
                        text.append(property).append('=').append(value).append('\n'));
        return Optional.of(text.toString());
    }

    /** Whether Berth limits {@code unit}: its services only (a socket or timer has no [Service] section). */
    public static boolean applies(String unit) {
        return unit.endsWith(".service");
    }
}
