package dev.berth.model;

/** Where a desired image was declared: the manifest file (as the source names it) and the line. */
public record Origin(String file, int line) {
    public static final Origin UNKNOWN = new Origin("(unknown)", 0);

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
