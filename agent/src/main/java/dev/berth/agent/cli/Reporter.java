package dev.berth.agent.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.BerthException;
import dev.berth.model.ManifestInvalidException;
import dev.berth.model.Reason;
import dev.berth.model.yaml.Problem;
import dev.berth.reconciler.port.SourceSnapshot;
import java.io.PrintWriter;

/** Prints one command's results and errors, as text for people or JSON for programs. */
final class Reporter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    final PrintWriter out;
    final PrintWriter err;
    final Output output;

    Reporter(PrintWriter out, PrintWriter err, Output output) {
        this.out = out;
        this.err = err;
        this.output = output;
    }

    boolean json() {
        return output == Output.json;
    }

    /** Prints a failure: every problem of an invalid manifest, or the reason and message of anything else. */
    int fail(BerthException e) {
        if (json()) {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.putObject("error").put("reason", e.reason().name()).put("message", e.getMessage());
            if (e instanceof ManifestInvalidException invalid) {
                problems(node.putArray("problems"), invalid);
            }
            print(node);
        } else if (e instanceof ManifestInvalidException invalid) {
            err.println("error: the manifest is invalid (" + invalid.problems().size() + " problem"
                    + (invalid.problems().size() == 1 ? "" : "s") + "):");
            invalid.problems().forEach(p -> err.println("  " + p));
        } else {
            err.println("error: " + e.reason() + ": " + e.getMessage());
        }
        err.flush();
        return 1;
    }

    static void problems(ArrayNode array, ManifestInvalidException invalid) {
        for (Problem p : invalid.problems()) {
            array.addObject()
                    .put("file", p.file())
                    .put("line", p.position().line())
                    .put("column", p.position().column())
                    .put("field", p.field())
                    .put("message", p.message());
        }
    }

    void source(SourceSnapshot snapshot) {
        if (!json()) {
            out.println("Source: " + snapshot.manifest().source() + " (" + shortRevision(snapshot.revision()) + ")");
            out.flush();
            for (SourceSnapshot.Notice notice : snapshot.notices()) {
                err.println(
                        refused(snapshot) && notice.reason() == Reason.SignatureInvalid
                                ? "error: " + notice.reason() + ": " + notice.message()
                                : "warning: " + notice.reason() + ": " + notice.message());
            }
            err.flush();
        }
    }

    /** The newest revision was refused: the command may work on an older one, but it did not do what was asked. */
    static boolean refused(SourceSnapshot snapshot) {
        return snapshot.notice(Reason.SignatureInvalid).isPresent();
    }

    static ObjectNode source(ObjectNode node, SourceSnapshot snapshot) {
        node.put("source", snapshot.manifest().source()).put("revision", snapshot.revision());
        ArrayNode notices = node.putArray("notices");
        snapshot.notices()
                .forEach(n ->
                        notices.addObject().put("reason", n.reason().name()).put("message", n.message()));
        return node;
    }

    static String shortRevision(String revision) {
        int colon = revision.indexOf(':');
        String hex = colon < 0 ? revision : revision.substring(colon + 1);
        String prefix = colon < 0 ? "" : revision.substring(0, colon + 1);
        return prefix + hex.substring(0, Math.min(12, hex.length()));
    }

    void print(ObjectNode node) {
        try {
            out.println(JSON.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }
}
