package org.hotcore.explorer.ui.view;

import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;

/**
 * Styles a dialog that is never shown, so that the first dialog the user opens does not stall the FX thread while
 * JavaFX loads and styles the dialog, button bar and progress classes for the first time.
 */
public final class DialogWarmup {

    private DialogWarmup() {
    }

    /** Builds and styles a throwaway dialog; call on the FX thread before the main window shows. */
    public static void run() {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setHeaderText("warm-up");
        dialog.getDialogPane().setContent(new HBox(new ProgressIndicator(), new Label("warm-up")));
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().applyCss();
        dialog.getDialogPane().layout();
    }
}
