package dev.berth.agent.daemon;

import dev.berth.reconciler.ImageOutcome;
import dev.berth.reconciler.Pass;
import dev.berth.reconciler.loop.PassReport;
import java.util.Optional;

/** The one line systemd shows in {@code systemctl status berth-agent}, from the pass's image outcomes. */
final class StatusLine {
    private StatusLine() {}

    static String of(PassReport report) {
        String revision = report.source()
                .map(s -> {
                    String r = s.revision();
                    int colon = r.indexOf(':');
                    String hex = colon < 0 ? r : r.substring(colon + 1);
                    return " at " + hex.substring(0, Math.min(12, hex.length()));
                })
                .orElse("");
        Optional<Pass> pass = report.pass();
        int converged = pass.map(p -> p.in(ImageOutcome.State.CONVERGED).size()).orElse(0);
        int held = pass.map(p -> p.in(ImageOutcome.State.HELD).size()).orElse(0);
        return switch (report.outcome()) {
            case CONVERGED -> "converged" + revision + ": " + converged + " images";
            case WAITING ->
                "converged" + revision + " except "
                        + pass.map(p -> p.in(ImageOutcome.State.WAITING).size()).orElse(0) + " waiting images";
            case HELD -> "converged" + revision + " except " + held + " held images";
            case CHANGE_FAILED ->
                "a change failed" + revision + ": "
                        + report.failure().map(e -> e.reason().name()).orElse("not converged")
                        + (held > 0 ? ", " + held + " held" : "");
            case STOPPED -> "stopping";
            case FAILED ->
                "pass failed" + revision + ": "
                        + report.failure().map(e -> e.reason().name()).orElse("");
        };
    }
}
