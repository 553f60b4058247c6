package dev.berth.agent.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.fetchers.FileManifestSource;
import dev.berth.model.BerthException;
import dev.berth.model.FleetManifest;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Checks a manifest, every entry for every host, without touching any host. */
@Command(
        name = "validate",
        description =
                "Check a manifest, every entry whichever hosts it is for: exit 0 when valid, 1 with every problem.")
public final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The manifest file, or a directory of *.yaml manifests.")
    @Nullable
    Path file; // required: picocli sets it before call()

    @Mixin
    OutputOptions output = new OutputOptions();

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    @Override
    public Integer call() {
        Reporter reporter = output.reporter();
        Path file = Objects.requireNonNull(this.file, "FILE");
        FleetManifest fleet;
        try {
            fleet = FileManifestSource.fleet(file);
        } catch (BerthException e) {
            return reporter.fail(e);
        }
        if (reporter.json()) {
            ObjectNode node = JsonNodeFactory.instance
                    .objectNode()
                    .put("valid", true)
                    .put("file", file.toString())
                    .put("entries", fleet.entries().size());
            node.putArray("images");
            fleet.names().forEach(name -> node.withArray("images").add(name));
            reporter.print(node);
        } else {
            int images = fleet.names().size();
            int entries = fleet.entries().size();
            reporter.out.println(file + ": valid, " + count(images, "image", "images") + " in "
                    + count(entries, "entry", "entries"));
            reporter.out.flush();
        }
        return 0;
    }
}
