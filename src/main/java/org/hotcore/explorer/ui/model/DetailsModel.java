package org.hotcore.explorer.ui.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.hotcore.explorer.core.AttributePage;
import org.hotcore.explorer.core.Bytes;
import org.hotcore.explorer.core.ChildSummary;
import org.hotcore.explorer.core.HotcoreStore;

/**
 * The details pane's view model: the selected entity's id, parent, path and attributes. Attributes load by HSCAN
 * pages; edits go through the store's {@code apply}, which only sends the changed attribute. Call every method on
 * the FX thread.
 */
public final class DetailsModel {

    /** Fields read per HSCAN page, and per "Load more fields" action. */
    public static final int FIELD_PAGE_SIZE = 500;

    /** Steps the breadcrumb shows above the selection at most; the levels between them and the top are counted. */
    public static final int PATH_STEPS = 10;

    private final Background background;
    private final StatusModel status;
    private final Supplier<HotcoreStore> store;
    private Consumer<String> onEntityChanged = id -> { };

    private final ReadOnlyStringWrapper id = new ReadOnlyStringWrapper(this, "id");
    private final ReadOnlyStringWrapper parentId = new ReadOnlyStringWrapper(this, "parentId");
    private final ReadOnlyBooleanWrapper topLevel = new ReadOnlyBooleanWrapper(this, "topLevel");
    private final ReadOnlyLongWrapper childCount = new ReadOnlyLongWrapper(this, "childCount");
    private final ReadOnlyLongWrapper totalFields = new ReadOnlyLongWrapper(this, "totalFields");
    private final ReadOnlyBooleanWrapper hasMoreFields = new ReadOnlyBooleanWrapper(this, "hasMoreFields");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving");
    private final ObservableList<PathStep> path = FXCollections.observableArrayList();
    private final ObservableList<AttributeRow> attributes = FXCollections.observableArrayList();
    private final ObservableList<PathStep> readOnlyPath = FXCollections.unmodifiableObservableList(path);
    private final ObservableList<AttributeRow> readOnlyAttributes = FXCollections.unmodifiableObservableList(
            attributes);
    private final Map<Bytes, AttributeRow> rowsByName = new HashMap<>();

    private String fieldCursor = "0";
    private Task<?> loadTask;

    DetailsModel(Background background, StatusModel status, Supplier<HotcoreStore> store) {
        this.background = background;
        this.status = status;
        this.store = store;
    }

    /** Sets what runs with an entity id after one of its attributes was written. */
    void setOnEntityChanged(Consumer<String> action) {
        onEntityChanged = action;
    }

    /** The selected id; null when nothing is selected. */
    public ReadOnlyStringProperty idProperty() {
        return id.getReadOnlyProperty();
    }

    public String getId() {
        return id.get();
    }

    /** The stored parent ({@code p:<id>}); null for top-level ids and before loading. */
    public ReadOnlyStringProperty parentIdProperty() {
        return parentId.getReadOnlyProperty();
    }

    public String getParentId() {
        return parentId.get();
    }

    /** True when the selection is a top-level id, which has children but no attributes; false by default. */
    public ReadOnlyBooleanProperty topLevelProperty() {
        return topLevel.getReadOnlyProperty();
    }

    /** SCARD of the selection's children set; 0 by default. */
    public ReadOnlyLongProperty childCountProperty() {
        return childCount.getReadOnlyProperty();
    }

    /** HLEN of the entity when its first page was read; 0 by default. */
    public ReadOnlyLongProperty totalFieldsProperty() {
        return totalFields.getReadOnlyProperty();
    }

    /** True while the HSCAN cursor has not reached its end; false by default. */
    public ReadOnlyBooleanProperty hasMoreFieldsProperty() {
        return hasMoreFields.getReadOnlyProperty();
    }

    public boolean isHasMoreFields() {
        return hasMoreFields.get();
    }

