package org.hotcore.explorer.ui.view;

import java.nio.file.Path;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/** Help › About: the versions of the program, Java, JavaFX and the Redis server, and the log file. */
public final class AboutDialog {

    public static final String TEXT_ID = "aboutText";

    private AboutDialog() {
    }

    /** Returns the program's version from the jar manifest, or "development build" when run from classes. */
    public static String programVersion() {
        String version = AboutDialog.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }

    /** Builds the text; {@code redisVersion} and {@code logFile} may be null when unknown. */
    public static String text(String redisVersion, Path logFile) {
        return "HotCore Explorer " + programVersion() + "\n"
                + "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")\n"
                + "JavaFX " + System.getProperty("javafx.runtime.version", "unknown") + "\n"
                + "Redis server " + (redisVersion == null ? "not connected" : redisVersion) + "\n"
                + "Log file " + (logFile == null ? "none (logging to the console)" : logFile.toString());
    }

    /** Builds the dialog; the caller shows it. */
    public static Alert create(Window owner, String text) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(owner);
        alert.setTitle("About HotCore Explorer");
        alert.setHeaderText("HotCore Explorer");
        TextArea area = new TextArea(text);
        area.setId(TEXT_ID);
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefRowCount(6);
        alert.getDialogPane().setContent(area);
        alert.getDialogPane().setPrefWidth(560);
        return alert;
    }
}
