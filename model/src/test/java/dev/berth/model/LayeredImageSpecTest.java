package dev.berth.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An entry that layers extension images on a base image. */
class LayeredImageSpecTest {
    private static final Sha256 SHA = new Sha256("a".repeat(64));

    @Test
    void theBaseIsKeptUnderItsUrlsFileNameSoThatEntriesShareIt() {
        ImageSpec app = entry("app", "https://images.example/base_1.raw.zst", extension("app"));

        assertThat(app.fileName()).isEqualTo("base_1.raw");
        assertThat(app.extensions().get(0).fileName()).isEqualTo("app_2.0.raw");
    }

    @Test
    void anEntryGoesByItsLastExtensionsName() {
        assertThatThrownBy(() -> entry("app", "https://images.example/base_1.raw", extension("lib")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("last extension must be named app");
    }

    @Test
    void aBaseUrlThatDoesNotNameAPoolFileIsRefused() {
        assertThatThrownBy(() -> entry("app", "https://images.example/download?id=7", extension("app")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BASE_VERSION.raw");
    }

    @Test
    void aBaseNamedLikeItsExtensionIsRefused() {
        assertThatThrownBy(() -> entry("app", "https://images.example/app_2.0.raw", extension("app")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("file name of one of its extensions");
    }

    @Test
    void aBaseNamedLikeItsExtensionIsRefusedSayingWhatToDo() {
        assertThatThrownBy(() -> entry("app", "https://images.example/app_2.0.raw", extension("app")))
                .hasMessageContaining("app_2.0.raw")
                .hasMessageContaining("give the extension another name or version");
    }

    @Test
    void theSameExtensionListedTwiceIsRefused() {
        assertThatThrownBy(() -> entry(
                        "app",
                        "https://images.example/base_1.raw",
                        extension("lib"),
                        extension("lib"),
                        extension("app")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same pool file");
    }

    @Test
    void aPlainEntryKeepsItsNameAndVersionAsFileName() {
        ImageSpec plain = new ImageSpec(
                "hello",
                "1.0",
                URI.create("https://images.example/whatever.raw"),
                SHA,
                "default",
                List.of("hello"),
                true,
                true,
                false,
                new Origin("m.yaml", 1));

        assertThat(plain.fileName()).isEqualTo("hello_1.0.raw");
    }

    private static ExtensionSpec extension(String name) {
        return new ExtensionSpec(
                name,
                "2.0",
                URI.create("https://images.example/" + name + "_2.0.raw"),
                new Digest.Pinned(SHA),
                Compression.NONE);
    }

    private static ImageSpec entry(String name, String baseUrl, ExtensionSpec... extensions) {
        URI url = URI.create(baseUrl);
        return new ImageSpec(
                        name, "2.0", url, SHA, "default", List.of(name), true, true, false, new Origin("m.yaml", 1))
                .withCompression(Compression.ofUrl(url))
                .withExtensions(List.of(extensions));
    }
}
