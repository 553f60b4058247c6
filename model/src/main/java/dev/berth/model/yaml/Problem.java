package dev.berth.model.yaml;

import java.util.Objects;

/**
 * One thing wrong with a file, where it is, and what to do. Printed the way compilers print errors, so
 * editors can jump to it: {@code manifest.yaml:7:13: images[0].sha256: must be 64 hexadecimal digits}.
 */
public record Problem(String file, Position position, String field, String message) {
    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return file + ":" + position + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
