package dev.berth.e2e;

import dev.berth.testkit.Command;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The operator's side of GitOps: a real git repository where manifests are committed with the git CLI. */
final class OperatorRepo {
    private final Path dir;

    private OperatorRepo(Path dir) {
        this.dir = dir;
    }

    static OperatorRepo init(Path dir) {
        OperatorRepo repo = new OperatorRepo(dir);
        repo.git("init", "-q", "-b", "main");
        repo.git("config", "user.name", "Operator");
        repo.git("config", "user.email", "operator@example.invalid");
        return repo;
    }

    /** Writes the files (a null content deletes one) and commits them; returns the commit id. */
    String commit(String message, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = dir.resolve(file.getKey());
                if (file.getValue() == null) {
                    Files.deleteIfExists(path);
                } else {
                    Files.createDirectories(path.getParent());
                    Files.writeString(path, file.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git("add", "-A");
        git("commit", "-q", "-m", message);
        return git("rev-parse", "HEAD").strip();
    }

    private String git(String... args) {
        String[] argv = new String[args.length + 3];
        argv[0] = "git";
        argv[1] = "-C";
        argv[2] = dir.toString();
        System.arraycopy(args, 0, argv, 3, args.length);
        return Command.of(argv).runOk().stdout();
    }
}
