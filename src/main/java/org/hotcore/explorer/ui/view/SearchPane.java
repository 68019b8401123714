package org.hotcore.explorer.ui.view;

import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.hotcore.explorer.ui.model.SearchModel;

/**
 * The search box with its result list. Enter runs the query; choosing a result, by click or Enter, passes its id to
 * {@code onChoose}; Escape clears the search.
 */
public final class SearchPane {

    public static final String FIELD_ID = "searchField";
    public static final String RESULTS_ID = "searchResults";
    public static final String SUMMARY_ID = "searchSummary";
    public static final String LOAD_MORE_ID = "loadMoreResults";

    private final VBox root = new VBox(6);
    private final TextField field = new TextField();
    private final ListView<SearchModel.Hit> results = new ListView<>();

    public SearchPane(SearchModel model, Consumer<String> onChoose) {
        root.getStyleClass().add(StyleClasses.SEARCH);
        root.getStylesheets().add(Stylesheets.SEARCH);

        field.setId(FIELD_ID);
        field.setPromptText("Search: name=Alice type=user name=Pro*  (Ctrl+F)");
        field.setTooltip(new Tooltip("Terms attribute=pattern, all must match; *, ? and [ make a glob"));
        field.setOnAction(event -> model.search(field.getText()));
        field.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ESCAPE) {
                field.clear();
                model.clear();
            } else if (event.getCode() == KeyCode.DOWN && !results.getItems().isEmpty()) {
                results.requestFocus();
                results.getSelectionModel().selectFirst();
            }
        });

        results.setId(RESULTS_ID);
        results.getStyleClass().add(StyleClasses.SEARCH_RESULTS);
        results.setItems(model.getResults());
        results.setPrefHeight(180);
        results.setPlaceholder(new Label("No results"));
        results.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(SearchModel.Hit hit, boolean empty) {
                super.updateItem(hit, empty);
                setText(empty || hit == null ? null : hit.type() == null ? hit.label()
                        : hit.label() + "  ·  " + hit.type());
            }
        });
        results.setOnMouseClicked(event -> {
            SearchModel.Hit hit = results.getSelectionModel().getSelectedItem();
            if (event.getButton() == MouseButton.PRIMARY && hit != null) {
                onChoose.accept(hit.id());
            }
        });
        results.setOnKeyPressed(event -> {
            SearchModel.Hit hit = results.getSelectionModel().getSelectedItem();
            if (event.getCode() == KeyCode.ENTER && hit != null) {
                onChoose.accept(hit.id());
                event.consume();
            }
        });

        Label summary = new Label();
        summary.setId(SUMMARY_ID);
        summary.textProperty().bind(model.summaryProperty());
        HBox.setHgrow(summary, Priority.ALWAYS);
        summary.setMaxWidth(Double.MAX_VALUE);
        Button more = new Button("Load more");
        more.setId(LOAD_MORE_ID);
        more.visibleProperty().bind(model.hasMoreProperty());
        more.disableProperty().bind(model.searchingProperty());
        more.setOnAction(event -> model.nextPage());
        HBox footer = new HBox(6, summary, more);
        footer.setAlignment(Pos.CENTER_LEFT);

        VBox resultBox = new VBox(4, results, footer);
        resultBox.visibleProperty().bind(model.activeProperty());
        resultBox.managedProperty().bind(resultBox.visibleProperty());
        root.getChildren().addAll(field, resultBox);
    }

    public VBox view() {
        return root;
    }

    public TextField field() {
        return field;
    }
}
