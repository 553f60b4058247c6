package dev.berth.agent.wiring;

import dev.berth.model.BerthException;
import dev.berth.model.Names;
import dev.berth.model.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The machine as its files say: the hostname the kernel holds and systemd's machine-id (machine-id(5)). Read on
 * each call, so nothing is read until someone asks; a file that is missing or holds something else is an error that
 * names it and says what to do.
 *
 * @param hostnameFile /proc/sys/kernel/hostname on a real host
 * @param machineIdFile /etc/machine-id on a real host
 */
public record MachineFiles(Path hostnameFile, Path machineIdFile) implements Machine {
    public static final Path HOSTNAME = Path.of("/proc/sys/kernel/hostname");
    public static final Path MACHINE_ID = Path.of("/etc/machine-id");
    /** This machine. */
    public static final MachineFiles SYSTEM = new MachineFiles(HOSTNAME, MACHINE_ID);

    /** 32 lowercase hexadecimal digits, as machine-id(5) defines it. */
    public static final Pattern MACHINE_ID_FORMAT = Pattern.compile("[0-9a-f]{32}");

    /** The most either file holds; more is not such a file. */
    private static final int LARGEST = 4096;

    public MachineFiles {
        Objects.requireNonNull(hostnameFile, "hostnameFile");
        Objects.requireNonNull(machineIdFile, "machineIdFile");
    }

    @Override
    public String hostname() {
        String name = read(hostnameFile, "this host's name", "set host.name in the agent configuration");
        if (!Names.HOST_NAME.matcher(name).matches()) {
            throw new BerthException(
                    Reason.ManifestInvalid,
                    "the hostname in " + hostnameFile + " cannot be matched by manifests' hosts.names: it "
                            + Names.HOST_NAME_RULE + "; set host.name in the agent configuration");
        }
        return name;
    }

    @Override
    public String machineId() {
        String advice = "create one with systemd-machine-id-setup";
        String id = read(machineIdFile, "the machine-id", advice);
        if (!MACHINE_ID_FORMAT.matcher(id).matches()) {
            throw new BerthException(
                    Reason.ManifestInvalid,
                    machineIdFile + " does not hold a machine-id (32 lowercase hexadecimal digits on one line);"
                            + " Berth places the host in rollout waves by it: " + advice);
        }
        return id;
    }

    /** The file's one line, without the newline. */
    private static String read(Path file, String what, String advice) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException ? "no such file" : String.valueOf(e.getMessage());
            throw new BerthException(
                    Reason.ManifestInvalid, "cannot read " + what + " from " + file + ": " + why + "; " + advice);
        }
        String text = bytes.length > LARGEST ? "" : new String(bytes, StandardCharsets.UTF_8);
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
