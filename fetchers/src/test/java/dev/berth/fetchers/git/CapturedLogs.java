package dev.berth.fetchers.git;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** Everything every library logs (down to DEBUG) while it is open, as text, to look for leaked secrets. */
final class CapturedLogs implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    CapturedLogs() {
        appender.start();
        root.addAppender(appender);
    }

    int count() {
        return appender.list.size();
    }

    String text() {
        return appender.list.stream()
                .map(e -> e.getFormattedMessage()
                        + (e.getThrowableProxy() == null
                                ? ""
                                : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
