package dev.berth.agent.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class JournalLayoutTest {
    private static final Instant AT = Instant.parse("2026-11-20T10:11:12.345Z");
    private final LoggerContext context = new LoggerContext();
    private final JournalLayout journal = new JournalLayout(true, ZoneOffset.UTC);
    private final JournalLayout terminal = new JournalLayout(false, ZoneOffset.UTC);

    private LoggingEvent event(Level level, String message, Throwable thrown) {
        LoggingEvent event = new LoggingEvent(
                "test", context.getLogger("dev.berth.agent.Loop"), level, message, thrown, new Object[0]);
        event.setInstant(AT);
        return event;
    }

    @Test
    void levelsMapToTheSyslogPrioritiesJournaldFiles() {
        assertThat(JournalLayout.priority(Level.ERROR)).isEqualTo(3);
        assertThat(JournalLayout.priority(Level.WARN)).isEqualTo(4);
        assertThat(JournalLayout.priority(Level.INFO)).isEqualTo(6);
        assertThat(JournalLayout.priority(Level.DEBUG)).isEqualTo(7);
        assertThat(JournalLayout.priority(Level.TRACE)).isEqualTo(7);
    }

    @Test
    void forTheJournalALineStartsWithItsPriorityAndCarriesNoTime() {
        assertThat(journal.doLayout(event(Level.ERROR, "attach failed", null))).isEqualTo("<3>Loop: attach failed\n");
        assertThat(journal.doLayout(event(Level.INFO, "converged", null))).isEqualTo("<6>Loop: converged\n");
    }

    @Test
    void everyLineOfAStackTraceKeepsThePriority() {
        String text = journal.doLayout(event(Level.WARN, "two\nlines", new IllegalStateException("boom")));

        String[] lines = text.split("\n");
        assertThat(lines.length).isGreaterThan(3);
        assertThat(lines).allMatch(line -> line.startsWith("<4>"));
        assertThat(Arrays.asList(lines))
                .contains("<4>Loop: two", "<4>lines", "<4>java.lang.IllegalStateException: boom");
    }

    @Test
    void forATerminalALineHasTheTimeAndTheLevel() {
        assertThat(terminal.doLayout(event(Level.WARN, "slow download", null)))
                .isEqualTo("2026-11-20 10:11:12.345 WARN  Loop: slow download\n");
    }
}
