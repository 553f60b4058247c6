package dev.berth.fetchers.git;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Repository;

/** What to follow in the repository: its default branch, a branch, a tag, or one fixed commit. */
sealed interface GitRef {
    Pattern COMMIT_ID = Pattern.compile("[0-9a-fA-F]{40}");

    /** A person's description, for messages. */
    String describe();

    /** The remote's HEAD, whatever branch it names today. */
    record DefaultBranch() implements GitRef {
        @Override
        public String describe() {
            return "the default branch";
        }
    }

    record Branch(String name) implements GitRef {
        @Override
        public String describe() {
            return "branch " + name;
        }
    }

    record Tag(String name) implements GitRef {
        @Override
        public String describe() {
            return "tag " + name;
        }
    }

    /** A full commit id: never moves, so once it is in the cache no fetch is needed. */
    record Commit(String id) implements GitRef {
        @Override
        public String describe() {
            return "commit " + id.substring(0, 12);
        }
    }

    /** A bare name: a branch or a tag, whichever the remote has (a branch if it has both). */
    record Named(String name) implements GitRef {
        @Override
        public String describe() {
            return "ref " + name;
        }
    }

    /** Reads the ref option; a mistake is an {@link IllegalArgumentException} that says what is accepted. */
    static GitRef parse(Optional<String> option) {
        if (option.isEmpty() || option.get().isBlank() || option.get().equals("HEAD")) {
            return new DefaultBranch();
        }
        String ref = option.get().strip();
        if (COMMIT_ID.matcher(ref).matches()) {
            return new Commit(ref.toLowerCase(Locale.ROOT));
        }
        if (ref.startsWith("refs/heads/")) {
            return new Branch(valid(ref, ref.substring("refs/heads/".length())));
        }
        if (ref.startsWith("refs/tags/")) {
            return new Tag(valid(ref, ref.substring("refs/tags/".length())));
        }
        if (ref.startsWith("refs/")) {
            throw new IllegalArgumentException("ref " + ref
                    + " is neither refs/heads/... nor refs/tags/...; give a branch, a tag or a full commit id");
        }
        return new Named(valid("refs/heads/" + ref, ref));
    }

    private static String valid(String full, String name) {
        if (name.isEmpty() || !Repository.isValidRefName(full)) {
            throw new IllegalArgumentException("\"" + name + "\" is not a valid git branch or tag name");
        }
        return name;
    }
}
