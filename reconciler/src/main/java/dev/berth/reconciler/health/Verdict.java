package dev.berth.reconciler.health;

/** What one look at an image's units says. */
sealed interface Verdict {
    /** Every unit that must run is active and none failed or restarted. */
    record Healthy() implements Verdict {}

    /** Not there yet (a unit is still activating); {@code why} says what is awaited. */
    record Waiting(String why) implements Verdict {}

    /** A unit failed, stopped or restarted: no point waiting longer. */
    record Failed(String unit, String why) implements Verdict {}
}
