package org.hotcore.explorer.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LoggingTest {

    @TempDir
    Path home;

    @AfterEach
    void restoreDefaultLogging() throws JoranException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
        System.clearProperty(AppDirectories.HOME_PROPERTY);
    }

    @Test
    void configureWritesInfoToStateLog() throws IOException {
        System.setProperty(AppDirectories.HOME_PROPERTY, home.toString());

        Path file = Logging.configure();

        assertThat(file).isEqualTo(home.resolve("state").resolve("logs").resolve("hotcore-explorer.log"));
        Logger logger = LoggerFactory.getLogger("org.hotcore.explorer.app.LoggingTest.sample");
        logger.debug("debug line not written");
        logger.info("info line written");
        logger.warn("warning line written", new IllegalStateException("sample failure"));

        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).contains("INFO  [main] o.h.explorer.app.LoggingTest.sample - info line written")
                .contains("WARN  [main]").contains("java.lang.IllegalStateException: sample failure")
                .doesNotContain("debug line not written");
        assertThat(text.lines().filter(line -> line.contains("info line written")).findFirst().orElseThrow())
                .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO .*");

        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender("file")).isNotNull();
        assertThat(root.getAppender("console")).isNotNull();
    }

    @Test
    void configureTwiceKeepsOneSetOfAppenders() throws IOException {
        System.setProperty(AppDirectories.HOME_PROPERTY, home.toString());

        Logging.configure();
        Path file = Logging.configure();
        LoggerFactory.getLogger(LoggingTest.class).info("single line");

        assertThat(Files.readString(file).lines().filter(line -> line.contains("single line"))).hasSize(1);
    }
}
