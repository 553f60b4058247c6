package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.e2e.Shelf.Published;
import dev.berth.testkit.CommandResult;
import dev.berth.testkit.FreePort;
import dev.berth.testkit.http.RecordedRequest;
import dev.berth.testkit.http.Reply;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitOps end to end: the manifests live in a git repository served by git's daemon on 127.0.0.1, images come
 * over http from a server that drops the connection in the middle, and berth runs inside a real systemd host.
 */
@OnceIsEnough
class GitSourceIT {
    @TempDir
    Path work;

    private Fleet fleet;
    private Shelf shelf;
    private BerthHost host;
    private final int helloPort = FreePort.pick();

    @BeforeEach
    void start() throws Exception {
        fleet = new Fleet(work);
        shelf = fleet.shelf;
        host = BerthHost.boot();
    }

    @AfterEach
    void stop() {
        host.close();
        fleet.close();
    }

    private CommandResult apply() {
        return host.berth("apply", "--git", fleet.url(), "--path", "hosts/web", "--allow-http");
    }

    @Test
    void aCommittedManifestConvergesTheHostThroughADroppedDownload() {
        Published hello = shelf.publish(Images.hello("1.0", helloPort));
        Published idle = shelf.publish(Images.idle("idle", "1"));
        String path = "/images/" + hello.fileName();
        shelf.server.enqueue(path, Reply.dropAfter(hello.size() / 2));
        String commit = fleet.repo.commit(
                "hello and idle",
                Map.of(
                        "hosts/web/hello.yaml", Shelf.manifest(hello.entry()),
                        "hosts/web/idle.yaml", Shelf.manifest(idle.entry()),
                        "README.md", "not a manifest"));

        CommandResult apply = apply();

        assertThat(apply.exitCode()).as(apply.describe()).isZero();
        assertThat(apply.stdout())
                .contains("hosts/web@" + commit.substring(0, 12))
                .contains(commit.substring(0, 12));
        Http.awaitBody(helloPort, "hello 1.0");
        assertThat(host.active("idle.service")).isTrue();
        List<RecordedRequest> downloads = shelf.server.requests(path);
        assertThat(downloads).hasSize(2);
        long received = hello.size() / 2;
        assertThat(downloads.get(1).header("Range")).contains("bytes=" + received + "-");
        assertThat(downloads.get(1).bodyBytesSent()).isEqualTo(hello.size() - received);
        assertThat(host.pool()).containsExactlyInAnyOrder("hello_1.0.raw", "idle_1.raw");
    }

    @Test
    void theNextCommitUpgradesAndTheLastRevisionServesWhileTheRemoteIsDown() {
        Published v1 = shelf.publish(Images.hello("1.0", helloPort));
        fleet.repo.commit("hello 1.0", Map.of("hosts/web/hello.yaml", Shelf.manifest(v1.entry())));
        assertThat(apply().exitCode()).isZero();
        Published v2 = shelf.publish(Images.hello("2.0", helloPort));
        String second = fleet.repo.commit("hello 2.0", Map.of("hosts/web/hello.yaml", Shelf.manifest(v2.entry())));

        CommandResult upgrade = apply();
        fleet.daemon.close();
        CommandResult offline = apply();

        assertThat(upgrade.exitCode()).as(upgrade.describe()).isZero();
        assertThat(upgrade.stdout()).contains("~ upgrade   hello          version 1.0 -> 2.0");
        Http.awaitBody(helloPort, "hello 2.0");
        assertThat(offline.exitCode()).as(offline.describe()).isZero();
        assertThat(offline.stderr())
                .contains("warning: SourceUnavailable: remote " + fleet.url() + " unreachable")
                .contains("using cached revision " + second.substring(0, 12));
        assertThat(offline.stdout()).contains("No changes");
    }

    @Test
    void aManifestFromGitCannotCopyTheHostsFilesIntoThePool() {
        String shadow = host.sh("sha256sum /etc/shadow | cut -d' ' -f1");
        String entry =
                "  - name: secret\n    version: \"1\"\n    url: file:///etc/shadow\n    sha256: " + shadow + "\n";
        fleet.repo.commit("steal", Map.of(Fleet.MANIFEST, Shelf.manifest(entry)));

        CommandResult apply = apply();

        assertThat(apply.exitCode()).isEqualTo(1);
        assertThat(apply.stdout()).contains("PolicyViolation").contains("file:///etc/shadow names a file on this host");
        assertThat(host.pool()).isEmpty();
    }
}
