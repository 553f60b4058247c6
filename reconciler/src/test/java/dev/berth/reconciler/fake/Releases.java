package dev.berth.reconciler.fake;

import dev.berth.model.ImageSpec;
import dev.berth.model.Origin;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
