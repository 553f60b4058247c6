package dev.berth.agent.dbus;

import dev.berth.reconciler.fake.TestImage;
import dev.berth.testkit.PortableImage;

/** Turns the contract's image descriptions into real busybox images. */
final class TestImages {
    private TestImages() {}

    static PortableImage real(TestImage image) {
        PortableImage real = image.extension()
                ? PortableImage.extensionOf(PortableImage.named("base"), image.name())
                        .version(image.version())
                        .osRelease(image.releaseText())
                : PortableImage.named(image.name()).version(image.version());
        if (!image.release().isEmpty() && !image.extension()) {
            real = real.osRelease(image.release());
        }
        if (!image.prefixes().isEmpty()) {
            real = real.osRelease("ID=berth-test\nVERSION_ID=" + image.version() + "\nPORTABLE_PREFIXES=\""
                    + String.join(" ", image.prefixes()) + "\"\n");
        }
        for (TestImage.TestUnit unit : image.units()) {
            real = with(real, unit);
        }
        return real;
    }

    private static PortableImage with(PortableImage image, TestImage.TestUnit unit) {
        String stem = unit.name().substring(0, unit.name().lastIndexOf('.'));
        return switch (unit.kind()) {
            case LONG_RUNNING -> image.service(unit.name(), "/usr/bin/busybox sleep 1000000");
            case EXITS_WITH_FAILURE -> image.service(unit.name(), "/usr/bin/busybox sh -c 'sleep 1; exit 1'");
            default ->
                image.unit(
                        unit.name(),
                        "[Unit]\nDescription=Berth test socket " + unit.name() + "\n\n[Socket]\nListenStream=/run/"
                                + stem + ".sock\n\n[Install]\nWantedBy=sockets.target\n");
        };
    }
}
