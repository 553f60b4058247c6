package dev.berth.reconciler;

import dev.berth.model.BerthException;
import dev.berth.model.state.Undone;

/** A change that failed and was undone: the host is back where it was. */
final class ChangeUndone extends BerthException {
    private static final long serialVersionUID = 1L;
    private final transient Undone undone;

    ChangeUndone(BerthException cause, String message, Undone undone) {
        super(cause.reason(), message, cause);
        this.undone = undone;
    }

    Undone undone() {
        return undone;
    }
}
