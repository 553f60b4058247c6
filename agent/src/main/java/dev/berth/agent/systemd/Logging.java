package dev.berth.agent.systemd;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Logging for the long-running agent, set up in code when it starts: the one-shot commands keep logback.xml. Lines
 * go to standard error, which systemd connects to the journal.
 */
public final class Logging {
    /** Chatty at info; their warnings and errors still show. dbus-java warns about things the adapter handles. */
    static final Map<String, Level> LIBRARIES =
            Map.of("org.freedesktop.dbus", Level.ERROR, "org.eclipse.jgit", Level.WARN, "okhttp3", Level.WARN);

    private Logging() {}

    /**
     * Replaces the logback configuration: lines for journald when standard error is the journal (JOURNAL_STREAM),
     * plain lines with times otherwise. Returns whether the lines go to the journal.
     */
    public static boolean configureForDaemon(Level level) {
        boolean journal = JournalStream.stderrIsJournal(System.getenv());
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            configure(context, new JournalLayout(journal), level);
        }
        return journal;
    }

    static void configure(LoggerContext context, JournalLayout layout, Level level) {
        context.reset();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(layout.journal() ? "journal" : "terminal");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        root.addAppender(appender);
        LIBRARIES.forEach((name, quiet) -> context.getLogger(name).setLevel(quietest(quiet, level)));
    }

    private static Level quietest(Level a, Level b) {
        return a.isGreaterOrEqual(b) ? a : b;
    }
}
