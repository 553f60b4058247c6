package dev.berth.reconciler;

import dev.berth.model.host.AttachedImage;
import dev.berth.model.plan.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Changes made one after the other whose health windows run together: attach, upgrade, start and limit steps that
 * touch neither the same image nor the same pool file (two entries on one base image, say). Any other step, and a
 * step on an image or file a change in the window touches, must wait until the window closed: a detach may free
 * the unit names the next attach needs, and an image's second step builds on its first.
 */
final class SharedWindow {
    /** A change in the window, and when its step began. */
    record Entry(Unproven change, Instant began) {}

    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> touched = new HashSet<>();

    /** Whether {@code step} may run now, before the changes in the window proved healthy. */
    boolean admits(Step step) {
        if (entries.isEmpty()) {
            return true;
        }
        Optional<Set<String>> touches = touches(step);
        return touches.isPresent() && Collections.disjoint(touches.get(), touched);
    }

    void add(Unproven change, Instant began) {
        entries.add(new Entry(change, began));
        touched.addAll(touches(change.step()).orElseThrow());
    }

    /** The changes in the window, in the order they were made; the window is empty afterwards. */
    List<Entry> close() {
        List<Entry> closed = List.copyOf(entries);
        entries.clear();
        touched.clear();
        return closed;
    }

    /** The image and pool files a health-gated step touches; empty for a step that is not gated on health. */
    static Optional<Set<String>> touches(Step step) {
        return step.accept(new Step.Visitor<>() {
            @Override
            public Optional<Set<String>> fetch(Step.Fetch s) {
                return Optional.empty();
            }

            @Override
            public Optional<Set<String>> attach(Step.Attach s) {
                return of(s, s.imagePath(), s.spec().extensionPaths(s.imagePath()), null);
            }

            @Override
            public Optional<Set<String>> upgrade(Step.Upgrade s) {
                return of(s, s.imagePath(), s.spec().extensionPaths(s.imagePath()), s.from());
            }

            @Override
            public Optional<Set<String>> start(Step.Start s) {
                return of(s, s.attached().imagePath(), List.of(), s.attached());
            }

            @Override
            public Optional<Set<String>> limit(Step.Limit s) {
                return of(s, s.attached().imagePath(), List.of(), s.attached());
            }

            @Override
            public Optional<Set<String>> detach(Step.Detach s) {
                return Optional.empty();
            }

            @Override
            public Optional<Set<String>> prune(Step.Prune s) {
                return Optional.empty();
            }
        });
    }

    private static Optional<Set<String>> of(
            Step step, String imagePath, List<String> extensions, @Nullable AttachedImage on) {
        Set<String> keys = new HashSet<>();
        keys.add("image " + step.image().orElseThrow());
        keys.add("file " + imagePath);
        extensions.forEach(e -> keys.add("file " + e));
        if (on != null) {
            keys.add("file " + on.imagePath());
            on.extensions().forEach(e -> keys.add("file " + e));
        }
        return Optional.of(keys);
    }
}
