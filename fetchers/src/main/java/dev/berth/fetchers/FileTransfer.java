package dev.berth.fetchers;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Copies a file:// image with the same discipline as a download (hidden partial, hashed while written, synced,
 * renamed). A local copy is cheap, so it always starts from zero and is not retried.
 */
final class FileTransfer implements Transfer {
    @Override
    public void attempt(FetchJob job, PartialDownload partial) {
        LocalFile source = source(job);
        ProgressListener progress = job.context().progress();
        boolean complete = false;
        try {
            long size = source.size();
            if (size > job.policy().maxImageBytes()) {
                throw job.tooLarge("the file has " + ByteSize.human(size) + " (" + size + " bytes)");
            }
            partial.restart();
            partial.announce(size);
            job.space().beforeStart(size);
            progress.started(job.spec().label(), 0, size);
            try (InputStream in = source.open()) {
                job.copier().copy(in, partial, size, progress);
            }
            if (partial.length() != size) {
                throw job.failed("the file changed size while it was copied", "try again once it is complete", null);
            }
            complete = true;
        } catch (BodyCopier.Overrun o) {
            throw job.failed("the file grew while it was copied", "try again once it is complete", null);
        } catch (IOException e) {
            throw cannotRead(job, source.path().toString(), e);
        } finally {
            progress.ended(partial.length(), complete);
        }
    }

    private static LocalFile source(FetchJob job) {
        try {
            Optional<LocalFile> file = LocalFile.of(job.spec().url());
            if (file.isEmpty()) {
                throw job.refused(
                        "there is no regular file " + job.spec().url().getPath(), "check the url in the manifest");
            }
            return file.get();
        } catch (Refused r) {
            throw job.refused(r.detail(), r.advice());
        } catch (IOException e) {
            throw cannotRead(job, job.spec().url().getPath(), e);
        }
    }

    private static RuntimeException cannotRead(FetchJob job, String path, IOException e) {
        return job.failed(
                "cannot read " + path + " (" + e.getMessage() + ")", "check that the file is readable by the agent", e);
    }
}
