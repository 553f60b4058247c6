package dev.berth.reconciler;

import dev.berth.model.BerthException;

/** A change that failed and was undone: the host is back where it was. */
final class ChangeUndone extends BerthException {
    private static final long serialVersionUID = 1L;
    private final String restored;

    /** @param restored the version the image is back at, or "detached" when a first attach was taken back */
    ChangeUndone(BerthException cause, String message, String restored) {
        super(cause.reason(), message, cause);
        this.restored = restored;
    }

    String restored() {
        return restored;
    }
}
