package dev.berth.agent.dbus;

import dev.berth.model.host.AttachedImage;
import dev.berth.model.host.PortableState;
import dev.berth.model.host.UnitStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Groups attached units by the image they come from. A service names its image in RootImage/RootDirectory,
 * which is what really runs; a socket, timer or path joins the image of the unit it triggers; anything else
 * (a target, or a trigger whose unit is not attached) falls back to the marker line portabled wrote into its
 * 20-portable.conf. Units whose image cannot be told are left out rather than guessed. A service with extension
 * images groups with the units of the same base and the same extensions ({@link ImageKey}): two services that share
 * a base file but not their extensions are two images.
 */
final class Grouping {
    private Grouping() {}

    /**
     * @param profileOf reads the profile a unit's 10-profile.conf names, when it can be told
     */
    static List<AttachedImage> group(List<UnitProps> units, Function<String, Optional<String>> profileOf) {
        Map<String, String> imageOf = new LinkedHashMap<>();
        for (UnitProps unit : units) {
            if (!unit.ownImage().isEmpty()) {
                imageOf.put(unit.name(), unit.ownImage());
            }
        }
        for (UnitProps unit : units) {
            if (!imageOf.containsKey(unit.name())) {
                unit.triggers().stream()
                        .filter(imageOf::containsKey)
                        .findFirst()
                        .ifPresent(triggered -> imageOf.put(unit.name(), imageOf.get(triggered)));
            }
        }
        for (UnitProps unit : units) {
            if (!imageOf.containsKey(unit.name()) && !unit.marker().isEmpty()) {
                imageOf.put(unit.name(), unit.marker());
            }
        }
        Map<String, List<UnitProps>> byImage = new TreeMap<>();
        for (UnitProps unit : units) {
            String image = imageOf.get(unit.name());
            if (image != null) {
                byImage.computeIfAbsent(image, i -> new ArrayList<>()).add(unit);
            }
        }
        List<AttachedImage> images = new ArrayList<>();
        byImage.forEach((image, members) -> images.add(image(image, members, units, profileOf)));
        return images;
    }

    private static AttachedImage image(
            String path, List<UnitProps> members, List<UnitProps> all, Function<String, Optional<String>> profileOf) {
        List<UnitStatus> statuses =
                members.stream().map(unit -> status(unit, all)).toList();
        ImageKey key = ImageKey.parse(path);
        return new AttachedImage(
                key.imagePath(), profile(members, profileOf), state(members), statuses, key.extensions());
    }

    /** The status of each unit, its TriggeredBy completed from the others' Triggers. */
    static List<UnitStatus> statuses(List<UnitProps> units) {
        return units.stream().map(unit -> status(unit, units)).toList();
    }

    /** portabled's own rule (portable_get_state_internal), applied to the units of exactly this image path. */
    static PortableState state(List<UnitProps> members) {
        boolean runtime = members.stream().allMatch(UnitProps::runtime);
        if (members.stream().anyMatch(UnitProps::isRunning)) {
            return runtime ? PortableState.RUNNING_RUNTIME : PortableState.RUNNING;
        }
        if (members.stream().anyMatch(UnitProps::isEnabled)) {
            return runtime ? PortableState.ENABLED_RUNTIME : PortableState.ENABLED;
        }
        return runtime ? PortableState.ATTACHED_RUNTIME : PortableState.ATTACHED;
    }

    private static Optional<String> profile(List<UnitProps> members, Function<String, Optional<String>> profileOf) {
        return members.stream()
                .filter(unit -> unit.name().endsWith(".service"))
                .map(unit -> profileOf.apply(unit.profileDropIn()))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /**
     * TriggeredBy is only complete once the triggering unit is loaded, so the other direction (a sibling's
     * Triggers) is added in.
     */
    private static UnitStatus status(UnitProps unit, List<UnitProps> all) {
        TreeSet<String> triggeredBy = new TreeSet<>(unit.triggeredBy());
        for (UnitProps other : all) {
            if (other.triggers().contains(unit.name())) {
                triggeredBy.add(other.name());
            }
        }
        String result = unit.result().isEmpty() ? "success" : unit.result();
        return new UnitStatus(
                unit.name(), unit.activeState(), unit.subState(), result, unit.restarts(), List.copyOf(triggeredBy));
    }
}
