package dev.berth.fetchers.git;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The remote could not be read: unreachable, refused us, or lacks the ref. Never leaves the package. */
final class RemoteFailedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Optional<OriginGuard.Refusal> redirect;

    RemoteFailedException(String reason, @Nullable Throwable cause) {
        super(reason, cause);
        this.redirect = Optional.empty();
    }

    /** The remote answered, but with a redirect Berth does not follow. */
    RemoteFailedException(OriginGuard.Refusal redirect) {
        super(redirect.what());
        this.redirect = Optional.of(redirect);
    }

    /** What happened; never null, since every constructor takes it. */
    @Override
    public String getMessage() {
        return String.valueOf(super.getMessage());
    }

    /** What happened, after "remote URL ". */
    String describe() {
        return redirect.isPresent() ? getMessage() : "unreachable (" + getMessage() + ")";
    }

    /** What the operator can do, as a sentence to end the message with; empty when it depends. */
    Optional<String> advice() {
        return redirect.map(OriginGuard.Refusal::advice);
    }
}
