package dev.berth.agent.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import org.junit.jupiter.api.Test;

class LoggingTest {
    private final LoggerContext context = new LoggerContext();

    @Test
    void theDaemonLogsAtItsLevelThroughOneAppenderToStandardError() {
        Logging.configure(context, new JournalLayout(true), Level.DEBUG);

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
        Appender<?> appender = root.getAppender("journal");
        assertThat(appender).isNotNull();
        assertThat(appender.isStarted()).isTrue();
    }

    @Test
    void librariesStayQuietUnlessTheDaemonIsQuieterStill() {
        Logging.configure(context, new JournalLayout(false), Level.DEBUG);
        assertThat(context.getLogger("org.freedesktop.dbus").getLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger("org.eclipse.jgit").getLevel()).isEqualTo(Level.WARN);

        Logging.configure(context, new JournalLayout(false), Level.ERROR);
        assertThat(context.getLogger("okhttp3").getLevel()).isEqualTo(Level.ERROR);
    }
}
