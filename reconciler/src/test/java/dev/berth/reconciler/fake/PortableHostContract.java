package dev.berth.reconciler.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.model.BerthException;
import dev.berth.model.Limit;
import dev.berth.model.Limits;
import dev.berth.model.LimitsDropIn;
import dev.berth.model.Reason;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.host.PortableState;
import dev.berth.model.host.UnitStatus;
import dev.berth.reconciler.port.Attachment;
import dev.berth.reconciler.port.PortableHost;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PortableHost} does, run against the fake and against the real D-Bus adapter on a real
 * systemd, so the fake cannot drift from the daemons. Each test uses its own image names.
 */
public abstract class PortableHostContract {
    /** The host under test. */
    protected abstract PortableHost host();

    /** Puts {@code image} where the host can attach it; returns its absolute path on the host. */
    protected abstract String install(TestImage image);

    /** Attaches and starts an image the way a person would with portablectl, outside Berth. */
    protected abstract void attachByHand(String imagePath);

    /**
     * Makes portabled reattach the attached image {@code name} onto an image it cannot attach, as an upgrade can:
     * portabled detaches the old version first and then fails, so nothing is attached and the old units run on
     * without their unit files.
     */
    protected abstract void reattachRefusedHalfWay(String name);

    /** Installs a unit of the host's own (not from any image) and starts it. */
    protected abstract void runOnHost(String unit);

    /** Whether a unit of the host's own is still running, from its own unit file. */
    protected abstract boolean runningOnHost(String unit);

    /** How long a real unit may take to settle after a job finished. */
    protected Duration settle() {
        return Duration.ofSeconds(15);
    }

    @AfterEach
    void detachEverything() {
        for (AttachedImage image : host().attached()) {
            host().detach(image);
        }
    }

    protected static Attachment attachment(String path, String profile) {
        return new Attachment(path, List.of(nameOf(path)), profile, false, true, true);
    }

    @Test
    void attachingAnImageRunsItsUnitsAndShowsItsVersionAndProfile() {
        String path = install(TestImage.service("alpha", "1.0"));

        host().attach(attachment(path, "default"));

        AttachedImage alpha = only("alpha");
        assertThat(alpha.imagePath()).isEqualTo(path);
        assertThat(alpha.version()).contains("1.0");
        assertThat(alpha.profile()).contains("default");
        assertThat(alpha.state()).isEqualTo(PortableState.RUNNING);
        assertThat(alpha.units()).extracting(UnitStatus::name).containsExactly("alpha.service");
        assertThat(alpha.units().get(0).isActive()).isTrue();
    }

    @Test
    void attachingWithoutEnableOrStartLeavesTheUnitsStopped() {
        String path = install(TestImage.service("bravo", "1"));

        host().attach(new Attachment(path, List.of("bravo"), "default", false, false, false));

        AttachedImage bravo = only("bravo");
        assertThat(bravo.state()).isEqualTo(PortableState.ATTACHED);
        assertThat(bravo.units()).allSatisfy(u -> assertThat(u.isActive()).isFalse());
    }

    @Test
    void startingAnAttachedImageEnablesAndRunsItsUnits() {
        String path = install(TestImage.service("charlie", "1"));
        host().attach(new Attachment(path, List.of("charlie"), "default", false, false, false));

        host().start(attachment(path, "default"));

        assertThat(only("charlie").state()).isEqualTo(PortableState.RUNNING);
    }

    @Test
    void aSecondVersionOfAnAttachedNameIsRefusedAndTheFirstStaysAttached() {
        String first = install(TestImage.service("delta", "1"));
        String second = install(TestImage.service("delta", "2"));
        host().attach(attachment(first, "default"));

        assertThatThrownBy(() -> host().attach(attachment(second, "default")))
                .isInstanceOfSatisfying(
                        BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AttachRejected))
                .hasMessageContaining(second);

