package dev.berth.reconciler;

import dev.berth.model.BerthException;
import dev.berth.model.ImageSpec;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.model.Sidecar;
import dev.berth.model.host.PoolFile;
import dev.berth.model.plan.Step;
import dev.berth.model.state.KnownFile;
import dev.berth.reconciler.port.Download;
import dev.berth.reconciler.port.FetchedFile;
import dev.berth.reconciler.port.ImageFetcher;
import dev.berth.reconciler.port.ImagePool;
import java.util.List;
import java.util.Optional;

/**
 * Runs fetch steps: the image and each of its verity sidecars and extension images (in the pool next to the base). A
 * file already in the pool that Berth verified before is kept; one it did not know is hashed once and adopted when
 * it matches; a different file Berth did not download, or downloaded for another image, is never overwritten.
 */
final class Fetching {
    private final ImageFetcher fetcher;
    private final ImagePool pool;

    Fetching(ImageFetcher fetcher, ImagePool pool) {
        this.fetcher = fetcher;
        this.pool = pool;
    }

    void fetch(Step.Fetch step, Ledger ledger) {
        ImageSpec spec = step.spec();
        fetch(spec, Download.of(spec), step.target(), ledger);
        for (Sidecar sidecar : spec.sidecars()) {
            fetch(spec, Download.of(spec, sidecar), sidecar.pathNextTo(step.target()), ledger);
        }
        List<String> paths = spec.extensionPaths(step.target());
        for (int i = 0; i < paths.size(); i++) {
            fetch(spec, Download.of(spec, spec.extensions().get(i)), paths.get(i), ledger);
        }
    }

    /**
     * A file Berth downloaded and verified for another image with other bytes (a manifest naming one pool file
     * twice) is that image's, not a stale download of this one: it is never deleted to make room.
     */
    private static void refuseReplacingAnotherImagesFile(
            ImageSpec spec, Download download, String target, Optional<KnownFile> known) {
        Optional<KnownFile> other = known.filter(k -> !k.image().equals(spec.name()))
                .filter(k -> !k.sha256().equals(download.sha256()));
        if (other.isPresent()) {
            throw new BerthException(
                    Reason.FileConflict,
                    "image " + download.label() + ": " + target + " holds image "
                            + other.get().image() + " "
                            + other.get().version() + " (sha256 "
                            + other.get().sha256().shortHex()
                            + "...), not the " + download.sha256().shortHex() + "... the manifest ("
                            + spec.origin() + ") declares; Berth does not replace another image's file: give one"
                            + " of them another name or version, or fix the sha256");
        }
    }

    private void fetch(ImageSpec spec, Download download, String target, Ledger ledger) {
        Optional<KnownFile> known = ledger.inventory().file(target);
        boolean ours = known.map(KnownFile::downloaded).orElse(false);
        Optional<PoolFile> present =
                pool.list().stream().filter(f -> f.path().equals(target)).findFirst();
        if (present.isPresent()) {
            PoolFile file = present.get();
            if (known.isPresent() && known.get().vouchesFor(download.sha256(), file.size(), file.modified())) {
                return;
            }
            if (download.compressed()) {
                // The sha256 is the compressed file's: a decompressed file Berth did not write cannot be checked.
                if (!ours) {
                    throw new BerthException(
                            Reason.FileConflict,
                            "image " + download.label() + ": " + target + " already exists and Berth did not"
                                    + " download it; the manifest (" + spec.origin() + ") declares the sha256 of the "
                                    + download.compression().word() + "-compressed file, which a decompressed file"
                                    + " cannot be checked against; move the file away and Berth downloads the image");
                }
            } else {
                Sha256 actual = pool.hash(target);
                if (actual.equals(download.sha256())) {
                    ledger.record(inv -> inv.with(new KnownFile(
                            target, spec.name(), spec.version(), actual, ours, file.size(), file.modified())));
                    return;
                }
                if (!ours) {
                    throw new BerthException(
                            Reason.FileConflict,
                            "image " + download.label() + ": " + target
                                    + " already exists with sha256 " + actual.shortHex() + "..., not the "
                                    + download.sha256().shortHex() + "... the manifest (" + spec.origin()
                                    + ") declares, and"
                                    + " Berth did not download it; move the file away or fix the sha256");
                }
            }
            refuseReplacingAnotherImagesFile(spec, download, target, known);
            pool.delete(target);
        }
        ledger.record(inv -> inv.with(KnownFile.pending(target, spec.name(), spec.version(), download.sha256())));
        FetchedFile fetched;
        try {
            fetched = fetcher.fetch(download, target);
        } catch (BerthException e) {
            ledger.record(inv -> inv.withoutFile(target));
            throw e;
        }
        ledger.record(inv -> inv.with(new KnownFile(
                target, spec.name(), spec.version(), fetched.sha256(), true, fetched.size(), fetched.modified())));
    }
}
