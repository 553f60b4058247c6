package dev.berth.agent.wiring;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A client built on its first use, and closed only if it was built. A restarted agent on a converged host downloads
 * nothing, so its HTTP clients (their classes, pools and threads) need not exist before its first pass, nor ever.
 */
final class Lazy<T> {
    private final Supplier<T> build;
    private final Consumer<T> close;
    private @Nullable T built;
    private boolean closed;

    Lazy(Supplier<T> build, Consumer<T> close) {
        this.build = build;
        this.close = close;
    }

    /** The client, built now if this is its first use. */
    synchronized T get() {
        if (closed) {
            throw new IllegalStateException("used after close");
        }
        T client = built;
        if (client == null) {
            client = build.get();
            built = client;
        }
        return client;
    }

    /** Runs {@code action} on the client if it was built; builds nothing. */
    synchronized void ifBuilt(Consumer<T> action) {
        if (built != null) {
            action.accept(built);
        }
    }

    /** Closes the client if it was built; later uses fail. */
    synchronized void close() {
        closed = true;
        ifBuilt(close);
    }
}
