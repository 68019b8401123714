package org.hotcore.explorer.ui.model;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.hotcore.explorer.core.CancelledException;
import org.hotcore.explorer.core.RedisUnavailableException;
import org.hotcore.explorer.core.RejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the status bar and the banners show: the connection, the database, the entity being loaded, the last error
 * and whether the connection was lost. Changed on the FX thread only.
 */
public final class StatusModel {

    private static final Logger log = LoggerFactory.getLogger(StatusModel.class);

    /** A failure as the window reports it: a one-line message and the exception with the details. */
    public record Failure(String action, String message, Throwable error) {
    }

    private final ReadOnlyStringWrapper connection = new ReadOnlyStringWrapper(this, "connection", "Not connected");
    private final ReadOnlyStringWrapper database = new ReadOnlyStringWrapper(this, "database", "");
    private final ReadOnlyStringWrapper activity = new ReadOnlyStringWrapper(this, "activity", "");
    private final ReadOnlyObjectWrapper<Failure> failure = new ReadOnlyObjectWrapper<>(this, "failure");
    private final ReadOnlyBooleanWrapper connectionLost = new ReadOnlyBooleanWrapper(this, "connectionLost");
    private final ReadOnlyBooleanWrapper demo = new ReadOnlyBooleanWrapper(this, "demo");
    private final ReadOnlyBooleanWrapper readOnly = new ReadOnlyBooleanWrapper(this, "readOnly");
    private final ReadOnlyStringWrapper demoState = new ReadOnlyStringWrapper(this, "demoState", "");
    private final ReadOnlyDoubleWrapper demoProgress = new ReadOnlyDoubleWrapper(this, "demoProgress", -1);

    /** Connection shown in the status bar, redacted URL; "Not connected" by default. */
    public ReadOnlyStringProperty connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    /** Database description shown in the status bar; empty by default. */
    public ReadOnlyStringProperty databaseProperty() {
        return database.getReadOnlyProperty();
    }

    /** What is being loaded now, such as the entity whose children are read; empty when idle. */
    public ReadOnlyStringProperty activityProperty() {
        return activity.getReadOnlyProperty();
    }

    /** The last failure not yet dismissed; null by default. */
    public ReadOnlyObjectProperty<Failure> failureProperty() {
        return failure.getReadOnlyProperty();
    }

    /** True after a Redis call failed because the server could not be reached; false by default. */
    public ReadOnlyBooleanProperty connectionLostProperty() {
        return connectionLost.getReadOnlyProperty();
    }

    /** True when the window shows the temporary demo database; false by default. */
    public ReadOnlyBooleanProperty demoProperty() {
        return demo.getReadOnlyProperty();
    }

    /** State of the demo database fill, such as "Writing demo data"; empty by default. */
    public ReadOnlyStringProperty demoStateProperty() {
        return demoState.getReadOnlyProperty();
    }

    /** Progress of the demo database fill from 0 to 1, -1 when unknown or idle; -1 by default. */
    public ReadOnlyDoubleProperty demoProgressProperty() {
        return demoProgress.getReadOnlyProperty();
    }

    /** True while read-only mode rejects writes; false by default. */
    public ReadOnlyBooleanProperty readOnlyProperty() {
        return readOnly.getReadOnlyProperty();
    }

    public boolean isReadOnly() {
        return readOnly.get();
    }

    void readOnly(boolean on) {
        readOnly.set(on);
    }

    public String getConnection() {
        return connection.get();
    }

    public String getActivity() {
        return activity.get();
    }

    public Failure getFailure() {
        return failure.get();
    }

    public boolean isConnectionLost() {
        return connectionLost.get();
    }

    public boolean isDemo() {
        return demo.get();
    }

    void connected(String connectionText, String databaseText, boolean isDemo) {
        connection.set(connectionText);
        database.set(databaseText);
        demo.set(isDemo);
        connectionLost.set(false);
        failure.set(null);
    }

    /** Shows what is being loaded; an empty text clears it. */
    void activity(String text) {
        activity.set(text);
    }

    /** Sets the state of the demo database fill shown in the status bar. */
    public void demoFill(String state, double progress) {
        demoState.set(state);
        demoProgress.set(progress);
    }

    void reconnected() {
        connectionLost.set(false);
        failure.set(null);
    }

    /** Clears the failure shown in the banner. */
    public void dismissFailure() {
        failure.set(null);
    }

    /**
     * Records a failed background action: logs it and shows it. A cancelled action is only logged at debug level.
     * A failure to reach the server also marks the connection as lost.
     */
    public void failed(String action, Throwable error) {
        if (error instanceof CancelledException) {
            log.debug("Cancelled: {}", action, error);
            return;
        }
        boolean unavailable = isUnavailable(error);
        String reason = reasonOf(error);
        if (unavailable) {
            log.warn("Failed to {}: {}", action, reason);
            log.debug("Failure details of '{}'", action, error);
            connectionLost.set(true);
        } else if (error instanceof RejectedException) {
            // The input or the stored data ruled the action out (a cycle, a read-only connection): nothing failed.
            log.info("Rejected {}: {}", action, reason);
            log.debug("Rejection details of '{}'", action, error);
        } else {
            log.error("Failed to {}", action, error);
        }
        failure.set(new Failure(action, "Failed to " + action + ": " + reason, error));
    }

    /**
     * Records a failed attempt to open a connection: shown and logged, but not as a lost connection, because the
     * connection shown before, if any, is still in use. The error's message already names the URL.
     */
    public void connectFailed(Throwable error) {
        String reason = reasonOf(error);
        log.warn("Could not connect: {}", reason);
        log.debug("Connection failure details", error);
        failure.set(new Failure("connect", "Could not connect: " + reason, error));
    }

    private static String reasonOf(Throwable error) {
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }

    static boolean isUnavailable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RedisUnavailableException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