    /** True while the selection or a page of its fields is being read; false by default. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public boolean isLoading() {
        return loading.get();
    }

    /** True while an attribute change is being written; false by default. */
    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    public boolean isSaving() {
        return saving.get();
    }

    /**
     * The path from the top-level id down to the selection; read-only. A path deeper than {@value #PATH_STEPS} levels
     * has a gap step after the top-level id, see {@link #pathSteps}.
     */
    public ObservableList<PathStep> getPath() {
        return readOnlyPath;
    }

    /** The attributes read so far; read-only. */
    public ObservableList<AttributeRow> getAttributes() {
        return readOnlyAttributes;
    }

    /** Returns the row of the attribute {@code name} when it was read, else null. */
    public AttributeRow row(String name) {
        return rowsByName.get(Bytes.utf8(name));
    }

    // ---------------------------------------------------------------- loading

    /** Shows {@code newId}: reads its path, parent and the first page of attributes. Null clears the pane. */
    public void select(String newId, boolean isTopLevel) {
        if (loadTask != null) {
            loadTask.cancel();
            loadTask = null;
        }
        id.set(newId);
        parentId.set(null);
        topLevel.set(isTopLevel);
        childCount.set(0);
        path.clear();
        attributes.clear();
        rowsByName.clear();
        totalFields.set(0);
        hasMoreFields.set(false);
        fieldCursor = "0";
        loading.set(false);

        HotcoreStore current = store.get();
        if (newId == null || current == null) {
            return;
        }

        loading.set(true);
        status.activity("Loading " + newId);
        loadTask = background.submit("read " + newId, (progress, cancellation) -> {
                    List<PathStep> steps = pathSteps(current, current.pathTo(newId, cancellation));
                    long children = current.childCount(newId);
                    AttributePage page = isTopLevel ? null : current.attributes(newId, "0", FIELD_PAGE_SIZE);
                    return new Selection(steps, children, page);
                },
                selection -> {
                    loadTask = null;
                    loading.set(false);
                    status.activity("");
                    if (!newId.equals(id.get())) {
                        return;
                    }
                    path.setAll(selection.path());
                    parentId.set(selection.path().size() > 1
                            ? selection.path().get(selection.path().size() - 2).id() : null);
                    childCount.set(selection.childCount());
                    if (selection.firstPage() != null) {
                        appendFields(selection.firstPage());
                    }
                },
                error -> {
                    loadTask = null;
                    loading.set(false);
                    status.activity("");
                    status.failed("read " + newId, error);
                });
    }

    /**
     * Returns the breadcrumb of {@code path}: every step of a path of at most {@value #PATH_STEPS} levels, else the
     * top-level id, a gap that counts the levels left out, and the last {@value #PATH_STEPS} steps. The labels of the
     * steps on show are read in one pipelined round trip.
     */
    static List<PathStep> pathSteps(HotcoreStore store, List<String> path) {
        int hidden = Math.max(0, path.size() - 1 - PATH_STEPS);
        List<String> visibleIds = new ArrayList<>(path.subList(hidden == 0 ? 0 : hidden + 1, path.size()));
        if (hidden > 0) {
            visibleIds.addFirst(path.getFirst());
        }
        List<ChildSummary> summaries = store.summaries(visibleIds);
        List<PathStep> steps = new ArrayList<>();
        for (int i = 0; i < visibleIds.size(); i++) {
            steps.add(new PathStep(visibleIds.get(i), summaries.get(i).label()));
            if (i == 0 && hidden > 0) {
                steps.add(new PathStep(null, String.format(Locale.ROOT, "%,d levels", hidden)));
            }
        }
        return steps;
    }

    /** The path, child count and first field page of a selection, read in one task. */
    record Selection(List<PathStep> path, long childCount, AttributePage firstPage) {
    }

