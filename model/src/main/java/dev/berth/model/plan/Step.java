package dev.berth.model.plan;

import dev.berth.model.ImageSpec;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.state.ManagedImage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One change to the host. The set is closed: the executor knows every kind. */
public sealed interface Step {
    /** The image this step is about; "pool" for pruning. */
    String image();

    /** A stable lowercase word for logs, JSON and metric labels. */
    String action();

    /** Download {@code spec}'s image into the pool as {@code target} and verify its sha256. */
    record Fetch(ImageSpec spec, String target) implements Step {
        public Fetch {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(target, "target");
        }

        @Override
        public String image() {
            return spec.name();
        }

        @Override
        public String action() {
            return "fetch";
        }
    }

    /** Attach the image at {@code imagePath}, then enable and start its units as {@code spec} says. */
    record Attach(ImageSpec spec, String imagePath) implements Step {
        public Attach {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(imagePath, "imagePath");
        }

        @Override
        public String image() {
            return spec.name();
        }

        @Override
        public String action() {
            return "attach";
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
        public String image() {
            return spec.name();
        }

        @Override
        public String action() {
            return "upgrade";
        }
    }

    /** Enable and start the units of an image that is attached as desired but not running. */
    record Start(ImageSpec spec, AttachedImage attached) implements Step {
        public Start {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(attached, "attached");
        }

        @Override
        public String image() {
            return spec.name();
        }

        @Override
        public String action() {
            return "start";
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
        public String image() {
            return managed.name();
        }

        @Override
        public String action() {
            return "detach";
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
        public String image() {
            return "pool";
        }

        @Override
        public String action() {
            return "prune";
        }
    }
}
