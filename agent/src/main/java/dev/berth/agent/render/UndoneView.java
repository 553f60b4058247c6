package dev.berth.agent.render;

import dev.berth.model.state.Undone;
import org.jspecify.annotations.Nullable;

/**
 * What a failed change was undone to, as the JSON outputs spell it: {"kind": "nothing"}, {"kind": "detached"} or
 * {"kind": "restored", "version": "1.0"}.
 */
public record UndoneView(String kind, @Nullable String version) {
    public static final UndoneView NOTHING = new UndoneView("nothing", null);

    public static UndoneView of(Undone undone) {
        return undone.accept(new Undone.Visitor<>() {
            @Override
            public UndoneView nothing() {
                return NOTHING;
            }

            @Override
            public UndoneView detached() {
                return new UndoneView("detached", null);
            }

            @Override
            public UndoneView restoredTo(Undone.RestoredTo restored) {
                return new UndoneView("restored", restored.version());
            }
        });
    }

    /** For people: "" when nothing was undone, "detached again", "restored to 1.0". */
    public String describe() {
        return switch (kind) {
            case "detached" -> "detached again";
            case "restored" -> "restored to " + version;
            default -> "";
        };
    }
}
