package dev.berth.agent.cli;

import dev.berth.agent.config.Settings;
import dev.berth.agent.render.ManifestYaml;
import dev.berth.agent.wiring.Assembly;
import dev.berth.agent.wiring.Machine;
import dev.berth.agent.wiring.MachineFiles;
import dev.berth.agent.wiring.Sources;
import dev.berth.model.BerthException;
import dev.berth.model.Names;
import dev.berth.model.Reason;
import dev.berth.model.fleet.HostIdentity;
import dev.berth.reconciler.port.ManifestSource;
import dev.berth.reconciler.port.SourceSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Prints the manifest as one host would see it, for review in a fleet repository's CI: reads the source and nothing
 * else, so it needs no root, no bus and no lock.
 */
@Command(
        name = "render",
        description = {
            "Print, as YAML, the manifest a host would run: for each image the entry that applies to that host,"
                    + " with the file and line it comes from. For review, e.g. in the fleet repository's CI: needs no"
                    + " root, no bus and no lock. A git source is cloned into a temporary directory unless"
                    + " --state-dir is given.",
            "Exit 0; 1 when the manifest is invalid or cannot be read."
        })
public final class RenderCommand implements Callable<Integer> {
    /** The machine-id of a host named on the command line without one: it only places hosts in percent waves. */
    static final String UNKNOWN_MACHINE_ID = "0".repeat(32);

    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions source = new SourceOptions();

    @Mixin
    SettingsOptions settings = new SettingsOptions();

    @Option(
            names = "--host",
            paramLabel = "NAME",
            description = "The host to render for (default: this host, named and labelled by the agent configuration).")
    @Nullable
    String host;

    @Option(
            names = "--label",
            paramLabel = "KEY=VALUE",
            description = "A label of the host given with --host; repeat for each label.")
    List<String> labels = new ArrayList<>();

    @Option(
            names = "--machine-id",
            paramLabel = "HEX",
            description = "The host's machine-id, 32 hexadecimal digits (default: /etc/machine-id for this host,"
                    + " 32 zeros with --host).")
    @Nullable
    String machineId;

    @Override
    public Integer call() {
        Reporter reporter =
                new Reporter(spec.commandLine().getOut(), spec.commandLine().getErr(), Output.text);
        try {
            Settings resolved = source.applyTo(settings.resolve());
            HostIdentity identity = identity(resolved);
            SourceSnapshot snapshot = read(resolved, identity);
            reporter.out.print(ManifestYaml.of(identity, snapshot.manifest(), snapshot.revision()));
            reporter.out.flush();
            snapshot.notices().forEach(n -> reporter.err.println("warning: " + n.reason() + ": " + n.message()));
            reporter.err.flush();
            return Reporter.refused(snapshot) ? 1 : 0;
        } catch (BerthException e) {
            return reporter.fail(e);
        }
    }

    private SourceSnapshot read(Settings resolved, HostIdentity identity) {
        try (ScratchDirectory scratch = ScratchDirectory.create("berth-render-")) {
            Path state = settings.stateDir != null ? resolved.stateDir() : scratch.path();
            ManifestSource manifests =
                    Sources.open(resolved.requireSource("berth render"), state, resolved.trustedKeys(), identity);
            try {
                return manifests.read();
            } finally {
                if (manifests instanceof AutoCloseable closeable) {
                    close(closeable);
                }
            }
        }
    }

    private HostIdentity identity(Settings resolved) {
        String id = machineId;
        if (id != null && !MachineFiles.MACHINE_ID_FORMAT.matcher(id).matches()) {
            throw invalid("--machine-id must be 32 lowercase hexadecimal digits, as in /etc/machine-id");
        }
        String name = host;
        if (name == null) {
            if (!labels.isEmpty()) {
                throw invalid("--label goes with --host; without --host, this host's labels come from the agent"
                        + " configuration (host.labels)");
            }
            return Assembly.identity(resolved, id == null ? MachineFiles.SYSTEM : withId(id));
        }
        if (!Names.HOST_NAME.matcher(name).matches()) {
            throw invalid("--host " + Names.HOST_NAME_RULE);
        }
        return new HostIdentity(name, labels(), id == null ? UNKNOWN_MACHINE_ID : id);
    }

    private Map<String, String> labels() {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String label : labels) {
            int equals = label.indexOf('=');
            String key = equals < 0 ? label : label.substring(0, equals);
            String value = equals < 0 ? "" : label.substring(equals + 1);
            if (!Names.LABEL_KEY.matcher(key).matches()) {
                throw invalid("--label " + label + ": give KEY=VALUE, where KEY " + Names.LABEL_KEY_RULE);
            }
            if (!Names.LABEL_VALUE.matcher(value).matches()) {
                throw invalid("--label " + label + ": the value " + Names.LABEL_VALUE_RULE);
            }
            if (parsed.put(key, value) != null) {
                throw invalid("--label gives " + key + " twice");
            }
        }
        return parsed;
    }

    /** This machine's hostname, with the machine-id given on the command line. */
    private static Machine withId(String id) {
        return new Machine() {
            @Override
            public String hostname() {
                return MachineFiles.SYSTEM.hostname();
            }

            @Override
            public String machineId() {
                return id;
            }
        };
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // nothing was written that matters: the clone is in a directory removed next
        }
    }

    private static BerthException invalid(String message) {
        return new BerthException(Reason.ManifestInvalid, message);
    }
}
