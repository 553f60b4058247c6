package dev.berth.agent.dbus;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** dbus-java hands arrays of strings back as a List or as an array, depending on where they sit. */
final class Values {
    private Values() {}

    static List<String> strings(Object value) {
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).toList();
        }
        if (value instanceof Object[] array) {
            return Arrays.stream(array).map(String::valueOf).toList();
        }
        return List.of();
    }
}
