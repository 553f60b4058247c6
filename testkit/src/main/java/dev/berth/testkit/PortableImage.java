package dev.berth.testkit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A tiny portable service image for tests, built from the machine's static busybox. Immutable: every method returns
 * a new image, so a base image can be varied per test.
 *
 * <pre>{@code
 * Path raw = PortableImage.named("hello").version("1.0")
 *         .service("hello", "/usr/bin/busybox httpd -f -p 127.0.0.1:" + port + " -h /usr/lib/www")
 *         .file("usr/lib/www/index.html", "v1")
 *         .buildRaw(pool); // pool/hello_1.0.raw
 * }</pre>
 *
 * <p>Services can run {@code /usr/bin/busybox} applets: {@code httpd -f -p 127.0.0.1:PORT -h DIR}, {@code sh -c},
 * {@code sleep}. The tree holds usr/bin/busybox, usr/lib/os-release, the units and files given, the mount points
 * portabled needs (proc sys dev run tmp var/tmp) and empty etc/resolv.conf and etc/machine-id.
 *
 * <p>An extension image ({@link #extensionOf}) holds only its units and files and its extension-release, named after
 * the whole image name as portabled requires ({@code usr/lib/extension-release.d/extension-release.NAME_VERSION}); it
 * runs on a base image, which brings busybox, os-release and the mount points.
 */
public final class PortableImage {
    private final String name;
    private final String version;
    private final String osRelease;
    private final Map<String, ImageFile> files;
    private final boolean extension;

    private PortableImage(
            String name, String version, String osRelease, Map<String, ImageFile> files, boolean extension) {
        this.name = checkName("image name", name);
        this.version = checkName("image version", version);
        this.osRelease = Objects.requireNonNull(osRelease, "osRelease");
        this.files = Map.copyOf(files);
        this.extension = extension;
    }

    /** An image with no units yet, version 1, os-release {@code ID=berth-test}. */
    public static PortableImage named(String name) {
        return new PortableImage(name, "1", "", Map.of(), false);
    }

    /**
     * An extension image with no units yet, version 1, whose extension-release matches {@code base}: the ID and
     * VERSION_ID of the base's os-release (replace it with {@link #osRelease} to make one that does not match).
     */
    public static PortableImage extensionOf(PortableImage base, String name) {
        String release = base.osReleaseText()
                .lines()
                .filter(line -> line.startsWith("ID=") || line.startsWith("VERSION_ID="))
                .map(line -> line + "\n")
                .reduce("", String::concat);
        return new PortableImage(name, "1", release, Map.of(), true);
    }

    public PortableImage version(String version) {
        return new PortableImage(name, version, osRelease, files, extension);
    }

    /**
     * Adds {@code usr/lib/systemd/system/UNIT.service} (".service" is added unless present) running {@code execStart},
     * installed into multi-user.target.
     */
    public PortableImage service(String unitName, String execStart) {
        String fileName = unitName.endsWith(".service") ? unitName : unitName + ".service";
        return unit(
                fileName,
                "[Unit]\nDescription=Berth test service " + fileName + "\n\n[Service]\nExecStart=" + execStart
                        + "\n\n[Install]\nWantedBy=multi-user.target\n");
    }

    /** Adds any unit file (service, socket, timer...) under usr/lib/systemd/system. */
    public PortableImage unit(String fileName, String text) {
        return file("usr/lib/systemd/system/" + checkName("unit file name", fileName), text);
    }

    /** Adds a text file at a path relative to the image root. */
    public PortableImage file(String path, String content) {
        return with(path, new ImageFile(content.getBytes(StandardCharsets.UTF_8), false));
    }

    /** Adds an executable file (mode 0755), for example a shell script starting {@code #!/usr/bin/busybox sh}. */
    public PortableImage executable(String path, String content) {
        return with(path, new ImageFile(content.getBytes(StandardCharsets.UTF_8), true));
    }

    /**
     * Replaces the whole os-release text (the extension-release text of an extension image); the default is {@code
     * ID=berth-test} and {@code VERSION_ID=<version>}.
     */
    public PortableImage osRelease(String text) {
        return new PortableImage(name, version, text, files, extension);
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    /** NAME_VERSION, the base of the file or directory name that portabled sees. */
    public String baseName() {
        return name + "_" + version;
    }

    /** Builds {@code dir/NAME_VERSION.raw}, a squashfs image, replacing one that exists; returns its path. */
    public Path buildRaw(Path dir) {
        return ImageBuilder.raw(this, dir);
    }

    /** Builds the directory image {@code dir/NAME_VERSION/}, replacing one that exists; returns its path. */
    public Path buildDirectory(Path dir) {
        return ImageBuilder.directory(this, dir);
    }

    /** Whether this is an extension image, laid out without busybox, os-release and mount points. */
    boolean isExtension() {
        return extension;
    }

    /** Where the release text goes: os-release, or the extension-release named after the whole image name. */
    String releasePath() {
        return extension ? "usr/lib/extension-release.d/extension-release." + baseName() : "usr/lib/os-release";
    }

    String osReleaseText() {
        return osRelease.isEmpty() ? "ID=berth-test\nVERSION_ID=" + version + "\n" : osRelease;
    }

    /** Files by path relative to the image root, in a stable order so that builds are reproducible. */
    Map<String, ImageFile> files() {
        return new TreeMap<>(files);
    }

    private PortableImage with(String path, ImageFile file) {
        Map<String, ImageFile> all = new TreeMap<>(files);
        all.put(ImageBuilder.checkRelative(path), file);
        return new PortableImage(name, version, osRelease, all, extension);
    }

    private static String checkName(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty()
                || value.startsWith(".")
                || value.contains("/")
                || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(what + " must be a non-empty file name without '/', white space or a"
                    + " leading '.': '" + value + "'");
        }
        return value;
    }

    /** Content and mode of one file in the image. */
    record ImageFile(byte[] content, boolean executable) {
        ImageFile {
            content = content.clone();
        }
    }
}
