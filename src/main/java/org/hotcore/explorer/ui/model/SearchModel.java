package org.hotcore.explorer.ui.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.hotcore.explorer.core.FindCursor;
import org.hotcore.explorer.core.FindQuery;
import org.hotcore.explorer.core.HotcoreStore;

/**
 * The search's view model: a query of {@code attribute=pattern} terms with hotcore's {@code find} semantics and its
 * results, read in pages. Call every method on the FX thread.
 */
public final class SearchModel {

    /** Results read per page, and per "Load more" action. */
    public static final int PAGE_SIZE = 100;

    /**
     * One result.
     *
     * @param id the uuid
     * @param label the name, else the uuid
     * @param type the {@code type} attribute, or null
     */
    public record Hit(String id, String label, String type) {

        @Override
        public String toString() {
            return label;
        }
    }

    private final Background background;
    private final StatusModel status;
    private final Supplier<HotcoreStore> store;

    private final ObservableList<Hit> results = FXCollections.observableArrayList();
    private final ObservableList<Hit> readOnlyResults = FXCollections.unmodifiableObservableList(results);
    private final ReadOnlyBooleanWrapper searching = new ReadOnlyBooleanWrapper(this, "searching");
    private final ReadOnlyBooleanWrapper hasMore = new ReadOnlyBooleanWrapper(this, "hasMore");
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(this, "active");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");

    /** Cursor of the running query; advanced only by the one page task running at a time. */
    private FindCursor cursor;
    private Task<?> pageTask;

    SearchModel(Background background, StatusModel status, Supplier<HotcoreStore> store) {
        this.background = background;
        this.status = status;
        this.store = store;
    }

    /** The results read so far; read-only. */
    public ObservableList<Hit> getResults() {
        return readOnlyResults;
    }

    /** True while a page of results is being read; false by default. */
    public ReadOnlyBooleanProperty searchingProperty() {
        return searching.getReadOnlyProperty();
    }

    public boolean isSearching() {
        return searching.get();
    }

    /** True while the query may have more results; false by default. */
    public ReadOnlyBooleanProperty hasMoreProperty() {
        return hasMore.getReadOnlyProperty();
    }

    /** True from a search until {@link #clear()}; false by default. */
    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    /** A line such as "12 results for name=A*"; empty by default. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /**
     * Starts a search. An invalid line is reported as a failure and reads nothing.
     *
     * @param line terms such as {@code type=project name=Project*}
     */
    public void search(String line) {
        clear();
        if (line == null || line.isBlank() || store.get() == null) {
            return;
        }
        FindQuery query;
        try {
            query = FindQuery.parseLine(line);
        } catch (IllegalArgumentException e) {
            status.failed("search", e);
            return;
        }
        cursor = store.get().find(query);
        active.set(true);
        nextPage();
    }

    /** Reads the next page of results. */
    public void nextPage() {
        HotcoreStore redis = store.get();
        if (cursor == null || cursor.complete() || searching.get() || redis == null) {
            return;
        }
        FindCursor current = cursor;
        searching.set(true);
        summary.set("Searching " + current.query() + "…");
        pageTask = background.submit("search " + current.query(), (progress, cancellation) -> {
                    List<String> ids = current.next(PAGE_SIZE);
                    List<Hit> hits = new ArrayList<>(ids.size());
                    for (String id : ids) {
                        if (cancellation.isCancelled()) {
                            break;
                        }
                        var entity = redis.summary(id);
                        hits.add(new Hit(id, entity.label(), entity.type()));
                    }
                    return hits;
                },
                hits -> {
                    pageTask = null;
                    searching.set(false);
                    if (current != cursor) {
                        return;
                    }
                    results.addAll(hits);
                    hasMore.set(!current.complete());
                    summary.set(results.size() + (current.complete() ? "" : "+") + " results for "
                            + current.query());
                },
                error -> {
                    pageTask = null;
                    searching.set(false);
                    summary.set("Search failed");
                    status.failed("search " + current.query(), error);
                });
    }

    /** Drops the query and its results. */
    public void clear() {
        if (pageTask != null) {
            pageTask.cancel();
            pageTask = null;
        }
        cursor = null;
        results.clear();
        searching.set(false);
        hasMore.set(false);
        active.set(false);
        summary.set("");
    }
}
