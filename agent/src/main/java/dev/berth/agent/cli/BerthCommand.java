package dev.berth.agent.cli;

import picocli.CommandLine.Command;

/** The top of the berth command line. */
@Command(
        name = "berth",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "GitOps for systemd portable services: converge this host to a manifest.",
        subcommands = {
            ValidateCommand.class,
            PlanCommand.class,
            ApplyCommand.class,
            StatusCommand.class,
            AgentCommand.class
        })
public final class BerthCommand {}
