package org.hotcore.explorer.ui.view;

import java.net.URL;
import java.util.Objects;

/** The stylesheets of the explorer: a shared base and one per view. */
public final class Stylesheets {

    public static final String BASE = url("base.css");
    public static final String TREE = url("tree.css");
    public static final String DETAILS = url("details.css");
    public static final String SEARCH = url("search.css");
    public static final String STATUS = url("status.css");
    public static final String JOBS = url("jobs.css");

    private Stylesheets() {
    }

    private static String url(String name) {
        URL resource = Stylesheets.class.getResource("/org/hotcore/explorer/ui/" + name);
        return Objects.requireNonNull(resource, "missing stylesheet " + name).toExternalForm();
    }
}
