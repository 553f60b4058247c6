package dev.berth.e2e;

import dev.berth.testkit.git.GitDaemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The operator's side of a GitOps test: images published over http, and a git repository of manifests served by
 * git's daemon, both on the machine's 127.0.0.1, which the systemd host shares.
 */
final class Fleet implements AutoCloseable {
    static final String MANIFEST = "hosts/web/images.yaml";

    final Shelf shelf;
    final OperatorRepo repo;
    final GitDaemon daemon;

    Fleet(Path work) throws IOException, InterruptedException {
        shelf = new Shelf(Files.createDirectories(work.resolve("images")));
        Path repos = Files.createDirectories(work.resolve("repos"));
        repo = OperatorRepo.init(Files.createDirectories(repos.resolve("fleet")));
        daemon = GitDaemon.start(repos, work.resolve("git-daemon.log"));
    }

    String url() {
        return daemon.url("fleet");
    }

    /** Commits a manifest of these entries as hosts/web/images.yaml; returns the commit id. */
    String commit(String message, String... entries) {
        return repo.commit(message, Map.of(MANIFEST, Shelf.manifest(entries)));
    }

    @Override
    public void close() {
        daemon.close();
        shelf.close();
    }
}
