package org.hotcore.explorer.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hotcore.explorer.core.RedisSettings;
import org.hotcore.explorer.ui.view.AboutDialog;
import org.hotcore.explorer.ui.view.ConnectDialogChoices;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Command line options of the window and the settings the Connect dialog builds, without a window. */
@Tag("ui")
class ConnectionOptionsTest {

    @Test
    void redisOptionIsRead() {
        ExplorerLauncher.Options options = ExplorerLauncher.parse(List.of("--redis", "redis://127.0.0.1:7000/2"));

        assertThat(options.redisUrl()).isEqualTo("redis://127.0.0.1:7000/2");
        assertThat(options.ignored()).isEmpty();
    }

    @Test
    void redisOptionWithEqualsSign() {
        ExplorerLauncher.Options options = ExplorerLauncher.parse(List.of("--redis=redis://127.0.0.1:7001", "-x"));

        assertThat(options.redisUrl()).isEqualTo("redis://127.0.0.1:7001");
        assertThat(options.ignored()).containsExactly("-x");
    }

    @Test
    void noOptionMeansDemo() {
        assertThat(ExplorerLauncher.parse(List.of()).redisUrl()).isNull();
    }

    @Test
    void smokeTestOptionIsRead() {
        ExplorerLauncher.Options options = ExplorerLauncher.parse(List.of("--smoke-test"));

        assertThat(options.smokeTest()).isTrue();
        assertThat(options.redisUrl()).isNull();
        assertThat(options.ignored()).isEmpty();
        assertThat(ExplorerLauncher.parse(List.of()).smokeTest()).isFalse();
    }

    @Test
    void hostFieldsBuildSettings() {
        RedisSettings settings = ConnectDialogChoices.settings(null, "127.0.0.1", "7002", "3", "alice", "secret",
                false, null, Map.of());

        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(7002);
        assertThat(settings.database()).isEqualTo(3);
        assertThat(settings.user()).isEqualTo("alice");
        assertThat(settings.password()).isEqualTo("secret");
    }

    @Test
    void rememberedUrlHasNoPassword() {
        String remembered = ConnectDialogChoices.rememberedUrl(null, "127.0.0.1", "7002", "3", "alice", "secret",
                false, null, Map.of());

        assertThat(remembered).isEqualTo("redis://alice:@127.0.0.1:7002/3");
        assertThat(remembered).doesNotContain("secret");
        assertThat(RedisSettings.parse(remembered).build().user()).isEqualTo("alice");
    }

    @Test
    void passwordComesFromEnvironment() {
        RedisSettings settings = ConnectDialogChoices.settings("redis://127.0.0.1:7003/0", null, null, null, null,
                null, false, null, Map.of("REDISCLI_AUTH", "from-env"));

        assertThat(settings.password()).isEqualTo("from-env");
    }

    @Test
    void tlsWithCaFile() {
        RedisSettings settings = ConnectDialogChoices.settings("redis://127.0.0.1:7004", null, null, null, null, null,
                true, "/tmp/ca.pem", Map.of());

        assertThat(settings.tls()).isTrue();
        assertThat(settings.tlsOptions().caFile()).isEqualTo(Path.of("/tmp/ca.pem"));
    }

    @Test
    void invalidPortIsRejected() {
        assertThatThrownBy(() -> ConnectDialogChoices.settings(null, "127.0.0.1", "70x", null, null, null, false,
                null, Map.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid port '70x'");
    }

    @Test
    void aboutNamesVersionsAndLogFile() {
        String text = AboutDialog.text("7.2.4", Path.of("/tmp/logs/hotcore-explorer.log"));

        assertThat(text).contains("HotCore Explorer").contains("Java " + Runtime.version())
                .contains("Redis server 7.2.4").contains("Log file /tmp/logs/hotcore-explorer.log");
    }
}
