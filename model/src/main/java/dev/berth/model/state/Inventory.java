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
 * @param failures changes that failed for good, by image name, not retried until the manifest entry changes
 */
public record Inventory(
        Map<String, ManagedImage> images, Map<String, KnownFile> files, Map<String, FailedChange> failures) {
    public Inventory {
        images = Collections.unmodifiableMap(new TreeMap<>(images));
        files = Collections.unmodifiableMap(new TreeMap<>(files));
        failures = Collections.unmodifiableMap(new TreeMap<>(failures));
    }

    public Inventory(Map<String, ManagedImage> images, Map<String, KnownFile> files) {
        this(images, files, Map.of());
    }

    public static Inventory empty() {
        return new Inventory(Map.of(), Map.of(), Map.of());
    }

    public Optional<FailedChange> failure(String image) {
        return Optional.ofNullable(failures.get(image));
    }

    public Inventory with(FailedChange failure) {
        Map<String, FailedChange> next = new TreeMap<>(failures);
        next.put(failure.image(), failure);
        return new Inventory(images, files, next);
    }

    public Inventory withoutFailure(String image) {
        Map<String, FailedChange> next = new TreeMap<>(failures);
        next.remove(image);
        return new Inventory(images, files, next);
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
        return new Inventory(next, files, failures);
    }

    public Inventory withoutImage(String name) {
        Map<String, ManagedImage> next = new TreeMap<>(images);
        next.remove(name);
        return new Inventory(next, files, failures);
    }

    public Inventory with(KnownFile file) {
        Map<String, KnownFile> next = new TreeMap<>(files);
        next.put(file.path(), file);
        return new Inventory(images, next, failures);
    }

    public Inventory withoutFile(String path) {
        Map<String, KnownFile> next = new TreeMap<>(files);
        next.remove(path);
        return new Inventory(images, next, failures);
    }
}
