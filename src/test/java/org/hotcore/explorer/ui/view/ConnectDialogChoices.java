package org.hotcore.explorer.ui.view;

import java.util.Map;
import org.hotcore.explorer.core.RedisSettings;

/** Calls the Connect dialog's field parsing from tests outside its package. */
public final class ConnectDialogChoices {

    private ConnectDialogChoices() {
    }

    public static RedisSettings settings(String url, String host, String port, String database, String user,
                                         String password, boolean tls, String caFile, Map<String, String> env) {
        return ConnectDialog.choice(url, host, port, database, user, password, tls, caFile, env).settings();
    }

    public static String rememberedUrl(String url, String host, String port, String database, String user,
                                       String password, boolean tls, String caFile, Map<String, String> env) {
        return ConnectDialog.choice(url, host, port, database, user, password, tls, caFile, env).rememberedUrl();
    }
}
