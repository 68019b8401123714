package org.hotcore.explorer.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The folders where the desktop program keeps its settings ({@link #config()}) and its logs ({@link #state()}).
 *
 * <ul>
 *   <li>Linux and other Unix systems: {@code $XDG_CONFIG_HOME/hotcore-explorer} (default {@code ~/.config}) and
 *       {@code $XDG_STATE_HOME/hotcore-explorer} (default {@code ~/.local/state});</li>
 *   <li>macOS: {@code ~/Library/Application Support/HotCore Explorer} and {@code ~/Library/Logs/HotCore Explorer};</li>
 *   <li>Windows: {@code %APPDATA%\HotCore Explorer} and {@code %LOCALAPPDATA%\HotCore Explorer}.</li>
 * </ul>
 *
 * <p>The system property {@value #HOME_PROPERTY} overrides all of them: config is {@code <home>/config} and state is
 * {@code <home>/state}. Each call creates the folder when it does not exist.
 */
public final class AppDirectories {

    /** System property naming one folder that contains both the config and the state folder. */
    public static final String HOME_PROPERTY = "hotcore.home";

    static final String UNIX_NAME = "hotcore-explorer";
    static final String DISPLAY_NAME = "HotCore Explorer";

    private AppDirectories() {
    }

    /** Returns the settings folder, creating it when needed. */
    public static Path config() {
        return ensure(configFor(osName(), System.getenv(), System.getProperty("user.home"),
                System.getProperty(HOME_PROPERTY)));
    }

    /** Returns the folder for logs and other state, creating it when needed. */
    public static Path state() {
        return ensure(stateFor(osName(), System.getenv(), System.getProperty("user.home"),
                System.getProperty(HOME_PROPERTY)));
    }

    static Path configFor(String os, Map<String, String> env, String userHome, String home) {
        if (isSet(home)) {
            return Path.of(home, "config");
        }
        return switch (family(os)) {
            case WINDOWS -> windowsBase(env, "APPDATA", userHome, "Roaming").resolve(DISPLAY_NAME);
            case MAC -> Path.of(userHome, "Library", "Application Support", DISPLAY_NAME);
            case UNIX -> xdg(env, "XDG_CONFIG_HOME", Path.of(userHome, ".config")).resolve(UNIX_NAME);
        };
    }

    static Path stateFor(String os, Map<String, String> env, String userHome, String home) {
        if (isSet(home)) {
            return Path.of(home, "state");
        }
        return switch (family(os)) {
            case WINDOWS -> windowsBase(env, "LOCALAPPDATA", userHome, "Local").resolve(DISPLAY_NAME);
            case MAC -> Path.of(userHome, "Library", "Logs", DISPLAY_NAME);
            case UNIX -> xdg(env, "XDG_STATE_HOME", Path.of(userHome, ".local", "state")).resolve(UNIX_NAME);
        };
    }

    private enum Family { WINDOWS, MAC, UNIX }

    private static Family family(String os) {
        String name = os == null ? "" : os.toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) {
            return Family.WINDOWS;
        }
        if (name.startsWith("mac") || name.startsWith("darwin")) {
            return Family.MAC;
        }
        return Family.UNIX;
    }

    /**
     * Returns the variable's folder, or the fallback when it is unset or relative: the XDG Base Directory
     * specification requires ignoring relative paths.
     */
    private static Path xdg(Map<String, String> env, String variable, Path fallback) {
        String value = env.get(variable);
        if (isSet(value) && Path.of(value).isAbsolute()) {
            return Path.of(value);
        }
        return fallback;
    }

    private static Path windowsBase(Map<String, String> env, String variable, String userHome, String folder) {
        String value = env.get(variable);
        if (isSet(value)) {
            return Path.of(value);
        }
        return Path.of(userHome, "AppData", folder);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static String osName() {
        return System.getProperty("os.name", "");
    }

    private static Path ensure(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder " + directory + ": " + e.getMessage()
                    + "; check its permissions or set -D" + HOME_PROPERTY + " to a writable folder", e);
        }
    }
}
