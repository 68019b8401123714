package org.hotcore.explorer.ui.monitor;

import java.net.URL;
import java.util.Objects;

/** The stylesheet of the monitor pane and its status bar summary. */
final class MonitorStyles {

    static final String MONITOR = url("monitor.css");

    private MonitorStyles() {
    }

    private static String url(String name) {
        URL resource = MonitorStyles.class.getResource("/org/hotcore/explorer/ui/" + name);
        return Objects.requireNonNull(resource, "missing stylesheet " + name).toExternalForm();
    }
}
