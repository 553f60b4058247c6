package dev.berth.fetchers.git;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Signer;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real repository on disk that plays the operator's remote: files are written, committed, tagged, signed. */
final class TestRepo implements AutoCloseable {
    private final Path dir;
    private final Git git;

    private TestRepo(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    static TestRepo create(Path dir) throws GitAPIException {
        return new TestRepo(
                dir,
                Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
    }

    Path dir() {
        return dir;
    }

    String fileUrl() {
        return dir.toUri().toString();
    }

    /** Writes (or, for a null content, deletes) files and commits them, unsigned. */
    RevCommit commit(Map<String, String> files) throws Exception {
        return commit(files, null);
    }

    RevCommit commit(Map<String, String> files, Signer signer) throws Exception {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            if (file.getValue() == null) {
                Files.delete(path);
            } else {
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
        }
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        var commit = git.commit().setMessage("change " + files.keySet()).setAllowEmpty(true);
        if (signer != null) {
            commit.setSign(true).setSigner(signer).setSigningKey("test");
        } else {
            commit.setSign(false);
        }
        return commit.call();
    }

    void checkout(String branch, boolean create) throws GitAPIException {
        git.checkout().setName(branch).setCreateBranch(create).call();
    }

    void tag(String name, boolean annotated) throws GitAPIException {
        git.tag()
                .setName(name)
                .setAnnotated(annotated)
                .setMessage(annotated ? "release " + name : null)
                .setSigned(false)
                .call();
    }

    @Override
    public void close() {
        git.close();
    }
}
