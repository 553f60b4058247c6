package dev.berth.reconciler.fake;

import dev.berth.model.Compression;
import dev.berth.model.ExtensionSpec;
import dev.berth.model.ImageSpec;
import dev.berth.model.Origin;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes a test image to a world of fakes, as a release pipeline would: its bytes at a URL the fake fetcher
 * serves, and its units in the fake host's pool. Returns the manifest entry that asks for it.
 */
public final class Releases {
    private final FakeImageFetcher fetcher;
    private final FakePortableHost host;
    private final String pool;

    public Releases(FakeImageFetcher fetcher, FakePortableHost host, String pool) {
        this.fetcher = fetcher;
        this.host = host;
        this.pool = pool;
    }

    public ImageSpec publish(TestImage image) {
        return publish(image, "default");
    }

    /**
     * Publishes a base image and extension images for it; returns the entry that layers them, named after the last
     * extension as the host names it.
     */
    public ImageSpec publishLayered(TestImage base, TestImage... extensions) {
        ImageSpec baseEntry = publish(base);
        List<ExtensionSpec> layers = new ArrayList<>();
        for (TestImage extension : extensions) {
            ImageSpec file = publish(extension);
            layers.add(new ExtensionSpec(
                    extension.name(), extension.version(), file.url(), file.digest(), Compression.NONE));
        }
        TestImage last = extensions[extensions.length - 1];
        return new ImageSpec(
                        last.name(),
                        last.version(),
                        baseEntry.url(),
                        baseEntry.sha256(),
                        "default",
                        List.of(last.name()),
                        true,
                        true,
                        false,
                        new Origin("m.yaml", 4))
                .withExtensions(layers);
    }

    public ImageSpec publish(TestImage image, String profile) {
        byte[] content = (image.name() + " " + image.version()).getBytes(StandardCharsets.UTF_8);
        URI url = URI.create("https://images.example/" + image.fileName());
        fetcher.serve(url, content);
        host.install(pool, image);
        return new ImageSpec(
                image.name(),
                image.version(),
                url,
                FakeImagePool.sha256(content),
                profile,
                List.of(image.name()),
                true,
                true,
                false,
                new Origin("m.yaml", 4));
    }
}
