package dev.berth.agent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/** The top of the berth command line. --help and --version work on every subcommand too (inherited). */
@Command(
        name = "berth",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = VersionProvider.class,
        description = "GitOps for systemd portable services: converge this host to a manifest.",
        subcommands = {
            ValidateCommand.class,
            RenderCommand.class,
            PlanCommand.class,
            ApplyCommand.class,
            StatusCommand.class,
            SuspendCommand.class,
            ResumeCommand.class,
            AgentCommand.class
        })
public final class BerthCommand {}
