package dev.berth.agent.trigger;

import java.util.Map;

/** What the server sends back: a status, one line of text for the forge's delivery log, and extra headers. */
public record TriggerAnswer(int status, String text, Map<String, String> headers) {
    public TriggerAnswer {
        headers = Map.copyOf(headers);
    }

    static TriggerAnswer of(int status, String text) {
        return new TriggerAnswer(status, text, Map.of());
    }
}
