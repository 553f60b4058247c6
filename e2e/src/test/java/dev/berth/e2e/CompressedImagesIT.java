package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.e2e.Shelf.Published;
import dev.berth.testkit.CommandResult;
import dev.berth.testkit.FreePort;
import dev.berth.testkit.http.RecordedRequest;
import dev.berth.testkit.http.Reply;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Images published compressed, as NAME_VERSION.raw.zst and NAME_VERSION.raw.xz: verified by the published file's
 * sha256, decompressed into NAME_VERSION.raw and attached; a download cut in the middle resumes from the compressed
 * offset. One boot for the whole story.
 */
class CompressedImagesIT extends HostTest {
    private final int helloPort = FreePort.pick();
    private final int webPort = FreePort.pick();

    @Test
    void aZstdAndAnXzImageAreAttachedDecompressedAndACutDownloadResumesWhereItStopped() {
        Published hello = shelf.publishCompressed(Images.largeHello("1.0", helloPort), "zstd", ".zst", "-3");
        Published web = shelf.publishCompressed(Images.web("1", webPort), "xz", ".xz", "-1");
        String helloPath = URI.create(hello.url()).getPath();
        long cut = hello.size() / 2;
        shelf.server.enqueue(helloPath, Reply.dropAfter(cut));
        host.manifest(Shelf.manifest(hello.entry(), web.entry()));

        CommandResult apply = host.apply();

        assertThat(apply.exitCode()).as(apply.describe()).isZero();
        Http.awaitBody(helloPort, "hello 1.0");
        Http.awaitBody(webPort, "web 1");
        assertThat(host.property("hello.service", "RootImage")).isEqualTo("/var/lib/portables/hello_1.0.raw");
        assertThat(host.pool()).containsExactlyInAnyOrder("hello_1.0.raw", "web_1.raw");
        assertThat(host.sh("stat -c %a " + BerthHost.POOL + "/hello_1.0.raw")).isEqualTo("600");
        List<RecordedRequest> helloRequests = shelf.server.requests(helloPath);
        assertThat(helloRequests).hasSize(2);
        assertThat(helloRequests.get(0).bodyBytesSent()).isEqualTo(cut);
        assertThat(helloRequests.get(1).header("Range")).hasValue("bytes=" + cut + "-");
        assertThat(helloRequests.get(1).bodyBytesSent()).isEqualTo(hello.size() - cut);

        CommandResult plan = host.plan();

        assertThat(plan.stdout())
                .as("the decompressed files are vouched for by the published sha256")
                .contains("No changes: the host matches the manifest");
    }
}
