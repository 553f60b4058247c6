package dev.berth.agent.cli;

/** How results are printed: for people, or for programs. */
public enum Output {
    text,
    json
}
