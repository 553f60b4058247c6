package dev.berth.model.state;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What Berth owns on this host. Immutable; every change returns a new inventory, which the executor stores
 * before and after each step.
 *
 * @param images managed images by name
 * @param files known pool files by path
 */
public record Inventory(Map<String, ManagedImage> images, Map<String, KnownFile> files) {
    public static final int SCHEMA = 1;

    public Inventory {
        images = Collections.unmodifiableMap(new TreeMap<>(images));
        files = Collections.unmodifiableMap(new TreeMap<>(files));
    }

    public static Inventory empty() {
        return new Inventory(Map.of(), Map.of());
    }

    public Optional<ManagedImage> image(String name) {
        return Optional.ofNullable(images.get(name));
    }

    public Optional<KnownFile> file(String path) {
        return Optional.ofNullable(files.get(path));
    }

    public Inventory with(ManagedImage image) {
        Map<String, ManagedImage> next = new TreeMap<>(images);
        next.put(image.name(), image);
        return new Inventory(next, files);
    }

    public Inventory withoutImage(String name) {
        Map<String, ManagedImage> next = new TreeMap<>(images);
        next.remove(name);
        return new Inventory(next, files);
    }

    public Inventory with(KnownFile file) {
        Map<String, KnownFile> next = new TreeMap<>(files);
        next.put(file.path(), file);
        return new Inventory(images, next);
    }

    public Inventory withoutFile(String path) {
        Map<String, KnownFile> next = new TreeMap<>(files);
        next.remove(path);
        return new Inventory(images, next);
    }
}
