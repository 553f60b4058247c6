package dev.berth.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.agent.status.Version;
import dev.berth.testkit.Command;
import dev.berth.testkit.CommandResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/** man berth: the pages say what --help says, because both come from the same picocli definitions. */
class ManPageTest {
    private final CommandLine cli = BuiltFiles.commandLine();

    @Test
    void theBuildWroteAPageForBerthAndOneForEachCommand() throws IOException {
        String date = date(Files.readString(BuiltFiles.MAN.resolve("berth.1")));
        Map<String, String> expected = ManPage.all(cli, Version.current(), date);

        assertThat(expected.keySet())
                .containsExactly(
                        "berth.1",
                        "berth-validate.1",
                        "berth-render.1",
                        "berth-plan.1",
                        "berth-apply.1",
                        "berth-status.1",
                        "berth-suspend.1",
                        "berth-resume.1",
                        "berth-agent.1");
        try (Stream<Path> files = Files.list(BuiltFiles.MAN)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .as("the pages in " + BuiltFiles.MAN + ", from the current definitions (rebuild: mvn package)")
                    .containsExactlyInAnyOrderElementsOf(expected.keySet());
        }
        for (Map.Entry<String, String> page : expected.entrySet()) {
            assertThat(BuiltFiles.MAN.resolve(page.getKey())).hasContent(page.getValue());
        }
    }

    @Test
    void everyOptionAndCommandTheHelpNamesIsInThePage() {
        for (CommandLine command : commands()) {
            String help = command.getUsageMessage(Ansi.OFF);
            String page = ManPage.page(command.getCommandSpec(), "1.0", "2026-01-01")
                    .replace("\\-", "-")
                    .replaceAll("\\\\f[BIR]", "");
            Matcher option = Pattern.compile("(?<![\\w-])--?[A-Za-z][\\w-]*").matcher(help);
            while (option.find()) {
                assertThat(page).as(command.getCommandName()).contains(option.group());
            }
            for (String sub : command.getSubcommands().keySet()) {
                assertThat(page).contains("\n" + sub + "\n").contains("berth-" + sub + "(1)");
            }
        }
    }

    @Test
    void everyLineOfTheHelpReadsTheSameInTheRenderedPage() throws IOException {
        assertTrue(
                BuiltFiles.installed("groff"),
                "groff renders man pages: apt-get install groff-base (scripts/test.sh does)");
        for (CommandLine command : commands()) {
            Path file = BuiltFiles.MAN.resolve(ManPage.fileName(command.getCommandSpec()));
            CommandResult rendered = Command.of("groff", "-man", "-Tascii", "-P-cbou", "-rLL=2000n", file.toString())
                    .runOk();
            String page = withoutSpaces(rendered.stdout());
            for (String line : helpLines(command)) {
                assertThat(page)
                        .as("%s shows what berth %s --help shows:%n%s", file, command.getCommandName(), line)
                        .contains(withoutSpaces(line));
            }
        }
    }

    @Test
    void everyPageRendersWithoutAWarning() throws IOException {
        assertTrue(
                BuiltFiles.installed("groff"),
                "groff renders man pages: apt-get install groff-base (scripts/test.sh does)");
        for (Path file : pages()) {
            CommandResult groff =
                    Command.of("groff", "-man", "-ww", "-z", file.toString()).run();
            assertThat(groff.stderr()).as(groff.describe()).isEmpty();
            assertTrue(
                    BuiltFiles.installed("mandoc"),
                    "mandoc lints man pages: apt-get install mandoc (scripts/test.sh does)");
            CommandResult lint = Command.of("mandoc", "-T", "lint", "-W", "warning", file.toString())
                    .run();
            assertThat(lint.ok()).as(lint.describe()).isTrue();
        }
    }

    @Test
    void troffTextCannotRunARequest() {
        assertThat(ManPage.text(".so /etc/shadow")).isEqualTo("\\&.so /etc/shadow");
        assertThat(ManPage.text("a\\fB-b\n'c é")).isEqualTo("a\\efB\\-b 'c \\[u00E9]");
        assertThat(ManPage.text("\" .SH x")).isEqualTo("\\(dq .SH x");
    }

    private List<CommandLine> commands() {
        List<CommandLine> all = new ArrayList<>(List.of(cli));
        all.addAll(cli.getSubcommands().values());
        return all;
    }

    /** The help's lines but its headings, which the page has as sections. */
    private static List<String> helpLines(CommandLine command) {
        List<String> lines = new ArrayList<>();
        for (String line : command.getUsageMessage(Ansi.OFF).split("\n", -1)) {
            String text = line.replaceFirst("^Usage: ", "");
            if (text.equals("Commands:")) {
                continue;
            }
            lines.add(text.endsWith(":") && !text.startsWith(" ") ? text.substring(0, text.length() - 1) : text);
        }
        return lines;
    }

    private static String withoutSpaces(String text) {
        return text.replaceAll("\\s+", "");
    }

    private static String date(String page) {
        Matcher th = Pattern.compile("\\.TH \"BERTH\" 1 \"([0-9-]+)\"").matcher(page);
        assertThat(th.find()).as(page).isTrue();
        return th.group(1);
    }

    private static List<Path> pages() throws IOException {
        try (Stream<Path> files = Files.list(BuiltFiles.MAN)) {
            return files.sorted().toList();
        }
    }
}
