package dev.berth.fetchers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies a file:// image with the same discipline as a download (hidden partial, hashed while written, synced,
 * renamed). A local copy is cheap, so it always starts from zero and is not retried.
 */
final class FileTransfer implements Transfer {
    @Override
    public void attempt(FetchJob job, PartialDownload partial) {
        Path source;
        try {
            source = Path.of(job.spec().url());
        } catch (IllegalArgumentException e) {
            throw job.refused("the URL is not a local file path", "write it as file:///absolute/path");
        }
        if (!Files.isRegularFile(source)) {
            throw job.refused("there is no regular file " + source, "check the url in the manifest");
        }
        ProgressListener progress = job.context().progress();
        boolean complete = false;
        try {
            long size = Files.size(source);
            if (size > job.policy().maxImageBytes()) {
                throw job.tooLarge("the file has " + ByteSize.human(size) + " (" + size + " bytes)");
            }
            partial.restart();
            partial.announce(size);
            job.checkSpace(size);
            progress.started(job.spec().label(), 0, size);
            try (InputStream in = Files.newInputStream(source)) {
                new BodyCopier(job.policy().maxImageBytes()).copy(in, partial, size, progress);
            }
            if (partial.length() != size) {
                throw job.failed("the file changed size while it was copied", "try again once it is complete", null);
            }
            complete = true;
        } catch (BodyCopier.Overrun o) {
            throw job.failed("the file grew while it was copied", "try again once it is complete", null);
        } catch (IOException e) {
            throw job.failed(
                    "cannot read " + source + " (" + e.getMessage() + ")",
                    "check that the file is readable by the agent",
                    e);
        } finally {
            progress.ended(partial.length(), complete);
        }
    }
}
