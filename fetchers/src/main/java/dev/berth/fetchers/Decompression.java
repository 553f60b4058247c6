package dev.berth.fetchers;

import dev.berth.fetchers.fs.SafeFiles;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Decompresses a downloaded, verified image into the pool: into a hidden ".#NAME.raw.decoding.partial" (0600,
 * created afresh, nothing at the name followed), bounded by the size limit and the free space floor, synced and
 * renamed to NAME.raw. Only bytes whose sha256 matched reach a decoder. A stream that cannot be decoded is
 * VerificationFailed, one that decodes past the size limit PolicyViolation; either way the temporary is removed.
 * A leftover temporary (a killed agent) is a stale partial the planner prunes.
 */
final class Decompression {
    private final FetchJob job;

    Decompression(FetchJob job) {
        this.job = job;
    }

    static Path temporaryOf(Path target) {
        return target.resolveSibling(".#" + target.getFileName() + ".decoding.partial");
    }

    /** Decodes {@code compressed} into the job's target; returns the decoded size. */
    long into(InputStream compressed) {
        Path target = job.target();
        Path temp = temporaryOf(target);
        boolean done = false;
        try (FileChannel out = create(temp)) {
            Optional<Object> key = SafeFiles.plainFileKey(temp);
            long size = copy(compressed, out);
            out.force(true);
            if (key.isEmpty() || !SafeFiles.plainFileKey(temp).equals(key)) {
                throw job.failed(
                        temp + " is no longer the file Berth wrote: something replaced or linked it",
                        "find what else writes into the pool",
                        null);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dir = FileChannel.open(temp.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            }
            done = true;
            return size;
        } catch (IOException e) {
            throw writeFailed(temp, 0, e);
        } finally {
            if (!done) {
                try {
                    SafeFiles.remove(temp);
                } catch (IOException e) {
                    // a leftover temporary is a stale partial: the planner prunes it
                }
            }
        }
    }

    private FileChannel create(Path temp) {
        try {
            return SafeFiles.createNew(temp, SafeFiles.PRIVATE);
        } catch (IOException e) {
            throw job.failed(
                    "cannot create " + temp + " to decompress into (" + e.getMessage() + ")",
                    "check that the pool directory is writable",
                    e);
        }
    }

    private long copy(InputStream compressed, FileChannel out) {
        long max = job.policy().maxImageBytes();
        PoolSpace space = job.space();
        byte[] buffer = new byte[job.policy().bufferBytes()];
        long written = 0;
        try (InputStream in = Decoders.open(job.spec().compression(), compressed)) {
            for (int n = in.readNBytes(buffer, 0, buffer.length); n > 0; n = in.readNBytes(buffer, 0, buffer.length)) {
                if (written + n > max) {
                    throw job.tooLarge("the " + job.spec().compression().word() + " file decompresses to more than "
                            + ByteSize.human(max) + " (a decompression bomb, or an image too large for this host);"
                            + " nothing was kept");
                }
                space.claimDecoded(n, written);
                write(out, buffer, n, written);
                written += n;
            }
            return written;
        } catch (Decoders.Corrupt e) {
            throw corrupt(e, written);
        } catch (IOException e) {
            throw job.failed(
                    "cannot read the downloaded file back to decompress it (" + e.getMessage() + ")",
                    "check the pool's disk",
                    e);
        }
    }

    private void write(FileChannel out, byte[] buffer, int n, long at) {
        try {
            ByteBuffer b = ByteBuffer.wrap(buffer, 0, n);
            while (b.hasRemaining()) {
                out.write(b, at + b.position());
            }
        } catch (IOException e) {
            throw writeFailed(job.target(), at, e);
        }
    }

    private BerthException corrupt(Decoders.Corrupt e, long written) {
        return new BerthException(
                Reason.VerificationFailed,
                job.subject() + ": the downloaded " + job.spec().compression().word()
                        + " file matches the manifest's sha256 but cannot be decompressed after " + written
                        + " bytes: " + e.getMessage() + "; nothing was kept. The published file is broken: ask its"
                        + " publisher for a good one, or point url and sha256 in the manifest at another file, then"
                        + " commit the fix",
                e);
    }

    private BerthException writeFailed(Path file, long written, IOException e) {
        if (UrlImageFetcher.isNoSpace(e)) {
            return job.space().noSpace(-1, written, e);
        }
        return job.failed(
                "cannot write " + file + " while decompressing (" + e.getMessage() + ")",
                "check the pool directory and its disk",
                e);
    }
}
