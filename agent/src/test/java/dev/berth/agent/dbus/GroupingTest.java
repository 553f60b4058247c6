package dev.berth.agent.dbus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.host.AttachedImage;
import dev.berth.model.host.PortableState;
import dev.berth.model.host.UnitStatus;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class GroupingTest {
    private static final String ETC = "/etc/systemd/system.attached/";
    private static final String RUN = "/run/systemd/system.attached/";

    @Test
    void aServiceJoinsTheImageItsRootImageNamesEvenWhenTheMarkerNamesAnotherVersion() {
        UnitProps hello = new Props("hello.service")
                .rootImage("/var/lib/portables/hello_2.raw")
                .marker("/var/lib/portables/hello_1.raw")
                .build();

        List<AttachedImage> images = Grouping.group(List.of(hello), GroupingTest::noProfile);

        assertThat(images).extracting(AttachedImage::imagePath).containsExactly("/var/lib/portables/hello_2.raw");
    }

    @Test
    void aDirectoryImageIsNamedByRootDirectory() {
        UnitProps tree = new Props("tree.service")
                .rootDirectory("/var/lib/portables/tree_3")
                .build();

        assertThat(Grouping.group(List.of(tree), GroupingTest::noProfile))
                .extracting(AttachedImage::imagePath)
                .containsExactly("/var/lib/portables/tree_3");
    }

    @Test
    void aSocketJoinsTheImageOfTheServiceItTriggers() {
        UnitProps socket = new Props("kilo.socket").triggers("kilo.service").build();
        UnitProps service = service("kilo.service", "/var/lib/portables/kilo_1.raw");

        List<AttachedImage> images = Grouping.group(List.of(socket, service), GroupingTest::noProfile);

        assertThat(images).hasSize(1);
        assertThat(images.get(0).unitNames()).containsExactly("kilo.socket", "kilo.service");
    }

    @Test
    void aTargetFallsBackToTheMarkerPortabledWrote() {
        UnitProps target =
                new Props("kilo.target").marker("/var/lib/portables/kilo_1.raw").build();
        UnitProps service = service("kilo.service", "/var/lib/portables/kilo_1.raw");

        assertThat(Grouping.group(List.of(target, service), GroupingTest::noProfile)
                        .get(0)
                        .unitNames())
                .containsExactly("kilo.target", "kilo.service");
    }

    @Test
    void aUnitWithoutAnyClueToItsImageIsLeftOutRatherThanGuessed() {
        UnitProps stray = new Props("stray.target").build();

        assertThat(Grouping.group(List.of(stray), GroupingTest::noProfile)).isEmpty();
    }

    @Test
    void twoServicesOnOneBaseWithDifferentExtensionsAreTwoImagesNamedByTheirExtensions() {
        String base = "/var/lib/portables/base_1.raw";
        UnitProps app = new Props("app.service")
                .rootImage(base)
                .extensionImages("/var/lib/portables/app_2.0.raw")
                .build();
        UnitProps other = new Props("other.service")
                .rootImage(base)
                .extensionImages("/var/lib/portables/other_1.0.raw")
                .build();

        List<AttachedImage> images = Grouping.group(List.of(app, other), GroupingTest::noProfile);

        assertThat(images).extracting(AttachedImage::label).containsExactly("app 2.0", "other 1.0");
        assertThat(images).extracting(AttachedImage::imagePath).containsOnly(base);
        assertThat(images.get(0).extensions()).containsExactly("/var/lib/portables/app_2.0.raw");
    }

    @Test
    void aTargetJoinsAnImageWithExtensionsThroughTheMarkerPortabledWrote() {
        String base = "/var/lib/portables/base_1.raw";
        String app = "/var/lib/portables/app_2.0.raw";
        UnitProps target = new Props("app.target").marker(base + ":" + app).build();
        UnitProps service =
                new Props("app.service").rootImage(base).extensionImages(app).build();

        List<AttachedImage> images = Grouping.group(List.of(target, service), GroupingTest::noProfile);

        assertThat(images).hasSize(1);
        assertThat(images.get(0).unitNames()).containsExactly("app.target", "app.service");
    }

    @Test
    void twoVersionsOfOneNameAreTwoImages() {
        List<AttachedImage> images = Grouping.group(
                List.of(
                        service("a.service", "/var/lib/portables/app_1.raw"),
                        service("b.service", "/var/lib/portables/app_2.raw")),
                GroupingTest::noProfile);

        assertThat(images).extracting(AttachedImage::label).containsExactly("app 1", "app 2");
    }

    @Test
    void theStateFollowsPortabledsRule() {
        assertThat(Grouping.state(List.of(new Props("a.service").build()))).isEqualTo(PortableState.ATTACHED);
        assertThat(Grouping.state(
                        List.of(new Props("a.service").unitFileState("enabled").build())))
                .isEqualTo(PortableState.ENABLED);
        assertThat(Grouping.state(
                        List.of(new Props("a.service").unitFileState("static").build())))
                .isEqualTo(PortableState.ATTACHED);
        assertThat(Grouping.state(
                        List.of(new Props("a.service").active("activating").build())))
                .isEqualTo(PortableState.RUNNING);
        assertThat(Grouping.state(
                        List.of(new Props("a.service").active("failed").build())))
                .isEqualTo(PortableState.ATTACHED);
        assertThat(Grouping.state(List.of(new Props("a.service")
                        .file(RUN + "a.service")
                        .active("active")
                        .build())))
                .isEqualTo(PortableState.RUNNING_RUNTIME);
    }

    @Test
    void aServiceIsTriggeredByTheSocketThatTriggersItEvenBeforeSystemdSaysSo() {
        UnitProps socket = new Props("kilo.socket").triggers("kilo.service").build();
        UnitProps service = service("kilo.service", "/var/lib/portables/kilo_1.raw");

        List<UnitStatus> statuses = Grouping.statuses(List.of(socket, service));

        assertThat(statuses.get(1).triggeredBy()).containsExactly("kilo.socket");
        assertThat(statuses.get(0).triggeredBy()).isEmpty();
    }

    @Test
    void theProfileIsReadFromTheServicesProfileDropIn() {
        UnitProps service = service("hello.service", "/var/lib/portables/hello_1.raw");
        Function<String, Optional<String>> profiles = dropIn ->
                dropIn.equals(ETC + "hello.service.d/10-profile.conf") ? Optional.of("strict") : Optional.empty();

        assertThat(Grouping.group(List.of(service), profiles).get(0).profile()).contains("strict");
    }

    @Test
    void aUnitWithoutAResultReportsSuccess() {
        UnitStatus status =
                Grouping.statuses(List.of(new Props("kilo.target").build())).get(0);

        assertThat(status.result()).isEqualTo("success");
    }

    private static Optional<String> noProfile(String dropIn) {
        return Optional.empty();
    }

    private static UnitProps service(String name, String image) {
        return new Props(name).rootImage(image).build();
    }

    /** A UnitProps builder with the values of an attached, inactive, disabled unit. */
    private static final class Props {
        private final String name;
        private String file;
        private String unitFileState = "disabled";
        private String active = "inactive";
        private List<String> triggers = List.of();
        private String rootImage = "";
        private List<String> extensionImages = List.of();
        private String rootDirectory = "";
        private String marker = "";
        private boolean wanted;

        Props(String name) {
            this.name = name;
            this.file = ETC + name;
        }

        Props file(String value) {
            file = value;
            return this;
        }

        Props unitFileState(String value) {
            unitFileState = value;
            return this;
        }

        Props active(String value) {
            active = value;
            return this;
        }

        Props triggers(String... value) {
            triggers = List.of(value);
            return this;
        }

        Props rootImage(String value) {
            rootImage = value;
            return this;
        }

        Props rootDirectory(String value) {
            rootDirectory = value;
            return this;
        }

        Props extensionImages(String... paths) {
            extensionImages = List.of(paths);
            return this;
        }

        Props marker(String value) {
            marker = value;
            return this;
        }

        UnitProps build() {
            return new UnitProps(
                    name,
                    file,
                    unitFileState,
                    active,
                    "dead",
                    "",
                    0,
                    List.of(),
                    triggers,
                    List.of(),
                    rootImage,
                    rootDirectory,
                    marker,
                    wanted,
                    extensionImages);
        }
    }
}