        assertThat(only("delta").imagePath()).isEqualTo(first);
        assertThat(only("delta").state()).isEqualTo(PortableState.RUNNING);
    }

    @Test
    void reattachingMovesTheImageToTheNewVersionAndKeepsItRunning() {
        String first = install(TestImage.service("echo", "1"));
        String second = install(TestImage.service("echo", "2"));
        host().attach(attachment(first, "default"));

        host().reattach(attachment(second, "default"));

        AttachedImage echo = only("echo");
        assertThat(echo.imagePath()).isEqualTo(second);
        assertThat(echo.version()).contains("2");
        assertThat(echo.state()).isEqualTo(PortableState.RUNNING);
    }

    @Test
    void reattachingWithAnotherProfileShowsThatProfile() {
        String path = install(TestImage.service("foxtrot", "1"));
        host().attach(attachment(path, "default"));

        host().reattach(attachment(path, "nonetwork"));

        assertThat(only("foxtrot").profile()).contains("nonetwork");
    }

    @Test
    void reattachingWhenNothingOfThatNameIsAttachedIsRefused() {
        String path = install(TestImage.service("golf", "1"));

        assertThatThrownBy(() -> host().reattach(attachment(path, "default")))
                .isInstanceOfSatisfying(
                        BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AttachRejected));
        assertThat(named("golf")).isEmpty();
    }

    @Test
    void detachingStopsTheUnitsAndRemovesTheImage() {
        String path = install(TestImage.service("hotel", "1"));
        host().attach(attachment(path, "default"));

        host().detach(only("hotel"));

        assertThat(named("hotel")).isEmpty();
    }

    @Test
    void cleaningStopsTheUnitsAndKeepsTheImageAttachedAndCleaningAgainChangesNothing() {
        String path = install(TestImage.service("hotelclean", "1"));
        host().attach(attachment(path, "default"));

        host().clean(only("hotelclean"));
        host().clean(only("hotelclean"));

        AttachedImage image = only("hotelclean");
        assertThat(image.imagePath()).isEqualTo(path);
        assertThat(image.units()).noneMatch(UnitStatus::isActive);
        host().detach(image);
        assertThat(named("hotelclean")).isEmpty();
    }

    @Test
    void anUnknownProfileIsRefusedAndNothingIsAttached() {
        String path = install(TestImage.service("india", "1"));

        assertThatThrownBy(() -> host().attach(attachment(path, "no-such-profile")))
                .isInstanceOfSatisfying(
                        BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AttachRejected));
        assertThat(named("india")).isEmpty();
    }

    @Test
    void aMissingImageFileIsRefused() {
        assertThatThrownBy(() -> host().attach(attachment("/var/lib/portables/juliet_1.raw", "default")))
                .isInstanceOfSatisfying(
                        BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AttachRejected));
        assertThat(named("juliet")).isEmpty();
    }

    @Test
    void aSocketActivatedImageListensWithoutStartingItsService() {
        String path = install(TestImage.socketActivated("kilo", "1"));

        host().attach(attachment(path, "default"));

        AttachedImage kilo = only("kilo");
        assertThat(kilo.units()).extracting(UnitStatus::name).containsExactlyInAnyOrder("kilo.socket", "kilo.service");
        assertThat(unit(kilo, "kilo.socket").isActive()).isTrue();
        assertThat(unit(kilo, "kilo.service").isActive()).isFalse();
        assertThat(unit(kilo, "kilo.service").triggeredBy()).containsExactly("kilo.socket");
    }

    @Test
    void anImageAttachedByHandIsObservedLikeAnyOther() {
        String path = install(TestImage.service("lima", "7"));

        attachByHand(path);

        assertThat(only("lima").version()).contains("7");
        assertThat(only("lima").state()).isEqualTo(PortableState.RUNNING);
    }

    @Test
    void aRuntimeAttachmentIsReportedAsRuntime() {
        String path = install(TestImage.service("mike", "1"));

        host().attach(new Attachment(path, List.of("mike"), "default", true, true, true));

        assertThat(only("mike").state()).isEqualTo(PortableState.RUNNING_RUNTIME);
        assertThat(only("mike").runtime()).isTrue();
    }

    @Test
    void onlyUnitsMatchingThePrefixesAreAttached() {
        String path = install(TestImage.service("november", "1")
                .plus(new TestImage.TestUnit("november-admin.service", TestImage.TestUnit.Kind.LONG_RUNNING))
                .plus(new TestImage.TestUnit("novemberish.service", TestImage.TestUnit.Kind.LONG_RUNNING)));

        host().attach(new Attachment(path, List.of("november"), "default", false, true, true));

        assertThat(only("november").units())
                .extracting(UnitStatus::name)
                .containsExactlyInAnyOrder("november.service", "november-admin.service");
    }

    @Test
    void aServiceThatExitsWithFailureShowsAsFailed() {
        String path = install(TestImage.failing("oscar", "1"));

        host().attach(attachment(path, "default"));

        Awaitility.await()
                .atMost(settle())
                .until(() -> unit(only("oscar"), "oscar.service").isFailed());
        assertThat(unit(only("oscar"), "oscar.service").result()).isEqualTo("exit-code");
        assertThat(unit(host().inspect("oscar").orElseThrow(), "oscar.service").result())
                .isEqualTo("exit-code");
    }

    @Test
    void inspectingAnImageShowsWhatAttachedShowsOfIt() {
        String path = install(TestImage.socketActivated("inspect", "1"));
        host().attach(attachment(path, "default"));

        AttachedImage inspected = host().inspect("inspect").orElseThrow();

        AttachedImage attached = only("inspect");
        assertThat(inspected.imagePath()).isEqualTo(attached.imagePath());
        assertThat(inspected.state()).isEqualTo(attached.state());
        assertThat(inspected.profile()).isEqualTo(attached.profile());
        assertThat(inspected.units())
                .extracting(UnitStatus::name, UnitStatus::activeState, UnitStatus::triggeredBy)
                .containsExactlyInAnyOrderElementsOf(attached.units().stream()
                        .map(u -> org.assertj.core.groups.Tuple.tuple(u.name(), u.activeState(), u.triggeredBy()))
                        .toList());
        assertThat(unit(inspected, "inspect.service").restarts()).isZero();
    }

    @Test
    void inspectingANameNothingIsAttachedAsIsEmpty() {
        assertThat(host().inspect("nothing-of-that-name")).isEmpty();
    }

    @Test
    void unitsLeftRunningByAReattachRefusedHalfWayBlockAnAttachUntilTheyAreStopped() {
        String path = install(TestImage.service("papa", "1"));
        host().attach(attachment(path, "default"));
        reattachRefusedHalfWay("papa");
        assertThat(named("papa")).as("attached after the refused reattach").isEmpty();
        assertThatThrownBy(() -> host().attach(attachment(path, "default")))
                .isInstanceOfSatisfying(
                        BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AttachRejected))
                .hasMessageContaining("papa.service")
                .hasMessageContaining("active");

        List<String> stopped = host().stopOrphanedUnits(attachment(path, "default"));
        host().attach(attachment(path, "default"));

        assertThat(stopped).containsExactly("papa.service");
        assertThat(only("papa").state()).isEqualTo(PortableState.RUNNING);
    }

    @Test
    void stoppingOrphanedUnitsLeavesUnitsThatAUnitFileBacks() {
        String quebec = install(TestImage.service("quebec", "1").plus(longRunning("quebechost.service")));
        String romeo = install(TestImage.service("romeo", "1"));
        host().attach(attachment(romeo, "default"));
        runOnHost("quebechost.service");

        List<String> hostUnits = host().stopOrphanedUnits(
                        new Attachment(quebec, List.of("quebec", "quebechost"), "default", false, true, true));
        List<String> attachedUnits = host().stopOrphanedUnits(attachment(romeo, "default"));

        assertThat(hostUnits).isEmpty();
        assertThat(attachedUnits).isEmpty();
        assertThat(runningOnHost("quebechost.service")).isTrue();
        assertThat(only("romeo").state()).isEqualTo(PortableState.RUNNING);
    }

    @Test
    void aUnitLeftRunningByAnotherImageIsNotStopped() {
        String sierra = install(TestImage.service("sierra", "1"));
        String tango = install(TestImage.service("tango", "1").plus(longRunning("sierra.service")));
        host().attach(attachment(sierra, "default"));
        reattachRefusedHalfWay("sierra");

        List<String> stopped = host().stopOrphanedUnits(
                        new Attachment(tango, List.of("tango", "sierra"), "default", false, true, true));

        assertThat(stopped).isEmpty();
        assertThat(host().stopOrphanedUnits(attachment(sierra, "default")))
                .as("stopped for its own image")
                .containsExactly("sierra.service");
    }

    @Test
    void aReattachWithMatchesTheImageDoesNotAllowIsRefusedAndTheRunningVersionStays() {
        TestImage uniform = TestImage.service("uniform", "1").allowingOnly("uniform");
        String first = install(uniform);
        String second = install(uniform.at("2"));
        host().attach(attachment(first, "default"));

        assertThatThrownBy(() -> host().reattach(
                                new Attachment(second, List.of("uniform", "dbus"), "default", false, true, true)))
                .isInstanceOfSatisfying(
                        BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AttachRejected))
                .hasMessageContaining(second)
                .hasMessageContaining("prefix");

        assertThat(only("uniform").imagePath()).isEqualTo(first);
        assertThat(only("uniform").state()).isEqualTo(PortableState.RUNNING);
    }

    @Test
    void anAttachWithMatchesTheImageDoesNotAllowIsRefused() {
        String path = install(TestImage.service("whiskey", "1").allowingOnly("whiskey"));

        assertThatThrownBy(() ->
                        host().attach(new Attachment(path, List.of("whiskey", "dbus"), "default", false, true, true)))
                .isInstanceOfSatisfying(
                        BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AttachRejected))
                .hasMessageContaining(path);
        assertThat(named("whiskey")).isEmpty();
    }

    @Test
    void aReattachWhoseMatchesTakeAUnitTheHostHasIsRefusedAndChangesNothing() {
        TestImage victor = TestImage.service("victor", "1").plus(longRunning("victorhost.service"));
        String first = install(victor);
        String second = install(victor.at("2"));
        runOnHost("victorhost.service");
        host().attach(attachment(first, "default"));

        assertThatThrownBy(() -> host().reattach(
                                new Attachment(second, List.of("victor", "victorhost"), "default", false, true, true)))
                .isInstanceOfSatisfying(
                        BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AttachRejected))
                .hasMessageContaining(second)
                .hasMessageContaining("victorhost.service");

        AttachedImage attached = only("victor");
        assertThat(attached.imagePath()).isEqualTo(first);
        assertThat(attached.unitNames()).containsExactly("victor.service");
        assertThat(attached.state()).isEqualTo(PortableState.RUNNING);
        assertThat(runningOnHost("victorhost.service")).isTrue();
    }

    @Test
    void anExtensionOnABaseRunsTheExtensionsUnitsAndShowsBaseAndExtension() {
        TestImage base = TestImage.base("xbase", "1");
        String basePath = install(base);
        String app = install(TestImage.extensionOf(base, "xray", "1.0"));

        host().attach(layered(basePath, app));

        AttachedImage xray = only("xray");
        assertThat(xray.imagePath()).isEqualTo(basePath);
        assertThat(xray.extensions()).containsExactly(app);
        assertThat(xray.version()).contains("1.0");
        assertThat(xray.state()).isEqualTo(PortableState.RUNNING);
        assertThat(xray.units()).extracting(UnitStatus::name).containsExactly("xray.service");
        assertThat(unit(xray, "xray.service").isActive()).isTrue();
    }

    @Test
    void twoExtensionsOnOneBaseFileAreTwoImagesAndReattachingOneLeavesTheOther() {
        TestImage base = TestImage.base("ybase", "1");
        String basePath = install(base);
        String yankee1 = install(TestImage.extensionOf(base, "yankee", "1.0"));
        String yankee2 = install(TestImage.extensionOf(base, "yankee", "2.0"));
        String zulu = install(TestImage.extensionOf(base, "zulu", "1.0"));
        host().attach(layered(basePath, yankee1));
        host().attach(layered(basePath, zulu));

        host().reattach(layered(basePath, yankee2));

        assertThat(only("yankee").extensions()).containsExactly(yankee2);
        assertThat(only("yankee").version()).contains("2.0");
        assertThat(only("yankee").state()).isEqualTo(PortableState.RUNNING);
        assertThat(only("zulu").imagePath()).isEqualTo(basePath);
        assertThat(only("zulu").extensions()).containsExactly(zulu);
        assertThat(only("zulu").state()).isEqualTo(PortableState.RUNNING);
    }

    @Test
    void anExtensionWhoseReleaseCannotGoWithTheBaseIsRefusedOnReattachAndTheRunningVersionStays() {
        TestImage base = TestImage.base("abase", "1");
        String basePath = install(base);
        String good = install(TestImage.extensionOf(base, "amber", "1.0"));
        String foreign = install(TestImage.extensionOf(base, "amber", "2.0").releasing("ID=fedora\nVERSION_ID=39\n"));
        host().attach(layered(basePath, good));

        assertThatThrownBy(() -> host().reattach(layered(basePath, foreign)))
                .isInstanceOfSatisfying(
                        BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AttachRejected))
                .hasMessageContaining(foreign)
                .hasMessageContaining("ID=fedora");

        assertThat(only("amber").extensions()).containsExactly(good);
        assertThat(only("amber").state()).isEqualTo(PortableState.RUNNING);
    }

    @Test
    void anExtensionForAnotherBaseVersionIsRefusedOnAttach() {
        TestImage base = TestImage.base("bbase", "1");
        String basePath = install(base);
        String other = install(TestImage.extensionOf(TestImage.base("bbase", "2"), "beryl", "1.0"));

        assertThatThrownBy(() -> host().attach(layered(basePath, other)))
                .isInstanceOfSatisfying(
                        BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AttachRejected))
                .hasMessageContaining(other)
                .hasMessageContaining("VERSION_ID=2");
        assertThat(named("beryl")).isEmpty();
    }

    @Test
    void detachingOneExtensionLeavesTheOtherOnTheSameBaseRunning() {
        TestImage base = TestImage.base("cbase", "1");
        String basePath = install(base);
        String coral = install(TestImage.extensionOf(base, "coral", "1.0"));
        String cedar = install(TestImage.extensionOf(base, "cedar", "1.0"));
        host().attach(layered(basePath, coral));
        host().attach(layered(basePath, cedar));

        host().detach(only("coral"));

        assertThat(named("coral")).isEmpty();
        assertThat(only("cedar").state()).isEqualTo(PortableState.RUNNING);
        assertThat(only("cedar").extensions()).containsExactly(cedar);
    }

    @Test
    void theFourProfilesShippedWithSystemdAreOffered() {
        assertThat(host().profiles()).contains("default", "nonetwork", "strict", "trusted");
    }

    @Test
    void anAttachWithLimitsWritesBerthsDropInForEachServiceBeforeTheyRun() {
        Limits limits = new Limits(Map.of(Limit.MEMORY_MAX, "256M", Limit.TASKS_MAX, "64"));
        String path = install(TestImage.service("memcap", "1"));

        host().attach(new Attachment(path, List.of("memcap"), "default", false, true, true, limits));

        AttachedImage one = only("memcap");
        assertThat(one.state()).isEqualTo(PortableState.RUNNING);
        assertThat(host().limitDropIns(List.of(one)))
                .containsExactly(Map.entry(
                        "memcap.service", LimitsDropIn.text("memcap", limits).orElseThrow()));
    }

    @Test
    void newLimitsReplaceTheDropInAndNoneRemoveIt() {
        String path = install(TestImage.service("cpucap", "1"));
        host().attach(new Attachment(
                path, List.of("cpucap"), "default", false, true, true, new Limits(Map.of(Limit.TASKS_MAX, "64"))));
        Limits tighter = new Limits(Map.of(Limit.TASKS_MAX, "32", Limit.IP_ADDRESS_DENY, "any"));

        host().limit(only("cpucap"), tighter);

        assertThat(host().limitDropIns(List.of(only("cpucap"))))
                .containsExactly(Map.entry(
                        "cpucap.service", LimitsDropIn.text("cpucap", tighter).orElseThrow()));
        Awaitility.await("cpucap to run again after its restart")
                .atMost(settle())
                .until(() -> only("cpucap").state() == PortableState.RUNNING);

        host().limit(only("cpucap"), Limits.NONE);

        assertThat(host().limitDropIns(List.of(only("cpucap")))).isEmpty();
    }

    @Test
    void aRuntimeAttachKeepsItsDropInsUnderRunAndTheyGoWithIt() {
        Limits limits = new Limits(Map.of(Limit.CPU_QUOTA, "50%"));
        String path = install(TestImage.service("runcap", "1"));

        host().attach(new Attachment(path, List.of("runcap"), "default", true, true, true, limits));

        AttachedImage runcap = only("runcap");
        assertThat(runcap.runtime()).isTrue();
        assertThat(host().limitDropIns(List.of(runcap)))
                .containsExactly(Map.entry(
                        "runcap.service", LimitsDropIn.text("runcap", limits).orElseThrow()));
        host().detach(runcap);
        assertThat(host().limitDropIns(List.of(runcap))).isEmpty();
    }

    @Test
    void detachingAnImageRemovesItsDropIns() {
        String path = install(TestImage.service("taskcap", "1"));
        host().attach(new Attachment(
                path, List.of("taskcap"), "default", false, true, true, new Limits(Map.of(Limit.TASKS_MAX, "64"))));
        AttachedImage three = only("taskcap");

        host().detach(three);

        assertThat(host().limitDropIns(List.of(three))).isEmpty();
    }

    /** The base with one extension, matching the extension's name, enabled and started. */
    protected static Attachment layered(String base, String extension) {
        return new Attachment(base, List.of(nameOf(extension)), "default", false, true, true, List.of(extension));
    }

    protected AttachedImage only(String name) {
        List<AttachedImage> found = named(name);
        assertThat(found).as("attached images named " + name).hasSize(1);
        return found.get(0);
    }

    protected List<AttachedImage> named(String name) {
        return host().attached().stream().filter(a -> a.name().equals(name)).toList();
    }

    protected static UnitStatus unit(AttachedImage image, String name) {
        Optional<UnitStatus> unit =
                image.units().stream().filter(u -> u.name().equals(name)).findFirst();
        assertThat(unit).as(name + " in " + image.unitNames()).isPresent();
        return unit.get();
    }

    private static TestImage.TestUnit longRunning(String unit) {
        return new TestImage.TestUnit(unit, TestImage.TestUnit.Kind.LONG_RUNNING);
    }

    private static String nameOf(String path) {
        return dev.berth.model.host.ImageFileName.of(path).name();
    }
}
