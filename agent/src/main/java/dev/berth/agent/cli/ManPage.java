package dev.berth.agent.cli;

import dev.berth.agent.config.Settings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Man pages (troff with the man macros) rendered from the same picocli definitions as {@code --help}: berth.1, and
 * berth-COMMAND.1 for each subcommand (so {@code man berth plan} finds berth-plan.1).
 */
public final class ManPage {
    private ManPage() {}

    /** Every page of the command line {@code cli}, by file name. */
    public static Map<String, String> all(CommandLine cli, String version, String date) {
        Map<String, String> pages = new LinkedHashMap<>();
        addAll(cli.getCommandSpec(), version, date, pages);
        return pages;
    }

    private static void addAll(CommandSpec command, String version, String date, Map<String, String> pages) {
        pages.put(fileName(command), page(command, version, date));
        for (CommandSpec sub : subcommands(command)) {
            addAll(sub, version, date, pages);
        }
    }

    /** berth.1, berth-plan.1. */
    public static String fileName(CommandSpec command) {
        return pageName(command) + ".1";
    }

    private static String pageName(CommandSpec command) {
        return command.qualifiedName("-");
    }

    /** The page of one command, of Berth {@code version}, dated {@code date} (YYYY-MM-DD). */
    public static String page(CommandSpec command, String version, String date) {
        if (!date.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new IllegalArgumentException("a man page's date is YYYY-MM-DD, not " + date);
        }
        StringBuilder page = new StringBuilder();
        page.append(".\\\" Generated at build time from berth's picocli definitions, as --help is. Do not edit.\n");
        page.append(".TH \"")
                .append(text(pageName(command).toUpperCase(Locale.ROOT)))
                .append("\" 1 \"")
                .append(date)
                .append("\" \"berth ")
                .append(text(version))
                .append("\" \"Berth Manual\"\n");
        section(page, "NAME");
        page.append(text(pageName(command)))
                .append(" \\- ")
                .append(text(summary(command)))
                .append('\n');
        section(page, "SYNOPSIS");
        page.append(synopsis(command));
        section(page, "DESCRIPTION");
        String[] description = command.usageMessage().description();
        for (int i = 0; i < description.length; i++) {
            page.append(i == 0 ? "" : ".PP\n").append(text(description[i])).append('\n');
        }
        options(page, command);
        commands(page, command);
        if (command.parent() == null) {
            top(page);
        } else {
            section(page, "SEE ALSO");
            page.append(reference(command.root())).append('\n');
        }
        return page.toString();
    }

    /** The first paragraph of the description, as the list of commands in --help shows it. */
    private static String first(CommandSpec command) {
        String[] description = command.usageMessage().description();
        return description.length == 0 ? "" : description[0];
    }

    /** The first sentence of the description. */
    private static String summary(CommandSpec command) {
        String first = first(command);
        int end = first.indexOf(". ");
        return end < 0 ? first : first.substring(0, end + 1);
    }

    private static String synopsis(CommandSpec command) {
        String line = new Help(command, Help.defaultColorScheme(Help.Ansi.OFF))
                .synopsis(0)
                .strip()
                .replaceAll("\\s+", " ");
        String name = command.qualifiedName();
        String rest = line.startsWith(name) ? line.substring(name.length()) : " " + line;
        return "\\fB" + text(name) + "\\fR" + text(rest) + "\n";
    }

    /** The options as --help lists them: the ungrouped ones, then each group that has a heading under it. */
    private static void options(StringBuilder page, CommandSpec command) {
        List<ArgGroupSpec> headed = groups(command.argGroups()).stream()
                .filter(group -> group.heading() != null)
                .toList();
        Set<OptionSpec> underHeadings = new HashSet<>();
        headed.forEach(group -> underHeadings.addAll(group.options()));
        List<OptionSpec> ungrouped = command.options().stream()
                .filter(option -> !underHeadings.contains(option))
                .toList();
        if (ungrouped.isEmpty() && command.positionalParameters().isEmpty()) {
            return;
        }
        section(page, "OPTIONS");
        for (ArgSpec positional : command.positionalParameters()) {
            page.append(".TP\n\\fI").append(text(positional.paramLabel())).append("\\fR\n");
            description(page, positional);
        }
        options(page, ungrouped);
        for (ArgGroupSpec group : headed) {
            String heading = group.heading().replace("%n", "").strip().replaceFirst(":$", "");
            page.append(".SS \"").append(text(heading)).append("\"\n");
            options(page, group.options());
        }
    }

