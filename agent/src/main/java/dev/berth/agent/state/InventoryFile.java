package dev.berth.agent.state;

import dev.berth.model.Action;
import dev.berth.model.Limit;
import dev.berth.model.LimitValue;
import dev.berth.model.Limits;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.model.state.FailedChange;
import dev.berth.model.state.Inventory;
import dev.berth.model.state.KnownFile;
import dev.berth.model.state.ManagedImage;
import dev.berth.model.state.Undone;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The stored form of the inventory: its own records, so that renaming a field of the model cannot change the
 * file. Schema 3 adds the limits Berth applied to each image (and to the one before an upgrade), by manifest field,
 * whether an image's units' directories are removed with it ({@code clean}, false when absent), and the pool paths of
 * the extension images attached on top of an image and of the one before an upgrade ({@code extensions}, in order;
 * absent for a plain image); schemas 1 and 2 have none of them and read as no limits, data kept, no extensions. Schema 2 stores what a failed change was undone to as an object;
 * schema 1 (Berth before 0.2) stored it as a string ("", "detached" or a version). All three are read.
 */
record InventoryFile(
        int schemaVersion,
        @Nullable Map<String, Image> images,
        @Nullable Map<String, File> files,
        @Nullable Map<String, Failure> failures) {
    static final int SCHEMA = 3;
    static final int OLDEST_READ = 1;

    static InventoryFile of(Inventory inventory) {
        return new InventoryFile(
                SCHEMA,
                map(inventory.images(), Image::of),
                map(inventory.files(), File::of),
                map(inventory.failures(), Failure::of));
    }

    Inventory toInventory() {
        return new Inventory(
                unmap(images, Image::toModel),
                unmap(files, File::toModel),
                unmap(failures, f -> f.toModel(schemaVersion)));
    }

    /** A managed image. */
    record Image(
            String name,
            String version,
            String sha256,
            String profile,
            List<String> matches,
            boolean runtime,
            String imagePath,
            String phase,
            @Nullable Previous previous,
            @Nullable Map<String, String> limits,
            @Nullable Boolean clean,
            @Nullable List<String> extensions) {
        static Image of(ManagedImage m) {
            ManagedImage.Previous p = m.previous();
            return new Image(
                    m.name(),
                    m.version(),
                    m.sha256().hex(),
                    m.profile(),
                    m.matches(),
                    m.runtime(),
                    m.imagePath(),
                    m.phase().name(),
                    p == null ? null : Previous.of(p),
                    stored(m.limits()),
                    m.clean(),
                    stored(m.extensions()));
        }

        ManagedImage toModel() {
            return new ManagedImage(
                    name,
                    version,
                    new Sha256(sha256),
                    profile,
                    matches,
                    runtime,
                    imagePath,
                    ManagedImage.Phase.valueOf(phase),
                    previous == null ? null : previous.toModel(),
                    readLimits(limits),
                    Boolean.TRUE.equals(clean),
                    readExtensions(extensions));
        }
    }

    /** What an image was attached as before an upgrade. */
    record Previous(
            String version,
            String sha256,
            String imagePath,
            String profile,
            List<String> matches,
            boolean runtime,
            @Nullable Map<String, String> limits,
            @Nullable List<String> extensions) {
        static Previous of(ManagedImage.Previous p) {
            return new Previous(
                    p.version(),
                    p.sha256().hex(),
                    p.imagePath(),
                    p.profile(),
                    p.matches(),
                    p.runtime(),
                    stored(p.limits()),
                    stored(p.extensions()));
        }

        ManagedImage.Previous toModel() {
            return new ManagedImage.Previous(
                    version,
                    new Sha256(sha256),
                    imagePath,
                    profile,
                    matches,
                    runtime,
                    readLimits(limits),
                    readExtensions(extensions));
        }
    }

    /** Limits by manifest field (memoryMax: 256M), in a stable order. */
    private static Map<String, String> stored(Limits limits) {
        Map<String, String> out = new TreeMap<>();
        limits.values().forEach((limit, value) -> out.put(limit.field(), value));
        return out;
    }

    /** Extensions as stored: none is left out, so that a plain image's entry reads as before. */
    private static @Nullable List<String> stored(List<String> extensions) {
        return extensions.isEmpty() ? null : extensions;
    }

    /**
     * Extensions read back: absent (schemas 1 and 2, or a plain image) is none. The store checks that each lies in
     * the pool, as it does for the image's own path.
     */
    private static List<String> readExtensions(@Nullable List<String> stored) {
        if (stored == null) {
            return List.of();
        }
        if (stored.contains(null)) {
            throw new IllegalArgumentException("an extensions list holds null instead of a pool path");
        }
        return List.copyOf(stored);
    }

    /**
     * Limits read back, each value checked as a manifest's is: they are written into unit files again when a change
     * is undone. Absent (schemas 1 and 2) is no limits.
     */
    private static Limits readLimits(@Nullable Map<String, String> stored) {
        if (stored == null) {
            return Limits.NONE;
        }
        Map<Limit, String> values = new EnumMap<>(Limit.class);
        stored.forEach((field, value) -> {
            Limit limit =
                    Limit.ofField(field).orElseThrow(() -> new IllegalArgumentException("unknown limit " + field));
            List<String> items = LimitValue.isList(limit) ? List.of(value.split(" ", -1)) : List.of(value);
            if (!items.stream().allMatch(item -> LimitValue.valid(limit, item))) {
                throw new IllegalArgumentException("invalid value of limit " + field + ": " + value);
            }
            values.put(limit, value);
        });
        return new Limits(values);
    }

    /** A pool file Berth knows. */
    record File(
            String path,
            String image,
            String version,
            String sha256,
            boolean downloaded,
            @Nullable Long size,
            @Nullable Instant modified) {
        static File of(KnownFile f) {
            return new File(f.path(), f.image(), f.version(), f.sha256().hex(), f.downloaded(), f.size(), f.modified());
        }

        KnownFile toModel() {
            return new KnownFile(path, image, version, new Sha256(sha256), downloaded, size, modified);
        }
    }

    /**
     * A change that failed for good.
     *
     * @param restored schema 1 only: "", "detached" or the version an upgrade was rolled back to
     * @param undone schema 2: what the change was undone to
     */
    record Failure(
            String image,
            String version,
            String profile,
            String fingerprint,
            String action,
            String reason,
            String message,
            Instant at,
            @Nullable String restored,
            @Nullable StoredUndone undone) {
        static Failure of(FailedChange f) {
            return new Failure(
                    f.image(),
                    f.version(),
                    f.profile(),
                    f.fingerprint().hex(),
                    f.action().word(),
                    f.reason().name(),
                    f.message(),
                    f.at(),
                    null,
                    StoredUndone.of(f.undone()));
        }

        FailedChange toModel(int schema) {
            Undone what;
            if (schema == 1) {
                what = restored == null || restored.isEmpty()
                        ? Undone.NOTHING
                        : restored.equals("detached") ? Undone.DETACHED : new Undone.RestoredTo(restored);
            } else if (undone == null) {
                throw new IllegalArgumentException("failure of " + image + " has no undone field");
            } else {
                what = undone.toModel();
            }
            return new FailedChange(
                    image,
                    version,
                    profile,
                    new Sha256(fingerprint),
                    Action.fromWord(action),
                    Reason.valueOf(reason),
                    message,
                    at,
                    what);
        }
    }

    /**
     * What a failed change was undone to: {"kind": "nothing"}, {"kind": "detached"} or {"kind": "restored",
     * "version": "1.0"}.
     */
    record StoredUndone(String kind, @Nullable String version) {
        static StoredUndone of(Undone undone) {
            return undone.accept(new Undone.Visitor<>() {
                @Override
                public StoredUndone nothing() {
                    return new StoredUndone("nothing", null);
                }

                @Override
                public StoredUndone detached() {
                    return new StoredUndone("detached", null);
                }

                @Override
                public StoredUndone restoredTo(Undone.RestoredTo restored) {
                    return new StoredUndone("restored", restored.version());
                }
            });
        }

        Undone toModel() {
            return switch (kind) {
                case "nothing" -> Undone.NOTHING;
                case "detached" -> Undone.DETACHED;
                case "restored" -> {
                    if (version == null) {
                        throw new IllegalArgumentException("a restored undone needs a version");
                    }
                    yield new Undone.RestoredTo(version);
                }
                default -> throw new IllegalArgumentException("unknown undone kind " + kind);
            };
        }
    }

    private static <M, S> Map<String, S> map(Map<String, M> in, Function<M, S> f) {
        Map<String, S> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, f.apply(v)));
        return out;
    }

    private static <S, M> Map<String, M> unmap(@Nullable Map<String, S> in, Function<S, M> f) {
        Map<String, M> out = new LinkedHashMap<>();
        if (in != null) {
            in.forEach((k, v) -> out.put(k, f.apply(v)));
        }
        return out;
    }
}
