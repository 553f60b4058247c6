package dev.berth.agent.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.fetchers.FileManifestSource;
import dev.berth.model.BerthException;
import dev.berth.model.Manifest;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Checks a manifest without touching any host. */
@Command(name = "validate", description = "Check a manifest: exit 0 when valid, 1 with every problem.")
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The manifest file, or a directory of *.yaml manifests.")
    @Nullable
    Path file; // required: picocli sets it before call()

    @Option(names = "--output", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Output output = Output.text;

    @Override
    public Integer call() {
        Reporter reporter =
                new Reporter(spec.commandLine().getOut(), spec.commandLine().getErr(), output);
        Path file = Objects.requireNonNull(this.file, "FILE");
        Manifest manifest;
        try {
            manifest = new FileManifestSource(file).read().manifest();
        } catch (BerthException e) {
            return reporter.fail(e);
        }
        if (reporter.json()) {
            ObjectNode node =
                    JsonNodeFactory.instance.objectNode().put("valid", true).put("file", file.toString());
            manifest.images().forEach(i -> node.withArray("images").add(i.name()));
            reporter.print(node);
        } else {
            int n = manifest.images().size();
            reporter.out.println(file + ": valid, " + n + (n == 1 ? " image" : " images"));
            reporter.out.flush();
        }
        return 0;
    }
}
