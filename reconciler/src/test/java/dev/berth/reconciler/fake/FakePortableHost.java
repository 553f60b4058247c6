package dev.berth.reconciler.fake;

import dev.berth.model.BerthException;
import dev.berth.model.Limits;
import dev.berth.model.LimitsDropIn;
import dev.berth.model.Reason;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.host.ExtensionRelease;
import dev.berth.model.host.PortableState;
import dev.berth.model.host.UnitStatus;
import dev.berth.reconciler.port.Attachment;
import dev.berth.reconciler.port.PortableHost;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A working in-memory portabled and systemd. It keeps the rules the real daemons enforce (one attachment per
 * name, no attach over an attached name, reattach only over one, known profiles, matching units only, the
 * image's allowed prefixes, no unit over one the host has or one still running) and is held to the real adapter
 * by {@link PortableHostContract}.
 */
public final class FakePortableHost implements PortableHost {
    private static final Set<String> PROFILES = Set.of("default", "nonetwork", "strict", "trusted");

    private final Map<String, TestImage> files = new HashMap<>();
    private final Map<String, Attached> attached = new LinkedHashMap<>();
    private final Map<String, BerthException> failNext = new HashMap<>();
    private final List<String> calls = new ArrayList<>();
    /** Berth's limits drop-ins, by unit. */
    private final Map<String, String> dropIns = new HashMap<>();

    private boolean available = true;
    private BerthException halfWay;

    /** Units running on without unit files, and the name of the image they came from. */
    private final Map<String, String> orphans = new LinkedHashMap<>();

    /** Units whose directories were removed (CleanUnit), in order. */
    private final List<String> cleaned = new ArrayList<>();

    /** Units of the host's own, each with its unit file. */
    private final Set<String> hostUnits = new HashSet<>();

    /** Puts an image file at {@code dir/NAME_VERSION.raw}; returns its path. */
    public String install(String dir, TestImage image) {
        String path = dir + "/" + image.fileName();
        files.put(path, image);
        return path;
    }

    public void removeFile(String path) {
        files.remove(path);
    }

    /**
     * The next call of {@code method} ("attach", "reattach", "start", "clean", "detach", "attached",
     * "stopOrphanedUnits")
     * throws {@code e}.
     */
    public void failNext(String method, BerthException e) {
        failNext.put(method, e);
    }

    /**
     * The next reattach fails as portabled's does when it cannot attach the new image: the old version is
     * detached first, so nothing is attached, and its units keep running without unit files; then {@code e}.
     */
    public void failNextReattachHalfWay(BerthException e) {
        halfWay = e;
    }

    /** Calls fail no more than the daemons would by themselves. */
    public void forgetFailures() {
        failNext.clear();
        halfWay = null;
    }

    /** A unit of the host's own, with its unit file, running. */
    public void runOnHost(String unit) {
        hostUnits.add(unit);
    }

    public boolean runningOnHost(String unit) {
        return hostUnits.contains(unit);
    }

    /** Units still running although no unit file backs them. */
    public Set<String> runningWithoutUnitFiles() {
        return new TreeSet<>(orphans.keySet());
    }

    /** Simulates portabled missing from the bus. */
    public void setAvailable(boolean available) {
        this.available = available;
    }

    /** The units whose state, cache, logs and runtime directories were removed, in order. */
    public List<String> cleanedUnits() {
        return List.copyOf(cleaned);
    }

    /** Every port call so far, as "attach /var/lib/portables/x_1.raw". */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** A unit crashing: it fails, as a service exiting with status 1 does. */
    public void crash(String image, String unit) {
        Attached a = require(image, "crash");
        a.units.computeIfPresent(unit, (u, state) -> state.failed());
    }

    /** A unit crashing and systemd restarting it (Restart=on-failure): active again, NRestarts one higher. */
    public void crashAndRestart(String image, String unit) {
        Attached a = require(image, "restart");
        a.units.computeIfPresent(unit, (u, state) -> state.restarted());
    }

    /** A person stopping a unit with systemctl. */
    public void stopByHand(String image) {
        Attached a = require(image, "stop");
        a.units.replaceAll((unit, state) -> state.stopped());
    }

    /** The text of {@code unit}'s limits drop-in, if it has one. */
    public Optional<String> dropIn(String unit) {
        return Optional.ofNullable(dropIns.get(unit));
    }

    /** A person editing (or, with null, deleting) a unit's limits drop-in, without a reload. */
    public void editDropIn(String unit, @Nullable String text) {
        if (text == null) {
            dropIns.remove(unit);
        } else {
            dropIns.put(unit, text);
        }
    }

    @Override
    public Map<String, String> limitDropIns(List<AttachedImage> images) {
        enter("limitDropIns", "");
        Map<String, String> found = new HashMap<>();
        for (AttachedImage image : images) {
            for (String unit : image.unitNames()) {
                if (dropIns.containsKey(unit)) {
                    found.put(unit, dropIns.get(unit));
                }
            }
        }
        return found;
    }

    @Override
    public void limit(AttachedImage image, Limits limits) {
        enter("limit", image.imagePath());
        Attached current = require(image.name(), "limit");
        writeDropIns(image.name(), current.units.keySet(), limits);
        current.units.replaceAll((unit, state) -> state.active() ? state.started(true) : state);
    }

    private void writeDropIns(String name, Collection<String> units, Limits limits) {
        Optional<String> text = LimitsDropIn.text(name, limits);
        for (String unit : units) {
            if (LimitsDropIn.applies(unit)) {
                editDropIn(unit, text.orElse(null));
            }
        }
    }

    @Override
    public List<AttachedImage> attached() {
        enter("attached", "");
        return attached.values().stream().map(Attached::observe).toList();
    }

    @Override
    public Set<String> profiles() {
        enter("profiles", "");
        return PROFILES;
    }

    @Override
    public void attach(Attachment a) {
        enter("attach", a.imagePath());
        TestImage image = image(a);
        String name = a.name();
        if (attached.containsKey(name)) {
            throw new BerthException(
                    Reason.AttachRejected,
                    "attaching " + a.imagePath() + ": image " + name + " is already attached from "
                            + attached.get(name).path);
        }
        Map<String, UnitState> units = units(image, a, "attaching");
        for (String unit : units.keySet()) {
            if (hasUnitFile(unit)) {
                throw refused("attaching", a, "Unit file '" + unit + "' exists on the host already, refusing.");
            }
            if (orphans.containsKey(unit)) {
                throw refused("attaching", a, "Unit file '" + unit + "' is active already, refusing.");
            }
        }
        Attached next = new Attached(a, units);
        attached.put(name, next);
        writeDropIns(name, units.keySet(), a.limits());
        if (a.start()) {
            next.startAll(false);
        }
    }

    @Override
    public void reattach(Attachment a) {
        enter("reattach", a.imagePath());
        TestImage image = image(a);
        String name = a.name();
        Attached old = attached.get(name);
        if (old == null) {
            throw new BerthException(
                    Reason.AttachRejected, "reattaching " + a.imagePath() + ": nothing named " + name + " is attached");
        }
        Map<String, UnitState> units = units(image, a, "reattaching");
        for (String unit : units.keySet()) {
            if (!old.units.containsKey(unit) && hasUnitFile(unit)) {
                throw refused("reattaching", a, "its unit " + unit + " would take over a unit file the host has");
            }
        }
        if (halfWay != null) {
            BerthException e = halfWay;
            halfWay = null;
            strand(name);
            throw e;
        }
        Attached next = new Attached(a, units);
        next.units.replaceAll(
                (unit, fresh) -> old.units.containsKey(unit) ? fresh.carrying(old.units.get(unit)) : fresh);
        attached.put(name, next);
        writeDropIns(name, old.units.keySet(), Limits.NONE);
        writeDropIns(name, units.keySet(), a.limits());
        if (a.start()) {
            next.startAll(true);
        }
    }

    @Override
    public void start(Attachment a) {
        enter("start", a.imagePath());
        Attached current = require(a.name(), "start");
        current.enabled |= a.enable();
        if (a.start()) {
            current.startAll(false);
        }
    }

    @Override
    public void detach(AttachedImage image) {
        enter("detach", image.imagePath());
        Attached current = attached.get(image.name());
        if (current == null) {
            throw new BerthException(Reason.DetachFailed, "detaching " + image.imagePath() + ": it is not attached");
        }
        attached.remove(image.name());
        writeDropIns(image.name(), current.units.keySet(), Limits.NONE);
    }

    /** Like systemd: only units still loaded can be cleaned; cleaning twice changes nothing more. */
    @Override
    public void clean(AttachedImage image) {
        enter("clean", image.imagePath());
        Attached current = attached.get(image.name());
        if (current == null || !current.path.equals(image.imagePath())) {
            return;
        }
        current.units.replaceAll((unit, state) -> state.stopped());
        cleaned.addAll(current.units.keySet());
    }

    @Override
    public List<String> stopOrphanedUnits(Attachment a) {
        enter("stopOrphanedUnits", a.imagePath());
        TestImage image = image(a);
        String name = a.name();
        List<String> stopped = new ArrayList<>();
        for (TestImage.TestUnit unit : image.units()) {
            if (matchesAny(unit.name(), a.matches()) && name.equals(orphans.get(unit.name()))) {
                orphans.remove(unit.name());
                stopped.add(unit.name());
            }
        }
        return stopped;
    }

    /**
     * What portabled leaves when a reattach fails after its detach half: nothing named {@code name} attached, its
     * running units running on without unit files.
     */
    public void strand(String name) {
        Attached old = attached.remove(name);
        if (old == null) {
            throw new IllegalStateException(name + " is not attached");
        }
        old.units.forEach((unit, state) -> {
            if (state.active()) {
                orphans.put(unit, name);
            }
        });
    }

    private boolean hasUnitFile(String unit) {
        return hostUnits.contains(unit) || attached.values().stream().anyMatch(other -> other.units.containsKey(unit));
    }

    private static BerthException refused(String action, Attachment a, String why) {
        return new BerthException(Reason.AttachRejected, action + " " + a.imagePath() + ": " + why);
    }

    private void enter(String method, String argument) {
        calls.add((method + " " + argument).trim());
        if (!available) {
            throw new BerthException(Reason.PortabledUnavailable, "systemd-portabled is not available (fake)");
        }
        BerthException failure = failNext.remove(method);
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * The image file, or with extensions the base and its extensions seen as one image holding all their units;
     * an extension whose extension-release does not go with the base is refused, as the real adapter refuses it
     * before asking portabled.
     */
    private TestImage image(Attachment a) {
        TestImage image = file(a.imagePath(), a);
        if (!PROFILES.contains(a.profile())) {
            throw new BerthException(
                    Reason.AttachRejected, "attaching " + a.imagePath() + ": unknown profile " + a.profile());
        }
        List<TestImage.TestUnit> units = new ArrayList<>(image.units());
        for (String path : a.extensions()) {
            TestImage extension = file(path, a);
            Optional<String> mismatch = ExtensionRelease.mismatch(image.releaseText(), path, extension.releaseText());
            if (mismatch.isPresent()) {
                throw refused("attaching", a, mismatch.get());
            }
            units.addAll(extension.units());
        }
        return new TestImage(image.name(), image.version(), units, image.prefixes());
    }

    private TestImage file(String path, Attachment a) {
        TestImage image = files.get(path);
        if (image == null) {
            throw new BerthException(
                    Reason.AttachRejected, "attaching " + a.describe() + ": no such image file " + path);
        }
        return image;
    }

    private static Map<String, UnitState> units(TestImage image, Attachment a, String action) {
        if (!image.prefixes().isEmpty() && !image.prefixes().containsAll(a.matches())) {
            throw refused(
                    action,
                    a,
                    "Selected matches " + a.matches() + " are not compatible with portable service image "
                            + a.imagePath() + ", refusing. (Acceptable prefix matches are: " + image.prefixes() + ")");
        }
        Map<String, UnitState> units = new LinkedHashMap<>();
        for (TestImage.TestUnit unit : image.units()) {
            if (matchesAny(unit.name(), a.matches())) {
                units.put(unit.name(), UnitState.inactive(unit, image));
            }
        }
        if (units.isEmpty()) {
            throw new BerthException(
                    Reason.AttachRejected, "attaching " + a.imagePath() + ": no unit matches " + a.matches());
        }
        return units;
    }

    private static boolean matchesAny(String unit, List<String> prefixes) {
        return prefixes.stream().anyMatch(prefix -> matches(unit, prefix));
    }

    /** portabled's rule: the prefix, then "-", ".", "@" or the end of the name. */
    private static boolean matches(String unit, String prefix) {
        if (!unit.startsWith(prefix)) {
            return false;
        }
        if (unit.length() == prefix.length()) {
            return true;
        }
        char next = unit.charAt(prefix.length());
        return next == '-' || next == '.' || next == '@';
    }

    private Attached require(String name, String what) {
        Attached a = attached.get(name);
        if (a == null) {
            throw new BerthException(Reason.StartFailed, what + " " + name + ": not attached");
        }
        return a;
    }

    /** One attachment and the state of its units. */
    private static final class Attached {
        final String path;
        final List<String> extensions;
        final String profile;
        final boolean runtime;
        boolean enabled;
        final Map<String, UnitState> units;

        Attached(Attachment a, Map<String, UnitState> units) {
            this.path = a.imagePath();
            this.extensions = a.extensions();
            this.profile = a.profile();
            this.runtime = a.runtime();
            this.enabled = a.enable();
            this.units = units;
        }

        void startAll(boolean restart) {
            units.replaceAll((unit, state) -> state.triggeredBy().isEmpty()
                    ? state.started(restart)
                    : restart && state.active() ? state.started(true) : state);
        }

        AttachedImage observe() {
            boolean running = units.values().stream().anyMatch(UnitState::active);
            PortableState state = running
                    ? (runtime ? PortableState.RUNNING_RUNTIME : PortableState.RUNNING)
                    : enabled
                            ? (runtime ? PortableState.ENABLED_RUNTIME : PortableState.ENABLED)
                            : (runtime ? PortableState.ATTACHED_RUNTIME : PortableState.ATTACHED);
            List<UnitStatus> statuses = units.entrySet().stream()
                    .map(e -> e.getValue().status(e.getKey()))
                    .toList();
            return new AttachedImage(path, Optional.of(profile), state, statuses, extensions);
        }
    }
}
