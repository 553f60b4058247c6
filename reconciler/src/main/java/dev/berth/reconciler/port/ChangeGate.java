package dev.berth.reconciler.port;

import dev.berth.model.ImageSpec;
import dev.berth.model.Manifest;
import dev.berth.model.host.Observed;
import dev.berth.model.plan.Finding;
import dev.berth.model.plan.Plan;
import dev.berth.model.plan.Step;
import dev.berth.model.plan.Wait;
import dev.berth.model.state.Inventory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Something besides the manifest that decides when a planned change may run: a rollout's waves, the host's
 * maintenance windows, a suspension. A gate sees the plan the manifest alone gives and names the images whose
 * steps must wait; the planner then plans again, leaving those images exactly as they are.
 */
public interface ChangeGate {
    /** The images whose planned steps wait, each with why; empty when everything may go ahead. */
    Map<String, Finding.Waiting> waits(Manifest desired, Plan plan, Observed observed, Inventory inventory);

    /**
     * What holds every change on the host now, steps of no image (pruning) included: a suspension. Empty for a gate
     * that paces single images, which is every gate but one.
     */
    default Optional<Wait> wholeHost() {
        return Optional.empty();
    }

    /** The same wait for the image of each of {@code steps}, with the version the manifest asks for. */
    static Map<String, Finding.Waiting> each(Manifest desired, List<Step> steps, Wait wait) {
        Map<String, Finding.Waiting> waits = new LinkedHashMap<>();
        for (Step step : steps) {
            step.image()
                    .ifPresent(image -> waits.computeIfAbsent(
                            image,
                            name -> new Finding.Waiting(
                                    name, desired.image(name).map(ImageSpec::version), wait)));
        }
        return waits;
    }
}
