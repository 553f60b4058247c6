package dev.berth.reconciler;

import dev.berth.model.ImageSpec;
import dev.berth.model.Manifest;
import dev.berth.model.Origin;
import dev.berth.model.Sha256;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.host.PoolFile;
import dev.berth.model.host.PortableState;
import dev.berth.model.host.UnitStatus;
import dev.berth.model.state.KnownFile;
import dev.berth.model.state.ManagedImage;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Short constructors for the values planner and executor tests are made of. */
public final class Fixtures {
    public static final String POOL = "/var/lib/portables";
    public static final Instant MTIME = Instant.parse("2026-11-01T10:00:00Z");

    private Fixtures() {}

    public static Sha256 sha(String image, String version) {
        String seed = Integer.toHexString((image + version).hashCode() & 0x7fffffff);
        return new Sha256((seed + "0".repeat(64)).substring(0, 64));
    }

    public static ImageSpec spec(String name, String version) {
        return spec(name, version, "default");
    }

    public static ImageSpec spec(String name, String version, String profile) {
        return new ImageSpec(
                name,
                version,
                URI.create("https://images.example/" + name + "_" + version + ".raw"),
                sha(name, version),
                profile,
                List.of(name),
                true,
                true,
                false,
                new Origin("m.yaml", 4));
    }

    public static ImageSpec runtime(ImageSpec s) {
        return new ImageSpec(
                s.name(),
                s.version(),
                s.url(),
                s.sha256(),
                s.profile(),
                s.matches(),
                s.enable(),
                s.start(),
                true,
                s.origin());
    }

    public static ImageSpec matches(ImageSpec s, String... matches) {
        return new ImageSpec(
                s.name(),
                s.version(),
                s.url(),
                s.sha256(),
                s.profile(),
                List.of(matches),
                s.enable(),
                s.start(),
                s.runtime(),
                s.origin());
    }

    public static Manifest manifest(ImageSpec... specs) {
        return new Manifest(List.of(specs), "m.yaml");
    }

    public static String path(String name, String version) {
        return POOL + "/" + name + "_" + version + ".raw";
    }

    public static AttachedImage attached(String name, String version) {
        return attached(name, version, "default", PortableState.RUNNING);
    }

    public static AttachedImage attached(String name, String version, String profile, PortableState state) {
        UnitStatus unit = new UnitStatus(
                name + ".service",
                state.isRunning() ? "active" : "inactive",
                state.isRunning() ? "running" : "dead",
                "success",
                0,
                List.of());
        return new AttachedImage(path(name, version), Optional.of(profile), state, List.of(unit));
    }

    public static ManagedImage managed(String name, String version) {
        return ManagedImage.of(spec(name, version), path(name, version), ManagedImage.Phase.ATTACHED, null);
    }

    public static ManagedImage managed(ImageSpec spec, ManagedImage.Phase phase) {
        return ManagedImage.of(spec, path(spec.name(), spec.version()), phase, null);
    }

    public static KnownFile verified(String name, String version) {
        return new KnownFile(path(name, version), name, version, sha(name, version), true, 1000L, MTIME);
    }

    public static PoolFile poolFile(String name, String version) {
        return new PoolFile(path(name, version), 1000L, MTIME);
    }

    public static PoolFile partial(String fileName) {
        return new PoolFile(POOL + "/.#" + fileName, 10L, MTIME);
    }
}
