package dev.berth.model;

import dev.berth.model.yaml.Problem;
import java.util.List;
import java.util.stream.Collectors;

/** A manifest (or configuration) with problems; carries every one of them. */
public final class ManifestInvalidException extends BerthException {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public ManifestInvalidException(List<Problem> problems) {
        super(Reason.ManifestInvalid, summary(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String summary(List<Problem> problems) {
        String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
        return count + ":\n" + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
