package dev.berth.agent.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.agent.render.SuspensionView;
import dev.berth.agent.state.FileSuspensions;
import dev.berth.model.BerthException;
import dev.berth.model.state.Suspension;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Lifts {@code berth suspend}: a running agent starts a pass at once. */
@Command(
        name = "resume",
        description = {
            "Lift the suspension berth suspend put on this host; a running agent starts a pass at once. Also removes"
                    + " whatever unreadable thing is where the suspension is kept.",
            "Exit 0 when the host is not suspended afterwards (also when it was not), 1 on error."
        })
public final class ResumeCommand implements Callable<Integer> {
    @Mixin
    StateOptions state = new StateOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    private final Clock clock;

    public ResumeCommand() {
        this(Clock.systemUTC());
    }

    ResumeCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        Reporter reporter = output.reporter();
        try {
            Optional<Suspension> removed = new FileSuspensions(state.stateDir()).remove();
            Instant now = clock.instant();
            boolean held = removed.filter(s -> !s.endedAt(now)).isPresent();
            if (reporter.json()) {
                ObjectNode node = JsonNodeFactory.instance.objectNode().put("resumed", held);
                removed.ifPresent(s -> node.set("removed", SuspensionView.json(s)));
                reporter.print(node);
            } else {
                reporter.out.println(words(removed, held));
                reporter.out.flush();
            }
            return 0;
        } catch (BerthException e) {
            return reporter.fail(e);
        }
    }

    private static String words(Optional<Suspension> removed, boolean held) {
        if (removed.isEmpty()) {
            return "Not suspended; nothing to resume.";
        }
        String was = SuspensionView.describe(removed.get());
        return held ? "Resumed. It was: " + was : "Not suspended: the suspension had ended; removed it. It was: " + was;
    }
}
