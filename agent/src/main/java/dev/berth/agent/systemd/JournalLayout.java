package dev.berth.agent.systemd;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * The daemon's log lines. For journald: each line starts with its syslog priority ({@code <3>} error, {@code <4>}
 * warning, {@code <6>} info, {@code <7>} debug), which systemd strips and files (SyslogLevelPrefix=yes), and carries
 * no time, since the journal stamps every line itself. Every line of a stack trace gets the prefix too: journald
 * would file an unprefixed line as info. For a terminal: a plain line with the local time and the level.
 */
public final class JournalLayout extends LayoutBase<ILoggingEvent> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final boolean journal;
    private final DateTimeFormatter time;

    /** {@code journal}: lines for journald, else for a terminal (times in the system's zone). */
    public JournalLayout(boolean journal) {
        this(journal, ZoneId.systemDefault());
    }

    JournalLayout(boolean journal, ZoneId zone) {
        this.journal = journal;
        this.time = TIME.withZone(Objects.requireNonNull(zone, "zone"));
    }

    /** The syslog priority of a level; trace is as verbose as journald goes, debug. */
    public static int priority(Level level) {
        if (level.isGreaterOrEqual(Level.ERROR)) {
            return 3;
        }
        if (level.isGreaterOrEqual(Level.WARN)) {
            return 4;
        }
        if (level.isGreaterOrEqual(Level.INFO)) {
            return 6;
        }
        return 7;
    }

    public boolean journal() {
        return journal;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        String text = shortName(event.getLoggerName()) + ": " + event.getFormattedMessage();
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            text = text + "\n" + ThrowableProxyUtil.asString(thrown).stripTrailing();
        }
        if (!journal) {
            return time.format(event.getInstant()) + " " + String.format("%-5s", event.getLevel()) + " " + text + "\n";
        }
        String prefix = "<" + priority(event.getLevel()) + ">";
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (String line : text.split("\\R", -1)) {
            out.append(prefix).append(line).append('\n');
        }
        return out.toString();
    }

    private static String shortName(String loggerName) {
        return loggerName.substring(loggerName.lastIndexOf('.') + 1);
    }
}
