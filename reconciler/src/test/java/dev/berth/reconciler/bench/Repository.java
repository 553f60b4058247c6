package dev.berth.reconciler.bench;

import dev.berth.model.FleetManifest;
import dev.berth.model.ImageSpec;
import dev.berth.model.Manifest;
import dev.berth.model.ManifestParser;
import dev.berth.model.Provenance;
import dev.berth.model.fleet.HostIdentity;
import dev.berth.reconciler.port.ManifestSource;
import dev.berth.reconciler.port.SourceSnapshot;
import java.util.Optional;

/**
 * The fleet's one git repository: each commit is a manifest text, parsed by the real {@link ManifestParser} as the
 * git source parses a commit it fetched. Every host reads it through {@link #sourceFor}, which counts each read as
 * one fetch from the git server and, like the git source, works out the host's view only when the commit changed.
 */
final class Repository {
    static final String FILE = "fleet.yaml";

    private final Traffic traffic;
    private FleetManifest head = new FleetManifest(java.util.List.of(), FILE, Provenance.REPOSITORY);
    private int commits;

    Repository(Traffic traffic) {
        this.traffic = traffic;
    }

    void commit(String manifest) {
        head = ManifestParser.parse(manifest, FILE).from(Provenance.REPOSITORY);
        commits++;
    }

    FleetManifest head() {
        return head;
    }

    String revision() {
        return "commit-" + commits;
    }

    /** What {@code host}'s agent reads from the repository: its own view of the newest commit. */
    ManifestSource sourceFor(HostIdentity host) {
        return new ManifestSource() {
            private String read = "";
            private Manifest view = head.forHost(host);

            @Override
            public SourceSnapshot read() {
                traffic.gitFetch();
                if (!read.equals(revision())) {
                    read = revision();
                    view = head.forHost(host);
                }
                return new SourceSnapshot(view, read);
            }
        };
    }

    /**
     * The manifest text of one image entry, as a fleet repository would hold it.
     *
     * @param rollout the entry's {@code rollout:} block, indented as under {@code rollout:}; empty: none
     */
    static String manifest(ImageSpec image, Optional<String> rollout) {
        String entry = """
                apiVersion: berth.dev/v1
                kind: Manifest
                images:
                  - name: %s
                    version: "%s"
                    url: %s
                    sha256: %s
                """.formatted(image.name(), image.version(), image.url(), image.sha256());
        return rollout.map(r -> entry + "    rollout:\n" + r.indent(6)).orElse(entry);
    }
}
