package dev.berth.reconciler;

import dev.berth.model.BerthException;
import dev.berth.model.ImageSpec;
import dev.berth.model.plan.Step;
import java.util.function.UnaryOperator;

/**
 * A change made on the host whose health window is still to come: {@code keep} settles it in the inventory once the
 * image proved healthy, {@code undo} puts the image back as it was and says so in the error it returns. Either is
 * run exactly once; until then the inventory shows the change in flight, so a restart finishes or undoes it.
 */
record Unproven(Step step, ImageSpec spec, Runnable keep, UnaryOperator<BerthException> undo) {}
