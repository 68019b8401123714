package org.hotcore.explorer.ui.view;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.hotcore.explorer.ui.model.SubtreeDeletes;

/**
 * Confirms a subtree delete. It shows how many entities will go, counted in the background while the dialog is open,
 * and the first few names. The delete button is enabled once the count is complete, and closing the dialog stops
 * the count.
 */
final class SubtreeDeleteDialog {

    public static final String COUNT_ID = "subtreeDeleteCount";
    public static final String NAMES_ID = "subtreeDeleteNames";
    public static final String DELETE_BUTTON_ID = "subtreeDeleteButton";

    private SubtreeDeleteDialog() {
    }

    /** Opens the dialog; {@code onConfirmed} runs when the user chose to delete. */
    static void show(Window owner, SubtreeDeletes.Preview preview, Runnable onConfirmed) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Delete subtree");
        dialog.setHeaderText("Delete " + preview.node().labelBinding().get() + " with its whole subtree?");

        ProgressIndicator counting = new ProgressIndicator();
        counting.setPrefSize(16, 16);
        counting.visibleProperty().bind(preview.completeProperty().not()
                .and(preview.failureProperty().isEmpty()));
        counting.managedProperty().bind(counting.visibleProperty());
        Label count = new Label();
        count.setId(COUNT_ID);
        count.textProperty().bind(Bindings.createStringBinding(() -> {
            if (!preview.failureProperty().get().isEmpty()) {
                return preview.failureProperty().get();
            }
            String number = String.format(Locale.ROOT, "%,d", preview.getCounted());
            return preview.isComplete() ? number + " entities will be deleted, in batches that can be cancelled."
                    : "Counting the entities… " + number + " so far";
        }, preview.countedProperty(), preview.completeProperty(), preview.failureProperty()));
        Label names = new Label();
        names.setId(NAMES_ID);
        names.setWrapText(true);
        names.textProperty().bind(Bindings.createStringBinding(() -> {
            String listed = String.join(", ", preview.getNames());
            long rest = preview.getCounted() - preview.getNames().size();
            return preview.isComplete() && rest > 0 ? listed + " and " + String.format(Locale.ROOT, "%,d", rest)
                    + " more" : listed;
        }, preview.getNames(), preview.countedProperty(), preview.completeProperty()));

        VBox content = new VBox(10, new HBox(8, counting, count), names);
        content.setPrefWidth(460);
        dialog.getDialogPane().setContent(content);
        ButtonType delete = new ButtonType("Delete", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(delete, ButtonType.CANCEL);
        Button deleteButton = (Button) dialog.getDialogPane().lookupButton(delete);
        deleteButton.setId(DELETE_BUTTON_ID);
        deleteButton.getStyleClass().add("danger");
        deleteButton.disableProperty().bind(preview.completeProperty().not());
        deleteButton.textProperty().bind(Bindings.createStringBinding(() -> preview.isComplete()
                ? "Delete " + String.format(Locale.ROOT, "%,d", preview.getCounted()) + " entities" : "Delete",
                preview.completeProperty(), preview.countedProperty()));
        // Cancel is the default button, so Enter does not delete by accident.
        ((Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        deleteButton.setDefaultButton(false);

        dialog.setOnHidden(event -> {
            preview.cancel();
            if (dialog.getResult() == delete) {
                onConfirmed.run();
            }
        });
        dialog.show();
    }
}
