package dev.berth.fetchers.sums;

import dev.berth.fetchers.LocalFile;
import dev.berth.fetchers.Refused;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/** Reads a small file:// file whole; without validators, the caller compares the bytes to decide what changed. */
final class FileGet {
    private FileGet() {}

    static Download read(SumsJob job, URI url) {
        Optional<LocalFile> file;
        try {
            file = LocalFile.of(url);
        } catch (Refused r) {
            throw job.refused(url, r.detail(), r.advice());
        } catch (IOException e) {
            throw job.failed(url, "cannot read " + url.getPath() + " (" + e.getMessage() + ")", e);
        }
        if (file.isEmpty()) {
            return new Download.Missing("there is no such file");
        }
        byte[] bytes;
        try (InputStream in = file.get().open()) {
            bytes = in.readNBytes(SumsJob.MAX_BYTES + 1);
        } catch (IOException e) {
            throw job.failed(url, "cannot read " + file.get().path() + " (" + e.getMessage() + ")", e);
        }
        if (bytes.length > SumsJob.MAX_BYTES) {
            throw job.tooLarge(url, "the file has more than " + SumsJob.MAX_BYTES + " bytes");
        }
        return new Download.Body(bytes, Download.Validators.NONE);
    }
}
