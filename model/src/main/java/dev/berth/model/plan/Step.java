package dev.berth.model.plan;

import dev.berth.model.Action;
import dev.berth.model.ImageSpec;
import dev.berth.model.Limits;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.state.ManagedImage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One change to the host. The set is closed: every kind is a case of {@link Visitor}, so code that must handle
 * each kind (the executor, the text and JSON renderings) implements a visitor and a new kind without its case
 * does not compile.
 */
public sealed interface Step {
    /** The image this step is about; empty for pruning, which is about the pool. */
    Optional<String> image();

    /** What kind of step this is, as a closed set of stable words. */
    Action action();

    <R> R accept(Visitor<R> visitor);

    /** True when this step is about {@code name}. */
    default boolean concerns(String name) {
        return image().map(name::equals).orElse(false);
    }

    /** One method per kind of step. */
    interface Visitor<R> {
        R fetch(Fetch step);

        R attach(Attach step);

        R upgrade(Upgrade step);

        R start(Start step);

        R limit(Limit step);

        R detach(Detach step);

        R prune(Prune step);
    }

    /** Download {@code spec}'s image into the pool as {@code target} and verify its sha256. */
    record Fetch(ImageSpec spec, String target) implements Step {
        public Fetch {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(target, "target");
        }

        @Override
        public Optional<String> image() {
            return Optional.of(spec.name());
        }

        @Override
        public Action action() {
            return Action.FETCH;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.fetch(this);
        }
    }

    /** Attach the image at {@code imagePath}, then enable and start its units as {@code spec} says. */
    record Attach(ImageSpec spec, String imagePath) implements Step {
        public Attach {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(imagePath, "imagePath");
        }

        @Override
        public Optional<String> image() {
            return Optional.of(spec.name());
        }

        @Override
        public Action action() {
            return Action.ATTACH;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.attach(this);
        }
    }

    /**
     * Move an attached image to another version, profile, match list or runtime flag: reattach, restart the
     * updated units, stop the removed ones.
     */
    record Upgrade(ImageSpec spec, String imagePath, AttachedImage from) implements Step {
        public Upgrade {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(imagePath, "imagePath");
            Objects.requireNonNull(from, "from");
        }

        @Override
        public Optional<String> image() {
            return Optional.of(spec.name());
        }

        @Override
        public Action action() {
            return Action.UPGRADE;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.upgrade(this);
        }
    }

    /** Enable and start the units of an image that is attached as desired but not running. */
    record Start(ImageSpec spec, AttachedImage attached) implements Step {
        public Start {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(attached, "attached");
        }

        @Override
        public Optional<String> image() {
            return Optional.of(spec.name());
        }

        @Override
        public Action action() {
            return Action.START;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.start(this);
        }
    }

    /**
     * Set {@code spec}'s limits on an attached image whose units run with others (the manifest changed them, or a
     * person changed the drop-in): write or remove the drop-ins, reload systemd, restart the image's running units.
     *
     * @param from the limits Berth applied before, to put back if the restarted units are not healthy
     */
    record Limit(ImageSpec spec, AttachedImage attached, Limits from) implements Step {
        public Limit {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(attached, "attached");
            Objects.requireNonNull(from, "from");
        }

        @Override
        public Optional<String> image() {
            return Optional.of(spec.name());
        }

        @Override
        public Action action() {
            return Action.LIMIT;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.limit(this);
        }
    }

    /**
     * Remove an image Berth manages and no longer wants: stop, disable and detach it (if attached), delete the
     * files Berth downloaded for it, forget it.
     */
    record Detach(ManagedImage managed, Optional<AttachedImage> attached, List<String> files) implements Step {
        public Detach {
            Objects.requireNonNull(managed, "managed");
            Objects.requireNonNull(attached, "attached");
            files = List.copyOf(files);
        }

        @Override
        public Optional<String> image() {
            return Optional.of(managed.name());
        }

        @Override
        public Action action() {
            return Action.DETACH;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.detach(this);
        }
    }

    /** Delete pool files Berth downloaded that no desired or attached image uses any more. */
    record Prune(List<String> paths) implements Step {
        public Prune {
            paths = List.copyOf(paths);
            if (paths.isEmpty()) {
                throw new IllegalArgumentException("nothing to prune");
            }
        }

        @Override
        public Optional<String> image() {
            return Optional.empty();
        }

        @Override
        public Action action() {
            return Action.PRUNE;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.prune(this);
        }
    }
}
