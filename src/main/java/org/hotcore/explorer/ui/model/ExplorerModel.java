package org.hotcore.explorer.ui.model;

import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.hotcore.explorer.core.CommandGuard;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.core.RedisConnection;
import org.hotcore.explorer.core.RedisSettings;
import org.hotcore.explorer.ui.monitor.MonitorModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window's view model: the open connection and the tree, details, search and status models that work on it.
 * Call every method on the FX thread.
 */
public final class ExplorerModel implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExplorerModel.class);

    /** The reason a read-only store gives in its error messages, with the way to turn writes back on. */
    static final String READ_ONLY_REASON = "read-only mode is on; turn off Tools › Read-only to write";

    private final Background background = new Background();
    private final StatusModel status = new StatusModel();
    private final ReadOnlyObjectWrapper<HotcoreStore> store = new ReadOnlyObjectWrapper<>(this, "store");
    private final TreeModel tree = new TreeModel(background, status, store::get);
    private final DetailsModel details = new DetailsModel(background, status, store::get);
    private final SearchModel search = new SearchModel(background, status, store::get);
    private final JobsModel jobs = new JobsModel();
    private final MoveController moves = new MoveController(background, tree, status, store::get);
    private final SubtreeDeletes subtreeDeletes = new SubtreeDeletes(jobs, background, tree, status, store::get);
    private final EntityEdits edits = new EntityEdits(background, tree, details, status, store::get);
    private final MonitorModel monitor = new MonitorModel(background, jobs::runningCount, store.getReadOnlyProperty());
    private final IntegrityChecks integrity = new IntegrityChecks(jobs, status, store::get);
    private boolean ownsConnection;

    public ExplorerModel() {
        details.setOnEntityChanged(tree::refreshSummary);
    }

    public Background background() {
        return background;
    }

    public StatusModel status() {
        return status;
    }

    public TreeModel tree() {
        return tree;
    }

    public DetailsModel details() {
        return details;
    }

    public SearchModel search() {
        return search;
    }

    public JobsModel jobs() {
        return jobs;
    }

    public MoveController moves() {
        return moves;
    }

    public SubtreeDeletes subtreeDeletes() {
        return subtreeDeletes;
    }

    public EntityEdits edits() {
        return edits;
    }

    public MonitorModel monitor() {
        return monitor;
    }

    public IntegrityChecks integrity() {
        return integrity;
    }

    /**
     * Turns read-only mode on or off: while it is on, the store in use and every store connected later reject
     * writes. It is not remembered between sessions.
     */
    public void setReadOnly(boolean readOnly) {
        status.readOnly(readOnly);
        HotcoreStore current = store.get();
        if (current != null) {
            current.setReadOnly(readOnly, READ_ONLY_REASON);
        }
        log.info("Read-only mode {}", readOnly ? "on" : "off");
    }

    public boolean isReadOnly() {
        return status.isReadOnly();
    }

    /** The store in use; null before the first connection. */
    public ReadOnlyObjectProperty<HotcoreStore> storeProperty() {
        return store.getReadOnlyProperty();
    }

    public HotcoreStore getStore() {
        return store.get();
    }

    /**
     * Shows the tree of {@code newStore}, replacing the previous connection, and loads the top-level ids.
     *
     * @param owned true when this model closes the connection when it is replaced or closed
     * @param demo true for the temporary demo database
     */
    public void connect(HotcoreStore newStore, boolean owned, boolean demo) {
        closeConnection();
        RedisSettings settings = newStore.connection().settings();
        ownsConnection = owned;
        if (newStore.readOnly() || status.isReadOnly()) {
            status.readOnly(true);
            newStore.setReadOnly(true, READ_ONLY_REASON);
        }
        store.set(newStore);
        moves.reset();
        tree.clear();
        details.select(null, false);
        search.clear();
        String connection = demo ? "Temporary demo database at " + settings.host() + ":" + settings.port()
                : settings.redactedUrl();
        status.connected(connection, "db " + settings.database(), demo);
        log.info("Showing {}", connection);
        tree.loadTopLevel(() -> { });
    }

    /**
     * Opens a connection in the background, checks it with PING and shows it; failures go to the status model.
     */
    public void open(RedisSettings settings, boolean demo, Consumer<String> onConnected) {
        String target = settings.redactedUrl();
        status.activity("Connecting to " + target);
        background.submit("connect to " + target, (progress, cancellation) -> {
                    RedisConnection connection = new RedisConnection(settings,
                            new CommandGuard(CommandGuard.DEFAULT_LIMIT));
                    try {
                        String version = connection.ping();
                        return new Opened(new HotcoreStore(connection), version);
                    } catch (RuntimeException e) {
                        connection.close();
                        throw e;
                    }
                },
                opened -> {
                    status.activity("");
                    connect(opened.store(), true, demo);
                    onConnected.accept(opened.version());
                },
                error -> {
                    status.activity("");
                    status.connectFailed(error);
                });
    }

    record Opened(HotcoreStore store, String version) {
    }

    /** Sends PING on the current connection; on success clears the lost state and runs {@code then}. */
    public void reconnect(Runnable then) {
        HotcoreStore current = store.get();
        if (current == null) {
            return;
        }
        String target = current.connection().settings().redactedUrl();
        status.activity("Reconnecting to " + target);
        background.submit("reconnect to " + target, (progress, cancellation) -> current.connection().ping(),
                version -> {
                    status.activity("");
                    log.info("Reconnected to {} (Redis {})", target, version);
                    status.reconnected();
                    then.run();
                },
                error -> {
                    status.activity("");
                    status.failed("reconnect to " + target, error);
                });
    }

    private void closeConnection() {
        HotcoreStore previous = store.get();
        if (previous != null && ownsConnection) {
            previous.connection().close();
        }
        store.set(null);
    }

    @Override
    public void close() {
        jobs.close();
        background.close();
        closeConnection();
        monitor.close();
    }
}
