package org.hotcore.explorer.ui.view;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.hotcore.explorer.core.RedisSettings;

/**
 * Asks where to connect: a URL, or host, port, database, user and password, with TLS and an optional CA file.
 * A password missing from both is read from REDISCLI_AUTH or REDIS_PASSWORD.
 */
public final class ConnectDialog {

    /**
     * The chosen connection.
     *
     * @param settings the settings to connect with, password included
     * @param rememberedUrl the URL to remember, without its password
     */
    public record Choice(RedisSettings settings, String rememberedUrl) {
    }

    private ConnectDialog() {
    }

    /** Shows the dialog and waits; empty when cancelled. Invalid input is reported by {@code onInvalid}. */
    public static Optional<Choice> show(Window owner, List<String> recent, Map<String, String> environment,
                                        java.util.function.Consumer<IllegalArgumentException> onInvalid) {
        Dialog<Choice> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Connect to Redis");
        dialog.setHeaderText("Give a URL, or the host and port. Leave the password empty to use REDISCLI_AUTH or"
                + " REDIS_PASSWORD.");

        ComboBox<String> url = new ComboBox<>();
        url.setId("connectUrl");
        url.setEditable(true);
        url.getItems().setAll(recent);
        url.setPromptText("redis://127.0.0.1:6379/0");
        url.setMaxWidth(Double.MAX_VALUE);
        TextField host = new TextField();
        host.setPromptText("127.0.0.1");
        TextField port = new TextField();
        port.setPromptText(String.valueOf(RedisSettings.DEFAULT_PORT));
        TextField database = new TextField();
        database.setPromptText("0");
        TextField user = new TextField();
        user.setPromptText("default");
        PasswordField password = new PasswordField();
        CheckBox tls = new CheckBox("TLS (rediss://)");
        TextField caFile = new TextField();
        caFile.setPromptText("PEM file of trusted CA certificates (optional)");
        HBox.setHgrow(caFile, Priority.ALWAYS);
        Button browse = new Button("Browse…");
        browse.setOnAction(event -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("CA certificates");
            File file = chooser.showOpenDialog(dialog.getDialogPane().getScene().getWindow());
            if (file != null) {
                caFile.setText(file.getPath());
            }
        });

        GridPane grid = new GridPane(8, 8);
        grid.addRow(0, new Label("URL"), url);
        grid.addRow(1, new Label("or host"), host);
        grid.addRow(2, new Label("port"), port);
        grid.addRow(3, new Label("database"), database);
        grid.addRow(4, new Label("user"), user);
        grid.addRow(5, new Label("password"), password);
        grid.addRow(6, new Label(""), tls);
        grid.addRow(7, new Label("CA file"), new HBox(6, caFile, browse));
        GridPane.setHgrow(url, Priority.ALWAYS);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().setPrefWidth(560);

        ButtonType connect = new ButtonType("Connect", ButtonType.OK.getButtonData());
        dialog.getDialogPane().getButtonTypes().addAll(connect, ButtonType.CANCEL);
        dialog.setResultConverter(button -> {
            if (button != connect) {
                return null;
            }
            try {
                return choice(text(url.getEditor().getText()), text(host.getText()), text(port.getText()),
                        text(database.getText()), text(user.getText()), text(password.getText()), tls.isSelected(),
                        text(caFile.getText()), environment);
            } catch (IllegalArgumentException e) {
                onInvalid.accept(e);
                return null;
            }
        });
        return dialog.showAndWait();
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Builds the settings from the dialog's fields; fields given next to a URL override its parts. */
    static Choice choice(String url, String host, String port, String database, String user, String password,
                         boolean tls, String caFile, Map<String, String> environment) {
        RedisSettings.Builder builder = url != null ? RedisSettings.parse(url)
                : RedisSettings.parse("redis://" + (host == null ? "127.0.0.1" : host));
        if (url == null || host != null) {
            if (host != null) {
                builder.host(host);
            }
        }
        if (port != null) {
            builder.port(parseNumber(port, "port"));
        }
        if (database != null) {
            builder.database(parseNumber(database, "database"));
        }
        if (user != null) {
            builder.user(user);
        }
        if (password != null) {
            builder.password(password);
        }
        if (tls) {
            builder.tls(true);
        }
        if (caFile != null) {
            builder.tlsOptions(new RedisSettings.TlsOptions(Path.of(caFile), null, null, null, true));
        }
        RedisSettings settings = builder.build().withPasswordFrom(environment);
        return new Choice(settings, urlWithoutPassword(settings));
    }

    /**
     * Returns {@code redis[s]://[user:@]host:port/db} without the password. The colon keeps the user a user when the
     * URL is parsed again, because a lone user-info part is read as a password.
     */
    static String urlWithoutPassword(RedisSettings settings) {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return (settings.tls() ? "rediss://" : "redis://") + (settings.user() == null ? "" : settings.user() + ":@")
                + host + ":" + settings.port() + "/" + settings.database();
    }

    private static int parseNumber(String text, String what) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid " + what + " '" + text + "': give a whole number", e);
        }
    }
}
