package org.hotcore.explorer.ui.view;

import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.converter.DefaultStringConverter;
import org.hotcore.explorer.ui.model.AttributeRow;
import org.hotcore.explorer.ui.model.DetailsModel;
import org.hotcore.explorer.ui.model.PathStep;

/**
 * The selected entity: its uuid, parent, path as a breadcrumb and an editable attribute table. Edits are forwarded
 * to the {@link DetailsModel}; clicking a breadcrumb step or the parent passes that id to {@code onNavigate}.
 */
public final class DetailsPane {

    public static final String UUID_FIELD_ID = "uuidField";
    public static final String PARENT_LINK_ID = "parentLink";
    public static final String BREADCRUMB_ID = "breadcrumb";
    public static final String TABLE_ID = "attributeTable";
    public static final String LOAD_MORE_FIELDS_ID = "loadMoreFields";
    public static final String NEW_NAME_ID = "newAttributeName";
    public static final String NEW_VALUE_ID = "newAttributeValue";
    public static final String ADD_ID = "addAttribute";
    public static final String REMOVE_ID = "removeAttribute";
    public static final String SHOW_VALUE_ID = "showValue";
    public static final String BUSY_ID = "detailsBusy";

    private final DetailsModel model;
    private final Consumer<String> onNavigate;
    private final StackPane root = new StackPane();
    private final Label title = new Label("Nothing selected");
    private final TextField uuidField = new TextField();
    private final Hyperlink parentLink = new Hyperlink();
    private final FlowPane breadcrumb = new FlowPane(4, 2);
    private final TableView<AttributeRow> table = new TableView<>();
    private final TableColumn<AttributeRow, String> valueColumn = new TableColumn<>("Value");

    public DetailsPane(DetailsModel model, Consumer<String> onNavigate) {
        this.model = model;
        this.onNavigate = onNavigate;
        root.getStyleClass().add(StyleClasses.DETAILS);
        root.getStylesheets().add(Stylesheets.DETAILS);

        VBox content = new VBox(10, header(), table, fieldFooter(), editor());
        content.setPadding(new Insets(12));
        VBox.setVgrow(table, Priority.ALWAYS);
        content.disableProperty().bind(model.idProperty().isNull());

        ProgressIndicator busy = new ProgressIndicator();
        busy.setId(BUSY_ID);
        busy.setMaxSize(40, 40);
        busy.visibleProperty().bind(model.loadingProperty().or(model.savingProperty()));
        StackPane.setAlignment(busy, Pos.TOP_RIGHT);
        StackPane.setMargin(busy, new Insets(12));
        root.getChildren().addAll(content, busy);

        configureTable();
        model.idProperty().subscribe(id -> {
            uuidField.setText(id == null ? "" : id);
            title.setText(id == null ? "Nothing selected" : id);
        });
        model.getPath().subscribe(() -> {
            updatePath();
            if (!model.getPath().isEmpty()) {
                title.setText(model.getPath().getLast().label());
            }
        });
    }

    public StackPane view() {
        return root;
    }

    public TableView<AttributeRow> table() {
        return table;
    }

    private VBox header() {
        title.getStyleClass().add(StyleClasses.DETAILS_TITLE);
        title.setWrapText(true);

        uuidField.setId(UUID_FIELD_ID);
        uuidField.setEditable(false);
        HBox.setHgrow(uuidField, Priority.ALWAYS);
        Button copy = new Button("Copy");
        copy.setTooltip(new Tooltip("Copy the uuid to the clipboard"));
        copy.setOnAction(event -> {
            ClipboardContent text = new ClipboardContent();
            text.putString(uuidField.getText());
            Clipboard.getSystemClipboard().setContent(text);
        });

        parentLink.setId(PARENT_LINK_ID);
        parentLink.textProperty().bind(Bindings.createStringBinding(() -> {
            String parent = model.getParentId();
            return parent == null ? "" : parent;
        }, model.parentIdProperty()));
        parentLink.setOnAction(event -> {
            if (model.getParentId() != null) {
                onNavigate.accept(model.getParentId());
            }
        });

        breadcrumb.setId(BREADCRUMB_ID);
        breadcrumb.getStyleClass().add(StyleClasses.BREADCRUMB);

        Label children = new Label();
        children.textProperty().bind(Bindings.createStringBinding(() -> model.getId() == null ? ""
                : model.topLevelProperty().get()
                ? "Top-level id (not an entity) with " + model.childCountProperty().get() + " children"
                : model.childCountProperty().get() + " children, " + model.totalFieldsProperty().get()
                + " attributes", model.idProperty(), model.topLevelProperty(), model.childCountProperty(),
                model.totalFieldsProperty()));

        GridPane grid = new GridPane(8, 6);
        grid.addRow(0, fieldLabel("uuid"), new HBox(6, uuidField, copy));
        grid.addRow(1, fieldLabel("parent"), parentLink);
        grid.addRow(2, fieldLabel("path"), breadcrumb);
        grid.addRow(3, fieldLabel("contents"), children);
        GridPane.setHgrow(breadcrumb, Priority.ALWAYS);
        return new VBox(8, title, grid);
    }

