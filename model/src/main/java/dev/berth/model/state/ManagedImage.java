package dev.berth.model.state;

import dev.berth.model.ImageSpec;
import dev.berth.model.Limits;
import dev.berth.model.Sha256;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An image Berth attached (or is about to). The entry is written BEFORE the host is changed, so that an agent
 * killed in the middle still owns what it was attaching and finishes the job on the next pass.
 *
 * @param previous what was attached before an upgrade, kept until the new version is proven, for rollback
 * @param limits the limits Berth last wrote for the image's units (NONE before Berth knew limits)
 * @param clean whether removing the image also removes its units' state, cache, logs and runtime directories;
 *     remembered here because the removal happens when the manifest entry that said so is gone
 * @param extensions the pool paths of the extension images attached on top of {@code imagePath}, in order; empty
 *     for a plain image
 */
public record ManagedImage(
        String name,
        String version,
        Sha256 sha256,
        String profile,
        List<String> matches,
        boolean runtime,
        String imagePath,
        Phase phase,
        @Nullable Previous previous,
        Limits limits,
        boolean clean,
        List<String> extensions) {

    /** Where Berth stands with this image. */
    public enum Phase {
        /** Attach requested; the host may or may not have it yet. */
        ATTACHING,
        /** Attached and started as desired. */
        ATTACHED,
        /** Reattach to a new version or profile requested. */
        UPGRADING,
        /** Detach requested. */
        DETACHING
    }

    /**
     * An earlier attachment of the same image, enough to attach it again: with the limits it ran with and the
     * extensions it was attached with (pool paths, in order; empty for a plain image).
     */
    public record Previous(
            String version,
            Sha256 sha256,
            String imagePath,
            String profile,
            List<String> matches,
            boolean runtime,
            Limits limits,
            List<String> extensions) {
        public Previous {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(imagePath, "imagePath");
            Objects.requireNonNull(profile, "profile");
            matches = List.copyOf(matches);
            Objects.requireNonNull(limits, "limits");
            extensions = List.copyOf(extensions);
        }

        /** An earlier attachment of a plain image, without extensions. */
        public Previous(
                String version,
                Sha256 sha256,
                String imagePath,
                String profile,
                List<String> matches,
                boolean runtime,
                Limits limits) {
            this(version, sha256, imagePath, profile, matches, runtime, limits, List.of());
        }

        /** An earlier attachment without limits. */
        public Previous(
                String version,
                Sha256 sha256,
                String imagePath,
                String profile,
                List<String> matches,
                boolean runtime) {
            this(version, sha256, imagePath, profile, matches, runtime, Limits.NONE);
        }
    }

    public ManagedImage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(profile, "profile");
        matches = List.copyOf(matches);
        Objects.requireNonNull(imagePath, "imagePath");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(limits, "limits");
        extensions = List.copyOf(extensions);
    }

    /** A plain image, without extensions. */
    public ManagedImage(
            String name,
            String version,
            Sha256 sha256,
            String profile,
            List<String> matches,
            boolean runtime,
            String imagePath,
            Phase phase,
            @Nullable Previous previous,
            Limits limits,
            boolean clean) {
        this(name, version, sha256, profile, matches, runtime, imagePath, phase, previous, limits, clean, List.of());
    }

    /** An image without limits, whose data is kept on removal. */
    public ManagedImage(
            String name,
            String version,
            Sha256 sha256,
            String profile,
            List<String> matches,
            boolean runtime,
            String imagePath,
            Phase phase,
            @Nullable Previous previous) {
        this(name, version, sha256, profile, matches, runtime, imagePath, phase, previous, Limits.NONE, false);
    }

    /** The entry for {@code spec} attached from {@code imagePath}, its extensions lying next to it in the pool. */
    public static ManagedImage of(ImageSpec spec, String imagePath, Phase phase, @Nullable Previous previous) {
        return new ManagedImage(
                spec.name(),
                spec.version(),
                spec.sha256(),
                spec.profile(),
                spec.matches(),
                spec.runtime(),
                imagePath,
                phase,
                previous,
                spec.limits(),
                spec.clean(),
                spec.extensionPaths(imagePath));
    }

    public ManagedImage withPhase(Phase next) {
        return new ManagedImage(
                name, version, sha256, profile, matches, runtime, imagePath, next, previous, limits, clean, extensions);
    }

    /** This entry, its data removed on removal or not, as its manifest entry now says. */
    public ManagedImage withClean(boolean removeData) {
        return new ManagedImage(
                name,
                version,
                sha256,
                profile,
                matches,
                runtime,
                imagePath,
                phase,
                previous,
                limits,
                removeData,
                extensions);
    }

    public ManagedImage settled() {
        return new ManagedImage(
                name,
                version,
                sha256,
                profile,
                matches,
                runtime,
                imagePath,
                Phase.ATTACHED,
                null,
                limits,
                clean,
                extensions);
    }

    /** This entry as it will be after rolling back to {@code previous}. */
    public ManagedImage restored(Previous back) {
        return new ManagedImage(
                name,
                back.version(),
                back.sha256(),
                back.profile(),
                back.matches(),
                back.runtime(),
                back.imagePath(),
                Phase.ATTACHED,
                null,
                back.limits(),
                clean,
                back.extensions());
    }

    /** This entry with {@code applied} as the limits on the host. */
    public ManagedImage withLimits(Limits applied) {
        return new ManagedImage(
                name,
                version,
                sha256,
                profile,
                matches,
                runtime,
                imagePath,
                phase,
                previous,
                applied,
                clean,
                extensions);
    }

    public String label() {
        return name + " " + version;
    }
}
