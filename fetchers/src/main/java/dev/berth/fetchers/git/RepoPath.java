package dev.berth.fetchers.git;

import java.util.ArrayList;
import java.util.List;

/** A path inside the repository, written with "/" and relative to its root; "" is the root itself. */
final class RepoPath {
    private RepoPath() {}

    static String normalize(String path) {
        if (path == null) {
            return "";
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.strip().split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..") || segment.equals(".git") || segment.contains("\\")) {
                throw new IllegalArgumentException(
                        "the path in the repository must stay inside it (no \"..\", \".git\" or \"\\\"), got " + path);
            }
            segments.add(segment);
        }
        return String.join("/", segments);
    }

    /** How a file is named in messages: its path in the repository, "@" and the short commit id. */
    static String display(String path, String commit) {
        return (path.isEmpty() ? "/" : path) + "@" + commit.substring(0, 12);
    }
}