    private static Label fieldLabel(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(StyleClasses.FIELD_LABEL);
        return label;
    }

    private void updatePath() {
        breadcrumb.getChildren().clear();
        for (int i = 0; i < model.getPath().size(); i++) {
            PathStep step = model.getPath().get(i);
            if (i > 0) {
                Label separator = new Label("›");
                separator.getStyleClass().add(StyleClasses.BREADCRUMB_SEPARATOR);
                breadcrumb.getChildren().add(separator);
            }
            if (step.isGap()) {
                breadcrumb.getChildren().add(new Label(step.label()));
                continue;
            }
            Hyperlink link = new Hyperlink(step.label());
            link.setTooltip(new Tooltip(step.id()));
            link.setOnAction(event -> onNavigate.accept(step.id()));
            breadcrumb.getChildren().add(link);
        }
    }

    private void configureTable() {
        table.setId(TABLE_ID);
        table.getStyleClass().add(StyleClasses.ATTRIBUTE_TABLE);
        table.setEditable(true);
        table.setItems(model.getAttributes());
        table.setPlaceholder(new Label("No attributes"));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);

        TableColumn<AttributeRow, String> nameColumn = new TableColumn<>("Attribute");
        nameColumn.setCellValueFactory(cell -> cell.getValue().valueProperty().map(value -> cell.getValue()
                .displayName()));
        nameColumn.setEditable(false);
        nameColumn.setPrefWidth(180);

        valueColumn.setCellValueFactory(cell -> cell.getValue().valueProperty().map(value -> cell.getValue()
                .displayValue()));
        valueColumn.setCellFactory(column -> new ValueCell());
        valueColumn.setOnEditCommit(event -> model.editValue(event.getRowValue(), event.getNewValue()));
        // The value column takes the width the name column leaves, less room for the vertical scroll bar.
        valueColumn.prefWidthProperty().bind(table.widthProperty().subtract(nameColumn.widthProperty()).subtract(18));
        table.getColumns().setAll(java.util.List.of(nameColumn, valueColumn));

