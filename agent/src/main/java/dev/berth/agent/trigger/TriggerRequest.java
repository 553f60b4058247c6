package dev.berth.agent.trigger;

import java.io.InputStream;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * One request on /trigger, as the HTTP server hands it over.
 *
 * @param header the values of a header, by name in any case; empty when absent
 * @param length the Content-Length, when the client declared one
 * @param body the raw body, read at most once
 * @param remote the client's address, for the log
 */
public record TriggerRequest(
        String method,
        String path,
        Function<String, List<String>> header,
        OptionalLong length,
        InputStream body,
        String remote) {}
