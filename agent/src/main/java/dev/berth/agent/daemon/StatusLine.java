package dev.berth.agent.daemon;

import dev.berth.reconciler.loop.PassReport;

/** The one line systemd shows in {@code systemctl status berth-agent}. */
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
        int images = report.pass().map(p -> p.desired().images().size()).orElse(0);
        return switch (report.outcome()) {
            case CONVERGED -> "converged" + revision + ": " + images + " images";
            case HELD ->
                "converged" + revision + " except "
                        + report.pass().orElseThrow().remaining().refused().size() + " held images";
            case CHANGE_FAILED ->
                "a change failed" + revision + ": "
                        + report.failure().map(e -> e.reason().name()).orElse("not converged");
            case STOPPED -> "stopping";
            case FAILED ->
                "pass failed" + revision + ": "
                        + report.failure().map(e -> e.reason().name()).orElse("");
        };
    }
}
