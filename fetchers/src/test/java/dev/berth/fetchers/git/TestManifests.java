package dev.berth.fetchers.git;

/** Manifest texts for the tests. */
final class TestManifests {
    static final String SHA = "d".repeat(64);

    private TestManifests() {}

    /** A valid manifest with one image per name, each at version {@code version}. */
    static String manifest(String version, String... names) {
        StringBuilder text = new StringBuilder("apiVersion: berth.dev/v1\nkind: Manifest\nimages:\n");
        for (String name : names) {
            text.append("  - name: ")
                    .append(name)
                    .append("\n    version: \"")
                    .append(version)
                    .append("\"\n");
            text.append("    url: https://images.example/")
                    .append(name)
                    .append('_')
                    .append(version)
                    .append(".raw\n");
            text.append("    sha256: ").append(SHA).append('\n');
        }
        return text.toString();
    }
}
