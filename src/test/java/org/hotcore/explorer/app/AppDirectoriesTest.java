package org.hotcore.explorer.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppDirectoriesTest {

    private static final String HOME = "/home/alice";

    @TempDir
    Path temp;

    @AfterEach
    void clearHome() {
        System.clearProperty(AppDirectories.HOME_PROPERTY);
    }

    @Test
    void homePropertyOverridesBothFolders() {
        Path home = temp.resolve("hotcore home");
        System.setProperty(AppDirectories.HOME_PROPERTY, home.toString());

        assertThat(AppDirectories.config()).isEqualTo(home.resolve("config")).isDirectory();
        assertThat(AppDirectories.state()).isEqualTo(home.resolve("state")).isDirectory();
    }

    @Test
    void linuxFollowsXdg() {
        Map<String, String> env = Map.of("XDG_CONFIG_HOME", "/xdg/config", "XDG_STATE_HOME", "/xdg/state");

        assertThat(AppDirectories.configFor("Linux", env, HOME, null))
                .isEqualTo(Path.of("/xdg/config/hotcore-explorer"));
        assertThat(AppDirectories.stateFor("Linux", env, HOME, null)).isEqualTo(Path.of("/xdg/state/hotcore-explorer"));
    }

    @Test
    void linuxIgnoresMissingOrRelativeXdg() {
        Map<String, String> relative = Map.of("XDG_CONFIG_HOME", "relative/config", "XDG_STATE_HOME", "");

        for (Map<String, String> env : List.of(Map.<String, String>of(), relative)) {
            assertThat(AppDirectories.configFor("Linux", env, HOME, null))
                    .isEqualTo(Path.of(HOME, ".config", "hotcore-explorer"));
            assertThat(AppDirectories.stateFor("Linux", env, HOME, null))
                    .isEqualTo(Path.of(HOME, ".local", "state", "hotcore-explorer"));
        }
    }

    @Test
    void macOsUsesLibraryFolders() {
        assertThat(AppDirectories.configFor("Mac OS X", Map.of(), HOME, null))
                .isEqualTo(Path.of(HOME, "Library", "Application Support", "HotCore Explorer"));
        assertThat(AppDirectories.stateFor("Mac OS X", Map.of(), HOME, null))
                .isEqualTo(Path.of(HOME, "Library", "Logs", "HotCore Explorer"));
    }

    @Test
    void windowsUsesAppDataAndLocalAppData() {
        Map<String, String> env = Map.of("APPDATA", "/users/alice/roaming", "LOCALAPPDATA", "/users/alice/local");

        assertThat(AppDirectories.configFor("Windows 11", env, HOME, null))
                .isEqualTo(Path.of("/users/alice/roaming", "HotCore Explorer"));
        assertThat(AppDirectories.stateFor("Windows 11", env, HOME, null))
                .isEqualTo(Path.of("/users/alice/local", "HotCore Explorer"));
    }

    @Test
    void homeParameterWinsOnEveryOs() {
        for (String os : new String[] {"Linux", "Mac OS X", "Windows 10"}) {
            assertThat(AppDirectories.configFor(os, Map.of(), HOME, "/h")).isEqualTo(Path.of("/h", "config"));
            assertThat(AppDirectories.stateFor(os, Map.of(), HOME, "/h")).isEqualTo(Path.of("/h", "state"));
        }
    }
}