        table.setOnKeyPressed(event -> {
            if ((event.getCode() == KeyCode.ENTER || event.getCode() == KeyCode.F2) && table.getEditingCell() == null) {
                editSelected();
                event.consume();
            } else if (event.getCode() == KeyCode.DELETE && table.getEditingCell() == null) {
                removeSelected();
                event.consume();
            }
        });
    }

    /** Starts editing the value of the selected attribute; a large value opens in a window. */
    public void editSelected() {
        int row = table.getSelectionModel().getSelectedIndex();
        if (row < 0 && !table.getItems().isEmpty()) {
            row = 0;
            table.getSelectionModel().select(0);
        }
        if (row < 0) {
            return;
        }
        AttributeRow selected = table.getItems().get(row);
        if (selected.isLarge()) {
            showValue(selected);
        } else {
            table.requestFocus();
            table.edit(row, valueColumn);
        }
    }

    private void removeSelected() {
        AttributeRow selected = table.getSelectionModel().getSelectedItem();
        if (selected != null) {
            model.removeAttribute(selected);
        }
    }

    private HBox fieldFooter() {
        Button loadMore = new Button();
        loadMore.setId(LOAD_MORE_FIELDS_ID);
        loadMore.textProperty().bind(Bindings.createStringBinding(() -> "Load more fields ("
                + Math.max(0, model.totalFieldsProperty().get() - model.getAttributes().size()) + " left)",
                model.totalFieldsProperty(), model.getAttributes()));
        loadMore.visibleProperty().bind(model.hasMoreFieldsProperty());
        loadMore.managedProperty().bind(loadMore.visibleProperty());
        loadMore.setOnAction(event -> model.loadMoreFields());

        Button showValue = new Button("Show value");
        showValue.setId(SHOW_VALUE_ID);
        showValue.setTooltip(new Tooltip("Show and edit the whole value of the selected attribute"));
        showValue.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        showValue.setOnAction(event -> showValue(table.getSelectionModel().getSelectedItem()));

        Button remove = new Button("Remove");
        remove.setId(REMOVE_ID);
        remove.setTooltip(new Tooltip("Remove the selected attribute (Delete)"));
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull()
                .or(model.savingProperty()));
        remove.setOnAction(event -> removeSelected());

        HBox footer = new HBox(8, loadMore, showValue, remove);
        footer.setAlignment(Pos.CENTER_LEFT);
        return footer;
    }

    private HBox editor() {
        TextField name = new TextField();
        name.setId(NEW_NAME_ID);
        name.setPromptText("attribute");
        TextField value = new TextField();
        value.setId(NEW_VALUE_ID);
        value.setPromptText("value (\\xHH for raw bytes)");
        HBox.setHgrow(value, Priority.ALWAYS);
        Button add = new Button("Set");
        add.setId(ADD_ID);
        add.setTooltip(new Tooltip("Add the attribute, or set it when it exists"));
        add.setDefaultButton(false);
        add.disableProperty().bind(name.textProperty().isEmpty().or(model.savingProperty())
                .or(model.topLevelProperty()));
        Runnable submit = () -> {
            if (!name.getText().isBlank()) {
                model.setAttribute(name.getText(), value.getText());
                name.clear();
                value.clear();
                name.requestFocus();
            }
        };
        add.setOnAction(event -> submit.run());
        value.setOnAction(event -> submit.run());
        HBox editor = new HBox(8, name, value, add);
        editor.setAlignment(Pos.CENTER_LEFT);
        editor.disableProperty().bind(model.topLevelProperty());
        return editor;
    }

    /** Opens the whole value in a window, where it can also be edited. */
    private void showValue(AttributeRow row) {
        if (row == null) {
            return;
        }
        Dialog<String> dialog = new Dialog<>();
        dialog.initOwner(root.getScene() == null ? null : root.getScene().getWindow());
        dialog.setTitle("Value of " + row.displayName());
        dialog.setHeaderText(row.displayName() + " (" + row.getValue().length() + " bytes"
                + (row.getValue().isUtf8() ? ")" : ", not UTF-8: other bytes are shown as \\xHH)"));
        TextArea area = new TextArea(row.fullValue());
        area.setWrapText(true);
        area.setPrefSize(720, 420);
        area.setId("valueEditor");
        dialog.getDialogPane().setContent(area);
        ButtonType save = new ButtonType("Save", ButtonType.OK.getButtonData());
        dialog.getDialogPane().getButtonTypes().addAll(save, ButtonType.CLOSE);
        dialog.setResultConverter(button -> button == save ? area.getText() : null);
        dialog.setResizable(true);
        dialog.showAndWait().ifPresent(text -> model.editValue(row, text));
    }

    /** A value cell: editable in place unless the value is large, which opens in a window instead. */
    private final class ValueCell extends TextFieldTableCell<AttributeRow, String> {

        ValueCell() {
            super(new DefaultStringConverter());
        }

        @Override
        public void startEdit() {
            AttributeRow row = getTableRow() == null ? null : getTableRow().getItem();
            if (row != null && row.isLarge()) {
                showValue(row);
                return;
            }
            super.startEdit();
            if (row != null && getGraphic() instanceof TextField field) {
                field.setText(row.fullValue());
            }
        }

        @Override
        public void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            AttributeRow row = getTableRow() == null ? null : getTableRow().getItem();
            boolean large = !empty && row != null && row.isLarge();
            pseudoClassStateChanged(StyleClasses.LARGE, large);
            boolean escaped = !empty && row != null && !row.getValue().isUtf8();
            if (escaped) {
                if (!getStyleClass().contains(StyleClasses.ESCAPED_VALUE)) {
                    getStyleClass().add(StyleClasses.ESCAPED_VALUE);
                }
            } else {
                getStyleClass().remove(StyleClasses.ESCAPED_VALUE);
            }
            setTooltip(large ? new Tooltip("Large value: press Enter or Show value to see all of it") : null);
        }
    }
}
