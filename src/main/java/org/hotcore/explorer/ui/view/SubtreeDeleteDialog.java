package org.hotcore.explorer.ui.view;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.GridPane;
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

    private static final double CONTENT_WIDTH = 460;
    private static final int NAME_LINES = 2;
    /** Height of a line of text as a multiple of the font size, an estimate with room to spare. */
    private static final double LINE_SPACING = 1.4;

    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final ButtonType delete = new ButtonType("Delete", ButtonBar.ButtonData.OK_DONE);
    private final ProgressIndicator counting = new ProgressIndicator();
    private final Label header = new Label();
    private final Label count = new Label();
    private final Label names = new Label();
    private final Button deleteButton;
    private SubtreeDeletes.Preview preview;
    private Runnable onConfirmed;

    /**
     * Builds the dialog once for {@code owner}, so that opening it later only binds it to a preview: building a
     * dialog's stage takes tens of milliseconds of the FX thread.
     */
    SubtreeDeleteDialog(Window owner) {
        dialog.initOwner(owner);
        dialog.setTitle("Delete subtree");
        // A header of its own, whose text changes in place: a new header text makes the dialog rebuild its header.
        header.setWrapText(true);
        GridPane headerPanel = new GridPane();
        headerPanel.getStyleClass().add("header-panel");
        headerPanel.add(header, 0, 0);
        dialog.getDialogPane().setHeader(headerPanel);
        counting.setPrefSize(16, 16);
        counting.managedProperty().bind(counting.visibleProperty());
        count.setId(COUNT_ID);
        names.setId(NAMES_ID);
        names.setWrapText(true);
        names.setPrefWidth(CONTENT_WIDTH);
        VBox content = new VBox(10, new HBox(8, counting, count), names);
        content.setPrefWidth(CONTENT_WIDTH);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().addAll(delete, ButtonType.CANCEL);
        deleteButton = (Button) dialog.getDialogPane().lookupButton(delete);
        deleteButton.setId(DELETE_BUTTON_ID);
        deleteButton.getStyleClass().add("danger");
        // The button bar fixes the width of uniform buttons when it lays them out, before the count names the
        // entities in this button's text.
        ButtonBar.setButtonUniformSize(deleteButton, false);
        // Cancel is the default button, so Enter does not delete by accident.
        ((Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        deleteButton.setDefaultButton(false);
        // Styled and laid out now, spinner included, so that showing it costs the FX thread little.
        dialog.getDialogPane().applyCss();
        // Two lines for the names from the start: the window keeps the size it opens with, and the list grows
        // by "and N more" when the count ends.
        names.setMinHeight(Math.ceil(names.getFont().getSize() * NAME_LINES * LINE_SPACING));
        dialog.getDialogPane().autosize();
        dialog.getDialogPane().layout();
        dialog.setOnHidden(event -> {
            SubtreeDeletes.Preview closed = preview;
            Runnable confirmed = onConfirmed;
            boolean chosen = dialog.getResult() == delete;
            unbind();
            closed.cancel();
            if (chosen) {
                confirmed.run();
            }
        });
    }

    /** Opens the dialog for {@code counted}; {@code confirmed} runs when the user chose to delete. */
    void show(SubtreeDeletes.Preview counted, Runnable confirmed) {
        if (dialog.isShowing()) {
            counted.cancel();
            return;
        }
        preview = counted;
        onConfirmed = confirmed;
        dialog.setResult(null);
        header.setText("Delete " + counted.node().labelBinding().get() + " with its whole subtree?");
        counting.visibleProperty().bind(counted.completeProperty().not().and(counted.failureProperty().isEmpty()));
        count.textProperty().bind(Bindings.createStringBinding(() -> {
            if (!counted.failureProperty().get().isEmpty()) {
                return counted.failureProperty().get();
            }
            String number = String.format(Locale.ROOT, "%,d", counted.getCounted());
            return counted.isComplete() ? number + " entities will be deleted, in batches that can be cancelled."
                    : "Counting the entities… " + number + " so far";
        }, counted.countedProperty(), counted.completeProperty(), counted.failureProperty()));
        names.textProperty().bind(Bindings.createStringBinding(() -> {
            String listed = String.join(", ", counted.getNames());
            long rest = counted.getCounted() - counted.getNames().size();
            return counted.isComplete() && rest > 0 ? listed + " and " + String.format(Locale.ROOT, "%,d", rest)
                    + " more" : listed;
        }, counted.getNames(), counted.countedProperty(), counted.completeProperty()));
        deleteButton.disableProperty().bind(counted.completeProperty().not());
        deleteButton.textProperty().bind(Bindings.createStringBinding(() -> counted.isComplete()
                ? "Delete " + String.format(Locale.ROOT, "%,d", counted.getCounted()) + " entities" : "Delete",
                counted.completeProperty(), counted.countedProperty()));
        dialog.show();
    }

    /** Releases the bindings to the last preview, so it can be collected. */
    private void unbind() {
        counting.visibleProperty().unbind();
        count.textProperty().unbind();
        names.textProperty().unbind();
        deleteButton.disableProperty().unbind();
        deleteButton.textProperty().unbind();
        preview = null;
        onConfirmed = null;
    }
}
