package dev.berth.fetchers.git;

import dev.berth.model.FleetManifest;
import dev.berth.model.ManifestInvalidException;
import dev.berth.model.ManifestParser;
import dev.berth.model.Manifests;
import dev.berth.model.yaml.Position;
import dev.berth.model.yaml.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reads the manifests of one commit straight from its tree, without a checkout: a file, or every *.yaml and *.yml
 * file of a directory (not hidden, not in subdirectories) merged in name order. Files are named in messages as
 * {@code path@commit} so a person knows which version of which file is meant.
 */
final class TreeManifests {
    static final int LARGEST = 1 << 20;

    private TreeManifests() {}

    static FleetManifest read(Repository repo, RevCommit commit, String path, String source) throws IOException {
        String id = commit.name();
        if (path.isEmpty()) {
            return directory(repo, commit.getTree(), "", id, source);
        }
        try (TreeWalk walk = TreeWalk.forPath(repo, path, commit.getTree())) {
            if (walk == null) {
                throw invalid(path, id, "does not exist in this commit; check the path option and the ref");
            }
            FileMode mode = walk.getFileMode(0);
            if (mode == FileMode.TREE) {
                return directory(repo, walk.getObjectId(0), path, id, source);
            }
            if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
                return Manifests.merge(List.of(parse(repo, walk.getObjectId(0), path, id)), source);
            }
            throw invalid(path, id, "is a symbolic link or submodule; point the path option at a file or directory");
        }
    }

    private static FleetManifest directory(Repository repo, ObjectId tree, String dir, String id, String source)
            throws IOException {
        TreeMap<String, ObjectId> files = new TreeMap<>();
        try (TreeWalk walk = new TreeWalk(repo)) {
            walk.addTree(tree);
            walk.setRecursive(false);
            while (walk.next()) {
                String name = walk.getNameString();
                FileMode mode = walk.getFileMode(0);
                boolean file = mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
                if (file && !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"))) {
                    files.put(dir.isEmpty() ? name : dir + "/" + name, walk.getObjectId(0));
                }
            }
        }
        if (files.isEmpty()) {
            throw invalid(dir, id, "holds no *.yaml or *.yml file; an empty desired state is never assumed");
        }
        List<FleetManifest> parts = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (var file : files.entrySet()) {
            try {
                parts.add(parse(repo, file.getValue(), file.getKey(), id));
            } catch (ManifestInvalidException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ManifestInvalidException(problems);
        }
        return Manifests.merge(parts, source);
    }

    private static FleetManifest parse(Repository repo, ObjectId blob, String path, String id) throws IOException {
        byte[] bytes;
        try {
            bytes = repo.open(blob, Constants.OBJ_BLOB).getCachedBytes(LARGEST);
        } catch (LargeObjectException e) {
            throw invalid(path, id, "is larger than " + (LARGEST >> 20) + " MiB; a manifest is a small file");
        }
        return ManifestParser.parse(new String(bytes, StandardCharsets.UTF_8), RepoPath.display(path, id));
    }

    private static ManifestInvalidException invalid(String path, String id, String message) {
        return new ManifestInvalidException(
                List.of(new Problem(RepoPath.display(path, id), Position.START, "", message)));
    }
}
