package dev.berth.model;

import java.util.Arrays;

/** The kinds of change Berth makes, each with the lowercase word logs, JSON, state files and metric labels use. */
public enum Action {
    FETCH("fetch"),
    ATTACH("attach"),
    UPGRADE("upgrade"),
    START("start"),
    LIMIT("limit"),
    DETACH("detach"),
    PRUNE("prune");

    private final String word;

    Action(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /** The action spelled {@code word}; refuses any other word. */
    public static Action fromWord(String word) {
        return Arrays.stream(values())
                .filter(a -> a.word.equals(word))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown action: " + word));
    }

    @Override
    public String toString() {
        return word;
    }
}