    /** Reads the next HSCAN page of fields. */
    public void loadMoreFields() {
        String current = id.get();
        HotcoreStore redis = store.get();
        if (current == null || redis == null || !hasMoreFields.get() || loading.get()) {
            return;
        }
        String cursor = fieldCursor;
        loading.set(true);
        status.activity("Loading fields of " + current);
        loadTask = background.submit("read fields of " + current,
                (progress, cancellation) -> redis.attributes(current, cursor, FIELD_PAGE_SIZE),
                page -> {
                    loadTask = null;
                    loading.set(false);
                    status.activity("");
                    if (current.equals(id.get())) {
                        appendFields(page);
                    }
                },
                error -> {
                    loadTask = null;
                    loading.set(false);
                    status.activity("");
                    status.failed("read the fields of " + current, error);
                });
    }

    private void appendFields(AttributePage page) {
        List<AttributeRow> added = new ArrayList<>();
        for (Map.Entry<Bytes, Bytes> entry : page.attributes()) {
            if (!rowsByName.containsKey(entry.getKey())) {
                AttributeRow row = new AttributeRow(entry.getKey(), entry.getValue());
                rowsByName.put(entry.getKey(), row);
                added.add(row);
            }
        }
        attributes.addAll(added);
        fieldCursor = page.nextCursor();
        totalFields.set(page.totalFields());
        hasMoreFields.set(!page.complete());
    }

    // ---------------------------------------------------------------- editing

    /**
     * Sets an attribute from its escaped name and value ({@code \xHH} gives raw bytes), adding it when it is new.
     * Only this attribute is sent.
     */
    public void setAttribute(String escapedName, String escapedValue) {
        if (escapedName == null || escapedName.isBlank()) {
            status.failed("set an attribute", new IllegalArgumentException(
                    "invalid attribute name: it is empty; type a name such as color"));
            return;
        }
        write(Bytes.unescape(escapedName), Bytes.unescape(escapedValue == null ? "" : escapedValue));
    }

    /** Sets the value of an existing row from its escaped form. */
    public void editValue(AttributeRow row, String escapedValue) {
        Bytes value = Bytes.unescape(escapedValue);
        if (!value.equals(row.getValue())) {
            write(row.getName(), value);
        }
    }

    /** Removes an attribute. */
    public void removeAttribute(AttributeRow row) {
        write(row.getName(), null);
    }

    /** Writes one change; a null value removes the attribute. */
    private void write(Bytes name, Bytes value) {
        String entity = id.get();
        HotcoreStore redis = store.get();
        if (entity == null || redis == null || topLevel.get()) {
            return;
        }
        Map<Bytes, Bytes> changes = new HashMap<>();
        changes.put(name, value);
        saving.set(true);
        String action = (value == null ? "remove " : "set ") + name.escaped() + " of " + entity;
        status.activity("Saving " + name.escaped());
        background.submit(action, (progress, cancellation) -> {
                    redis.apply(entity, changes);
                    return Boolean.TRUE;
                },
                done -> {
                    saving.set(false);
                    status.activity("");
                    if (entity.equals(id.get())) {
                        applyLocally(name, value);
                    }
                    onEntityChanged.accept(entity);
                },
                error -> {
                    saving.set(false);
                    status.activity("");
                    status.failed(action, error);
                });
    }

    private void applyLocally(Bytes name, Bytes value) {
        AttributeRow row = rowsByName.get(name);
        if (value == null) {
            if (row != null) {
                rowsByName.remove(name);
                attributes.remove(row);
                totalFields.set(Math.max(0, totalFields.get() - 1));
            }
        } else if (row != null) {
            row.value(value);
            // Replacing the row in place makes the table redraw it.
            int index = attributes.indexOf(row);
            attributes.set(index, row);
        } else {
            AttributeRow added = new AttributeRow(name, value);
            rowsByName.put(name, added);
            attributes.add(added);
            totalFields.set(totalFields.get() + 1);
        }
    }
}
