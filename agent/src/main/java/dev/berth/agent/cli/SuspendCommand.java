package dev.berth.agent.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.agent.render.SuspensionView;
import dev.berth.agent.state.FileSuspensions;
import dev.berth.model.BerthException;
import dev.berth.model.state.Suspension;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Holds every change on this host until a time, or until {@code berth resume}. */
@Command(
        name = "suspend",
        description = {
            "Hold every change on this host: the agent keeps observing, planning and reporting, and changes nothing"
                    + " (no download, attach, upgrade, detach or prune) until --until or berth resume. Kept in the"
                    + " state directory: it survives restarts. A running agent sees it at once.",
            "Suspending a suspended host replaces its suspension. Exit 0 when suspended, 1 on error."
        })
public final class SuspendCommand implements Callable<Integer> {
    /** A reason is a sentence or two, shown on one line. */
    static final int MAX_REASON = 500;

    @Spec
    CommandSpec spec;

    @Mixin
    StateOptions state = new StateOptions();

    @Option(
            names = "--until",
            paramLabel = "TIME|DURATION",
            description = "When the suspension ends by itself: " + Until.RULE + ". Default: at berth resume.")
    @Nullable
    String until;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for berth status and the plan.")
    String reason = "";

    @Mixin
    OutputOptions output = new OutputOptions();

    private final Clock clock;
    private final Map<String, String> environment;
    private final String user;

    public SuspendCommand() {
        this(Clock.systemUTC(), System.getenv(), System.getProperty("user.name", "root"));
    }

    /** @param user the name this process runs under; the person who ran sudo, when there is one, is named instead */
    SuspendCommand(Clock clock, Map<String, String> environment, String user) {
        this.clock = clock;
        this.environment = Map.copyOf(environment);
        this.user = user;
    }

    @Override
    public Integer call() {
        Instant now = clock.instant();
        Optional<Instant> end = end(now);
        String why = oneLine(reason);
        if (why.length() > MAX_REASON) {
            throw new ParameterException(
                    spec.commandLine(), "--reason is " + why.length() + " characters; say it in " + MAX_REASON);
        }
        Reporter reporter = output.reporter();
        try {
            FileSuspensions files = new FileSuspensions(state.stateDir());
            Optional<Suspension> before = files.current(now);
            Suspension.Declared next = new Suspension.Declared(who(), why, now, end);
            files.write(next);
            if (reporter.json()) {
                ObjectNode node = JsonNodeFactory.instance.objectNode();
                node.set("suspension", SuspensionView.json(next));
                before.ifPresent(b -> node.set("replaced", SuspensionView.json(b)));
                reporter.print(node);
            } else {
                reporter.out.println(SuspensionView.describe(next)
                        + before.map(b -> " (replaces: " + SuspensionView.describe(b) + ")")
                                .orElse(""));
                reporter.out.flush();
            }
            return 0;
        } catch (BerthException e) {
            return reporter.fail(e);
        }
    }

    private Optional<Instant> end(Instant now) {
        if (until == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Until.parse(until, now));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--until " + e.getMessage());
        }
    }

    /** The person: the one who ran sudo, else the user this runs as. */
    String who() {
        String sudoUser = oneLine(environment.getOrDefault("SUDO_USER", ""));
        return sudoUser.isEmpty() ? oneLine(user) : sudoUser;
    }

    /** Shown on one line wherever it appears: control characters (line breaks, escapes) become spaces. */
    private static String oneLine(String text) {
        return text.replaceAll("\\p{Cntrl}", " ").strip();
    }
}
