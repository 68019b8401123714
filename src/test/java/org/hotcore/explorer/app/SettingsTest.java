package org.hotcore.explorer.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.hotcore.explorer.app.Settings.RecentConnection;
import org.hotcore.explorer.core.RedisSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class SettingsTest {

    @TempDir
    Path home;

    private Path file;

    @BeforeEach
    void useTemporaryHome() {
        System.setProperty(AppDirectories.HOME_PROPERTY, home.toString());
        file = home.resolve("config").resolve(Settings.FILE_NAME);
    }

    @AfterEach
    void clearHome() {
        System.clearProperty(AppDirectories.HOME_PROPERTY);
    }

    @Test
    void missingFileGivesDefaults() {
        Settings settings = Settings.load();

        assertThat(settings.file()).isEqualTo(file);
        assertThat(settings.getTheme()).isEqualTo("light");
        assertThat(settings.getRecentConnections()).isEmpty();
        assertThat(file).doesNotExist();
    }

    @Test
    void roundTrip() {
        Settings settings = Settings.load();
        settings.setTheme("dark");
        RecentConnection tls = new RecentConnection("rediss://127.0.0.1:6380/2", true, "/certs/ca.pem",
                "/certs/client.pem", "/certs/client.key");
        RecentConnection plain = new RecentConnection("redis://127.0.0.1:6379/0", false, null, null, null);
        settings.remember(plain);
        settings.remember(tls);
        settings.save();

        Settings loaded = Settings.load();
        assertThat(loaded.getTheme()).isEqualTo("dark");
        assertThat(loaded.getRecentConnections()).containsExactly(tls, plain);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void passwordsNeverReachTheFile() throws IOException {
        Settings settings = Settings.load();
        settings.remember(new RecentConnection("redis://alice:s3cret-one@127.0.0.1:6390/1", false, null, null, null));
        settings.remember(new RecentConnection("redis://:s3cret-two@localhost", false, null, null, null));
        settings.remember(new RecentConnection("rediss://bob:s3cret%40three@127.0.0.1:6391", true, null, null, null));
        // Not a valid URL (port out of range), so the fallback redaction applies.
        settings.remember(new RecentConnection("redis://carol:s3cret-four@127.0.0.1:99999/0", false, null, null,
                null));
        settings.save();
        Settings other = Settings.load();
        other.setRecentConnections(List.of(
                new RecentConnection("redis://dave:s3cret-five@127.0.0.1:6392/0", false, null, null, null)));
        Path otherFile = home.resolve("other.json");
        Files.copy(file, otherFile);

        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).doesNotContainIgnoringCase("s3cret").contains("\"redis://alice:@127.0.0.1:6390/1\"")
                .contains("\"rediss://bob:@127.0.0.1:6391/0\"").contains("\"redis://localhost:6379/0\"");
        assertThat(Settings.load().getRecentConnections()).extracting(RecentConnection::url)
                .noneMatch(url -> url.contains("s3cret"));
        assertThat(other.getRecentConnections()).extracting(RecentConnection::url)
                .containsExactly("redis://dave:@127.0.0.1:6392/0");
        other.save();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).doesNotContain("s3cret");
    }

    @Test
    void passwordsWrittenByHandAreDroppedOnLoad() throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                {"theme": "dark", "recentConnections": [
                  {"url": "redis://eve:s3cret-six@127.0.0.1:6393/0", "tls": false}
                ], "futureSetting": 1}
                """);

        Settings settings = Settings.load();

        assertThat(settings.getRecentConnections()).extracting(RecentConnection::url)
                .containsExactly("redis://eve:@127.0.0.1:6393/0");
        settings.save();
        assertThat(Files.readString(file)).doesNotContain("s3cret");
    }

    @Test
    void storedUrlKeepsTheUserWhenReadBack() {
        Settings settings = Settings.load();
        settings.remember(new RecentConnection("redis://alice:s3cret@127.0.0.1:6390/1", false, null, null, null));
        settings.remember(new RecentConnection("redis://127.0.0.1:6391/0", false, null, null, null));
        settings.save();

        String stored = Settings.load().getRecentConnections().get(1).url();
        RedisSettings parsed = RedisSettings.parse(stored).build();
        assertThat(parsed.user()).isEqualTo("alice");
        assertThat(parsed.password()).isNull();
        assertThat(Settings.withoutPassword(stored)).isEqualTo(stored);
    }

    @Test
    void recentListOrderedDeduplicatedCapped() {
        Settings settings = Settings.load();
        IntStream.rangeClosed(1, 12).forEach(port -> settings.remember(
                new RecentConnection("redis://127.0.0.1:" + (7000 + port) + "/0", false, null, null, null)));
        settings.remember(new RecentConnection("redis://127.0.0.1:7005", false, "/ca.pem", null, null));

        List<RecentConnection> recent = settings.getRecentConnections();
        assertThat(recent).hasSize(Settings.MAX_RECENT);
        assertThat(recent.getFirst()).isEqualTo(
                new RecentConnection("redis://127.0.0.1:7005/0", false, "/ca.pem", null, null));
        assertThat(recent).extracting(RecentConnection::url).doesNotHaveDuplicates()
                .startsWith("redis://127.0.0.1:7005/0", "redis://127.0.0.1:7012/0", "redis://127.0.0.1:7011/0")
                .doesNotContain("redis://127.0.0.1:7001/0", "redis://127.0.0.1:7002/0");
    }

    @Test
    void corruptFileIsRenamedAndDefaultsAreUsed() throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"theme\": \"dark\", \"recentConnections\": [");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Settings.class);
        logger.addAppender(appender);
        Settings settings;
        try {
            settings = Settings.load();
        } finally {
            logger.detachAppender(appender);
        }

        assertThat(settings.getTheme()).isEqualTo("light");
        assertThat(settings.getRecentConnections()).isEmpty();
        Path bad = file.resolveSibling("settings.json.bad");
        assertThat(file).doesNotExist();
        assertThat(bad).hasContent("{\"theme\": \"dark\", \"recentConnections\": [");
        assertThat(appender.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains(file.toString());
        });

        settings.save();
        assertThat(Settings.load().getTheme()).isEqualTo("light");
    }

    @Test
    void wrongShapeCountsAsCorrupt() throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "[1, 2, 3]");

        assertThat(Settings.load().getTheme()).isEqualTo("light");
        assertThat(file.resolveSibling("settings.json.bad")).exists();
    }

    @Test
    void unknownThemeFallsBackToLight() throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"theme\": \"purple\"}");

        assertThat(Settings.load().getTheme()).isEqualTo("light");
    }

    @Test
    void setThemeAcceptsOnlyLightOrDark() {
        Settings settings = Settings.load();
        settings.setTheme("DARK");
        assertThat(settings.getTheme()).isEqualTo("dark");
        assertThatThrownBy(() -> settings.setTheme("purple")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("light or dark");
        assertThatThrownBy(() -> settings.remember(new RecentConnection(" ", false, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
