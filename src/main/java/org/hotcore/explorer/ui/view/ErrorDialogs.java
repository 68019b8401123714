package org.hotcore.explorer.ui.view;

import java.io.PrintWriter;
import java.io.StringWriter;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Alerts that show an error with its stack trace as expandable details. */
public final class ErrorDialogs {

    public static final String DETAILS_ID = "errorDetailsText";

    private ErrorDialogs() {
    }

    /** Builds an error alert; the caller shows it. */
    public static Alert create(Window owner, String header, Throwable error) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.setTitle("HotCore Explorer");
        alert.setHeaderText(header);
        alert.setContentText(error.getMessage() == null ? error.getClass().getName() : error.getMessage());
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        TextArea details = new TextArea(trace.toString());
        details.setId(DETAILS_ID);
        details.setEditable(false);
        details.setWrapText(false);
        details.setPrefRowCount(16);
        VBox.setVgrow(details, Priority.ALWAYS);
        alert.getDialogPane().setExpandableContent(new VBox(details));
        alert.getDialogPane().setPrefWidth(640);
        alert.setResizable(true);
        return alert;
    }
}
