package dev.berth.agent.trigger;

/** Told of every request on /trigger (the metrics count them). */
@FunctionalInterface
public interface TriggerListener {
    void triggered(TriggerResult result);
}
