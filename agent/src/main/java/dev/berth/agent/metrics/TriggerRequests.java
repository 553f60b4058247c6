package dev.berth.agent.metrics;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.berth.agent.trigger.TriggerRequest;
import java.util.List;
import java.util.OptionalLong;

/** A request on /trigger as the trigger reads it: the JDK's exchange stays here. */
final class TriggerRequests {
    private TriggerRequests() {}

    static TriggerRequest of(HttpExchange exchange) {
        Headers headers = exchange.getRequestHeaders();
        return new TriggerRequest(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                name -> headers.getOrDefault(name, List.of()),
                declaredLength(headers),
                exchange.getRequestBody(),
                exchange.getRemoteAddress().getAddress().getHostAddress());
    }

    /** The Content-Length the JDK's server goes by: none for a chunked body (which it reads by its chunks). */
    private static OptionalLong declaredLength(Headers headers) {
        String length = headers.getFirst("Content-Length");
        if (length == null || "chunked".equalsIgnoreCase(headers.getFirst("Transfer-Encoding"))) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(length.strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // the server answers 400 itself before a handler sees it
        }
    }
}
