package dev.berth.agent.dbus;

import java.util.Arrays;
import java.util.List;

/**
 * How units are grouped into attached images: by the image path, or with extension images by the base path and
 * the extension paths joined by ":", which is also how portabled names them on the first line of 20-portable.conf
 * ("# Drop-in created for image '/var/lib/portables/base_1.raw:/var/lib/portables/app_1.0.raw', do not edit.",
 * seen on 252 and 257). Image paths in the pool never hold a ":".
 */
record ImageKey(String imagePath, List<String> extensions) {
    static final String SEPARATOR = ":";

    ImageKey {
        extensions = List.copyOf(extensions);
    }

    static ImageKey parse(String key) {
        List<String> parts = Arrays.asList(key.split(SEPARATOR, -1));
        return new ImageKey(parts.get(0), parts.subList(1, parts.size()));
    }
}
