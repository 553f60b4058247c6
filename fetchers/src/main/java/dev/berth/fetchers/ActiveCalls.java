package dev.berth.fetchers;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;

/**
 * The HTTP calls under way, so a stopping agent can drop them at once: OkHttp's dispatcher forgets a call as soon
 * as its headers arrive, while its body is still being read.
 */
final class ActiveCalls {
    private final Set<Call> calls = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    Call track(Call call) {
        calls.add(call);
        if (cancelled) {
            call.cancel();
        }
        return call;
    }

    void done(Call call) {
        calls.remove(call);
    }

    void cancelAll() {
        cancelled = true;
        calls.forEach(Call::cancel);
    }

    boolean cancelled() {
        return cancelled;
    }
}
