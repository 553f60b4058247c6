package dev.berth.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A failure with a stable {@link Reason} and a message for a person that names the image, the version, the
 * action and what to do. Adapters translate library exceptions into this at their boundary.
 */
public class BerthException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Reason reason;

    public BerthException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public BerthException(Reason reason, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    /** The message for a person; never null, since every constructor takes one. */
    @Override
    public String getMessage() {
        String message = super.getMessage();
        return message == null ? "" : message;
    }
}
