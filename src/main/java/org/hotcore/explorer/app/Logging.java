package org.hotcore.explorer.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logging of the desktop program: replaces whatever {@code logback.xml} set up (the command line's console-only
 * configuration) with a rolling log file in {@code <state>/logs} and a console that shows warnings and errors only.
 */
public final class Logging {

    private static final Logger log = LoggerFactory.getLogger(Logging.class);

    public static final String LOG_FILE_NAME = "hotcore-explorer.log";
    /** Time, level, thread, logger and message. */
    public static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";
    static final String MAX_FILE_SIZE = "10MB";
    static final int MAX_FILES = 7;
    /** The total size the rolled files may reach: {@value #MAX_FILES} files of {@value #MAX_FILE_SIZE}. */
    static final String TOTAL_SIZE_CAP = "70MB";

    private Logging() {
    }

    /**
     * Resets logback and installs the desktop program's appenders: a file at {@code <state>/logs/hotcore-explorer.log}
     * rolled daily and at 10 MB (rolled files are gzipped, kept 7 days and 70 MB in all), and a console appender on
     * standard error for WARN and above. The root level is INFO.
     *
     * @return the path of the active log file
     */
    public static Path configure() {
        Path folder = AppDirectories.state().resolve("logs");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log folder " + folder + ": " + e.getMessage()
                    + "; check its permissions or set -D" + AppDirectories.HOME_PROPERTY + " to a writable folder", e);
        }
        Path file = folder.resolve(LOG_FILE_NAME);

        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            log.warn("The SLF4J binding is {}, not logback; leaving logging as it is and writing no log file to {}",
                    factory.getClass().getName(), file);
            return file;
        }
        context.reset();

        PatternLayoutEncoder fileEncoder = encoder(context);
        RollingFileAppender<ILoggingEvent> fileAppender = new RollingFileAppender<>();
        fileAppender.setContext(context);
        fileAppender.setName("file");
        fileAppender.setFile(file.toString());
        fileAppender.setEncoder(fileEncoder);

        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(fileAppender);
        policy.setFileNamePattern(folder.resolve("hotcore-explorer.%d{yyyy-MM-dd}.%i.log.gz").toString());
        policy.setMaxFileSize(FileSize.valueOf(MAX_FILE_SIZE));
        // NOTE: logback counts maxHistory in periods of the file name pattern (days), not files. The size cap is what
        // limits the rolled files to about seven of 10 MB.
        policy.setMaxHistory(MAX_FILES);
        policy.setTotalSizeCap(FileSize.valueOf(TOTAL_SIZE_CAP));
        policy.start();
        fileAppender.setRollingPolicy(policy);
        fileAppender.start();

        ThresholdFilter warnings = new ThresholdFilter();
        warnings.setContext(context);
        warnings.setLevel(Level.WARN.toString());
        warnings.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setTarget("System.err");
        console.setEncoder(encoder(context));
        console.addFilter(warnings);
        console.start();

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(fileAppender);
        root.addAppender(console);

        if (!fileAppender.isStarted()) {
            log.warn("The log file appender for {} did not start; see logback's status messages", file);
        }
        log.info("Logging to {}", file);
        return file;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        return encoder;
    }
}
