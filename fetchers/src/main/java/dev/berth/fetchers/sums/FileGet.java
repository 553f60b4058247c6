package dev.berth.fetchers.sums;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a small file:// file whole; without validators, the caller compares the bytes to decide what changed. */
final class FileGet {
    private FileGet() {}

    static Download read(SumsJob job, URI url) {
        Path path;
        try {
            path = Path.of(url);
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw job.refused(url, "the URL is not a local file path", "write it as file:///absolute/path");
        }
        if (!Files.exists(path)) {
            return new Download.Missing("there is no such file");
        }
        if (!Files.isRegularFile(path)) {
            throw job.refused(url, path + " is not a regular file", "check the sums url in the manifest");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(SumsJob.MAX_BYTES + 1);
        } catch (IOException e) {
            throw job.failed(url, "cannot read " + path + " (" + e.getMessage() + ")", e);
        }
        if (bytes.length > SumsJob.MAX_BYTES) {
            throw job.tooLarge(url, "the file has more than " + SumsJob.MAX_BYTES + " bytes");
        }
        return new Download.Body(bytes, Download.Validators.NONE);
    }
}