    private static List<ArgGroupSpec> groups(List<ArgGroupSpec> groups) {
        List<ArgGroupSpec> all = new ArrayList<>();
        for (ArgGroupSpec group : groups) {
            all.add(group);
            all.addAll(groups(group.subgroups()));
        }
        return all;
    }

    private static void options(StringBuilder page, List<OptionSpec> options) {
        List<OptionSpec> sorted = options.stream()
                .filter(option -> !option.hidden())
                .sorted(Comparator.comparing(ManPage::sortKey))
                .toList();
        for (OptionSpec option : sorted) {
            page.append(".TP\n");
            String[] names = option.names();
            for (int i = 0; i < names.length; i++) {
                page.append(i == 0 ? "" : ", ")
                        .append("\\fB")
                        .append(text(names[i]))
                        .append("\\fR");
            }
            if (option.arity().max() > 0) {
                page.append("=\\fI").append(text(option.paramLabel())).append("\\fR");
            }
            page.append('\n');
            description(page, option);
        }
    }

    /** --help's order: by the shortest name, without dashes. */
    private static String sortKey(OptionSpec option) {
        return option.shortestName().replaceFirst("^-+", "").toLowerCase(Locale.ROOT);
    }

    private static void description(StringBuilder page, ArgSpec arg) {
        page.append(text(String.join(" ", arg.description()))).append('\n');
    }

    private static void commands(StringBuilder page, CommandSpec command) {
        List<CommandSpec> subcommands = subcommands(command);
        if (subcommands.isEmpty()) {
            return;
        }
        section(page, "COMMANDS");
        for (CommandSpec sub : subcommands) {
            page.append(".TP\n\\fB")
                    .append(text(sub.name()))
                    .append("\\fR\n")
                    .append(text(first(sub)))
                    .append(" See ")
                    .append(reference(sub))
                    .append(".\n");
        }
    }

    /** What only the top page says: what every command has in common. */
    private static void top(StringBuilder page) {
        section(page, "EXIT STATUS");
        page.append(text("Each command's page says what its exit status means. Every command exits "
                        + CommandLine.ExitCode.USAGE + " when its command line is wrong (an unknown option, a missing"
                        + " or malformed value), and prints what is wrong."))
                .append('\n');
        section(page, "FILES");
        file(
                page,
                Settings.DEFAULT_FILE.toString(),
                "The agent's configuration; the commands that take --config read it too.");
        file(page, Settings.STATE_DIR + "/", "Berth's state: the last pass, suspensions, the lock.");
        file(page, Settings.POOL_DIR + "/", "The images Berth downloads and portabled attaches.");
        section(page, "SEE ALSO");
        page.append(".BR portablectl (1),\n.BR systemd\\-portabled.service (8),\n.BR systemctl (1)\n");
    }

    private static void file(StringBuilder page, String path, String what) {
        page.append(".TP\n\\fI")
                .append(text(path))
                .append("\\fR\n")
                .append(text(what))
                .append('\n');
    }

    private static String reference(CommandSpec command) {
        return "\\fB" + text(pageName(command)) + "\\fR(1)";
    }

    private static List<CommandSpec> subcommands(CommandSpec command) {
        return command.subcommands().values().stream()
                .map(CommandLine::getCommandSpec)
                .distinct()
                .toList();
    }

    private static void section(StringBuilder page, String name) {
        page.append(".SH \"").append(name).append("\"\n");
    }

    /**
     * {@code s} as troff text, also inside a quoted macro argument: backslashes, hyphens and quotes escaped, a control character at the start of a line defused,
     * anything beyond ASCII as a named code point, and every line break a space (troff fills the lines itself).
     */
    static String text(String s) {
        StringBuilder out = new StringBuilder();
        s.replaceAll("\\s+", " ").codePoints().forEach(c -> {
            if (c == '\\') {
                out.append("\\e");
            } else if (c == '-') {
                out.append("\\-");
            } else if (c == '"') {
                out.append("\\(dq");
            } else if (c == '.' || c == '\'') {
                out.append(out.isEmpty() ? "\\&" : "").appendCodePoint(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format(Locale.ROOT, "\\[u%04X]", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
