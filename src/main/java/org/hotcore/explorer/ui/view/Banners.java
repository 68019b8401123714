package org.hotcore.explorer.ui.view;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.hotcore.explorer.ui.model.StatusModel;

/**
 * The banners above the panes: "connection lost" with a Reconnect action, and the last failure with its details.
 */
public final class Banners {

    public static final String CONNECTION_BANNER_ID = "connectionBanner";
    public static final String RECONNECT_ID = "reconnectButton";
    public static final String ERROR_BANNER_ID = "errorBanner";
    public static final String ERROR_MESSAGE_ID = "errorMessage";
    public static final String ERROR_DETAILS_ID = "errorDetailsButton";
    public static final String DISMISS_ID = "dismissError";

    private final VBox root = new VBox();

    /**
     * Creates the banners.
     *
     * @param onReconnect runs when the user asks to reconnect
     * @param onDetails runs when the user asks for the details of the failure shown
     */
    public Banners(StatusModel status, Runnable onReconnect, Runnable onDetails) {
        Label lost = new Label("The connection to Redis was lost. The tree shows what was loaded before.");
        lost.setWrapText(true);
        HBox.setHgrow(lost, Priority.ALWAYS);
        lost.setMaxWidth(Double.MAX_VALUE);
        Button reconnect = new Button("Reconnect");
        reconnect.setId(RECONNECT_ID);
        reconnect.setOnAction(event -> onReconnect.run());
        HBox connection = banner(CONNECTION_BANNER_ID, StyleClasses.BANNER_DANGER, lost, reconnect);
        connection.visibleProperty().bind(status.connectionLostProperty());
        connection.managedProperty().bind(connection.visibleProperty());

        Label message = new Label();
        message.setId(ERROR_MESSAGE_ID);
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        message.textProperty().bind(Bindings.createStringBinding(() -> status.getFailure() == null ? ""
                : status.getFailure().message(), status.failureProperty()));
        Button details = new Button("Details");
        details.setId(ERROR_DETAILS_ID);
        details.setOnAction(event -> onDetails.run());
        Button dismiss = new Button("Dismiss");
        dismiss.setId(DISMISS_ID);
        dismiss.setOnAction(event -> status.dismissFailure());
        HBox error = banner(ERROR_BANNER_ID, StyleClasses.BANNER_WARNING, message, details, dismiss);
        error.visibleProperty().bind(status.failureProperty().isNotNull());
        error.managedProperty().bind(error.visibleProperty());

        root.getChildren().addAll(connection, error);
    }

    private static HBox banner(String id, String styleClass, javafx.scene.Node... children) {
        HBox banner = new HBox(8, children);
        for (javafx.scene.Node child : children) {
            if (child instanceof Button button) {
                button.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        banner.setId(id);
        banner.getStyleClass().addAll(StyleClasses.BANNER, styleClass);
        banner.setAlignment(Pos.CENTER_LEFT);
        return banner;
    }

    public VBox view() {
        return root;
    }
}
