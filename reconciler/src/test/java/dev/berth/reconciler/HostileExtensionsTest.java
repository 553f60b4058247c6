package dev.berth.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.Compression;
import dev.berth.model.Digest;
import dev.berth.model.ExtensionSpec;
import dev.berth.model.ImageSpec;
import dev.berth.model.Origin;
import dev.berth.model.Reason;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.plan.Finding;
import dev.berth.reconciler.fake.FakeImagePool;
import dev.berth.reconciler.fake.Releases;
import dev.berth.reconciler.fake.TestImage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A hostile manifest entry whose extension would be stored under another entry's pool file (NAME_VERSION.raw) with
 * other bytes: the other entry's verified file is never overwritten or deleted, nothing attaches a wrong file, and
 * the hostile entry is refused saying which file, which entry, and what to do.
 */
class HostileExtensionsTest {
    private static final TestImage BASE = TestImage.base("base", "1");
    private static final String BASE_PATH = Fixtures.path("base", "1");
    private static final TestImage EVIL_BASE = TestImage.base("evilbase", "1");
    private static final byte[] EVIL = "evil bytes".getBytes(StandardCharsets.UTF_8);

    private final World world = new World();
    private final Releases releases = new Releases(world.fetcher, world.host, Fixtures.POOL);

    @Test
    void anExtensionNamedLikeAnotherEntrysAttachedBaseIsRefusedAndTheBaseIsKept() {
        ImageSpec app = app();
        world.apply(app);
        byte[] verified = world.pool.content(BASE_PATH).orElseThrow();

        Pass pass = world.apply(app, evil("base", "1"));

        assertRefusedOver(pass, "base_1.raw", "app 1.0");
        assertThat(world.pool.content(BASE_PATH)).contains(verified);
        assertThat(runningFrom("app")).isEqualTo(BASE_PATH);
    }

    @Test
    void anExtensionNamedLikeABaseBothNewOnTheSamePassLeavesTheFirstEntryOnTheRightBase() {
        ImageSpec app = app();

        Pass pass = world.apply(app, evil("base", "1"));

        assertRefusedOver(pass, "base_1.raw", "app 1.0");
        assertThat(world.pool.content(BASE_PATH)).contains(publishedBase());
        assertThat(runningFrom("app")).isEqualTo(BASE_PATH);
    }

    @Test
    void theVerifiedFileWinsEvenWhenTheHostileEntryIsListedFirst() {
        ImageSpec app = app();
        world.apply(app);

        Pass pass = world.apply(evil("base", "1"), app);

        assertRefusedOver(pass, "base_1.raw", "app 1.0");
        assertThat(world.pool.content(BASE_PATH)).contains(publishedBase());
        assertThat(pass.outcome("app").orElseThrow().problem()).isEmpty();
    }

    @Test
    void anExtensionNamedLikeAPlainEntrysImageIsRefusedAndTheImageIsKept() {
        ImageSpec hello = releases.publish(TestImage.service("hello", "1.0"));
        world.apply(hello);
        byte[] verified = world.pool.content(Fixtures.path("hello", "1.0")).orElseThrow();

        Pass pass = world.apply(hello, evil("hello", "1.0"));

        assertRefusedOver(pass, "hello_1.0.raw", "hello 1.0");
        assertThat(world.pool.content(Fixtures.path("hello", "1.0"))).contains(verified);
        assertThat(runningFrom("hello")).isEqualTo(Fixtures.path("hello", "1.0"));
    }

    @Test
    void aBaseNamedLikeAnotherEntrysExtensionIsRefusedAndTheExtensionIsKept() {
        ImageSpec app = app();
        world.apply(app);
        byte[] verified = world.pool.content(Fixtures.path("app", "1.0")).orElseThrow();
        URI url = URI.create("https://evil.example/app_1.0.raw");
        world.fetcher.serve(url, EVIL);
        ImageSpec layers = releases.publishLayered(BASE, TestImage.extensionOf(BASE, "evil", "1.0"));
        ImageSpec evil = new ImageSpec(
                        "evil",
                        "1.0",
                        url,
                        FakeImagePool.sha256(EVIL),
                        "default",
                        List.of("evil"),
                        true,
                        true,
                        false,
                        new Origin("m.yaml", 9))
                .withExtensions(layers.extensions());

        Pass pass = world.apply(app, evil);

        assertRefusedOver(pass, "app_1.0.raw", "app 1.0");
        assertThat(world.pool.content(Fixtures.path("app", "1.0"))).contains(verified);
    }

    @Test
    void anExtensionNamedLikeTheImageOfAnEntryBeingRemovedNeverReplacesItsFileWhileItIsAttached() {
        ImageSpec hello = releases.publish(TestImage.service("hello", "1.0"));
        world.apply(hello);

        Pass pass = world.apply(evil("hello", "1.0"));

        assertThat(pass.execution().failure().orElseThrow().error())
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.FileConflict))
                .extracting(Throwable::getMessage)
                .asString()
                .contains("hello_1.0.raw", "holds image hello 1.0", "another name or version");
        assertThat(world.fetcher.fetched()).doesNotContain(URI.create("https://evil.example/hello_1.0.raw"));
        assertThat(world.host.attached()).extracting(AttachedImage::name).doesNotContain("evil");
    }

    private void assertRefusedOver(Pass pass, String file, String victim) {
        assertThat(world.host.attached()).extracting(AttachedImage::name).doesNotContain("evil");
        assertThat(pass.plan().refused())
                .filteredOn(r -> r.image().equals("evil"))
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(Reason.FileConflict))
                .extracting(Finding.Refused::message)
                .asString()
                .contains("evil 1.0", file, victim, "another name or version");
    }

    private String runningFrom(String name) {
        return world.host.attached().stream()
                .filter(a -> a.name().equals(name))
                .findFirst()
                .orElseThrow()
                .imagePath();
    }

    private byte[] publishedBase() {
        return (BASE.name() + " " + BASE.version()).getBytes(StandardCharsets.UTF_8);
    }

    private ImageSpec app() {
        return releases.publishLayered(BASE, TestImage.extensionOf(BASE, "app", "1.0"));
    }

    /** Entry evil on a base of its own, whose first extension NAME VERSION is other bytes than anything published. */
    private ImageSpec evil(String name, String version) {
        URI url = URI.create("https://evil.example/" + name + "_" + version + ".raw");
        world.fetcher.serve(url, EVIL);
        ExtensionSpec hostile =
                new ExtensionSpec(name, version, url, new Digest.Pinned(FakeImagePool.sha256(EVIL)), Compression.NONE);
        ImageSpec evil = releases.publishLayered(EVIL_BASE, TestImage.extensionOf(EVIL_BASE, "evil", "1.0"));
        return evil.withExtensions(List.of(hostile, evil.extensions().get(0)));
    }
}
