package dev.berth.model.yaml;

/** Where a YAML value starts in its file: 1-based line and column. */
public record Position(int line, int column) {
    public static final Position START = new Position(1, 1);

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
