package org.hotcore.explorer.ui.view;

import java.util.ArrayList;
import java.util.List;

/** Preferences the window keeps between runs: the theme and recent connections, never a password. */
public interface WindowPreferences {

    boolean isDarkTheme();

    void setDarkTheme(boolean dark);

    /** Recent connection URLs without passwords, most recent first. */
    List<String> recentConnections();

    /**
     * Remembers a connection.
     *
     * @param urlWithoutPassword the URL; the caller removes the password
     * @param caFile the PEM file of trusted CA certificates, or null
     */
    void rememberConnection(String urlWithoutPassword, String caFile);

    /** Preferences kept in memory only, for tests and for runs whose settings cannot be saved. */
    static WindowPreferences inMemory() {
        return new WindowPreferences() {
            private boolean dark;
            private final List<String> recent = new ArrayList<>();

            @Override
            public boolean isDarkTheme() {
                return dark;
            }

            @Override
            public void setDarkTheme(boolean value) {
                dark = value;
            }

            @Override
            public List<String> recentConnections() {
                return List.copyOf(recent);
            }

            @Override
            public void rememberConnection(String url, String caFile) {
                recent.remove(url);
                recent.addFirst(url);
            }
        };
    }
}
