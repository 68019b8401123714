package org.hotcore.explorer.ui.monitor;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.ScheduledService;
import javafx.concurrent.Task;
import javafx.util.Duration;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.monitor.MonitorSampler;
import org.hotcore.explorer.monitor.Sample;
import org.hotcore.explorer.monitor.Units;
import org.hotcore.explorer.monitor.Warning;
import org.hotcore.explorer.ui.model.Background;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's view model: samples once per second on a thread of its own and publishes the latest figures, the
 * warnings, a one-line summary for the status bar and the last {@value #HISTORY} detailed samples for the charts.
 * While {@link #detailedProperty()} is false, as when the monitor pane is hidden, each sample reads only what the
 * summary needs (INFO memory, no CLIENT LIST) and the history does not grow. Create, use and close it on the FX
 * thread.
 */
public final class MonitorModel implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MonitorModel.class);

    /** Samples kept for the charts: five minutes at one per second. */
    public static final int HISTORY = 300;

    /** Time between the starts of two samples. */
    public static final Duration PERIOD = Duration.seconds(1);

    private final Background background;
    /** Long jobs such as subtree deletes, which run outside {@link #background}. */
    private final IntSupplier runningJobs;
    private final ExecutorService executor;
    private final SamplingService service = new SamplingService();
    private MonitorSampler sampler;

    private final BooleanProperty detailed = new SimpleBooleanProperty(this, "detailed", false);
    private final ReadOnlyObjectWrapper<Sample> sample = new ReadOnlyObjectWrapper<>(this, "sample");
    private final ReadOnlyLongWrapper queuedNow = new ReadOnlyLongWrapper(this, "queuedNow", 0);
    private final ReadOnlyLongWrapper maxQueued = new ReadOnlyLongWrapper(this, "maxQueued", 0);
    private final ReadOnlyDoubleWrapper commandsPerSecond = new ReadOnlyDoubleWrapper(this, "commandsPerSecond", 0);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper warningText = new ReadOnlyStringWrapper(this, "warningText", "");
    private final ObservableList<Warning> warnings = FXCollections.observableArrayList();
    private final ObservableList<Sample> history = FXCollections.observableArrayList();
    private final ObservableList<Warning> warningsView = FXCollections.unmodifiableObservableList(warnings);
    private final ObservableList<Sample> historyView = FXCollections.unmodifiableObservableList(history);
    private boolean closed;

    /**
     * Starts sampling the JVM and the jobs of {@code background}, and the server and command queue of the store
     * that {@code store} holds, following it when it changes.
     */
    public MonitorModel(Background background, IntSupplier runningJobs, ObservableValue<HotcoreStore> store) {
        this.background = background;
        this.runningJobs = runningJobs;
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hotcore-monitor");
            thread.setDaemon(true);
            return thread;
        });
        // ScheduledService can start one more run after cancel() when its timer fired just before. That run is
        // dropped here, because the executor is shut down by then. Service calls this on the FX thread.
        service.setExecutor(task -> {
            if (!closed) {
                executor.execute(task);
            }
        });
        service.setPeriod(PERIOD);
        service.setRestartOnFailure(true);
        service.setOnSucceeded(event -> {
            Result result = service.getValue();
            // A sample of the previous connection, taken before the switch, is dropped.
            if (result != null && result.sampler() == sampler) {
                apply(result.sample());
            }
        });
        service.setOnFailed(event -> log.warn("Monitor sample failed", service.getException()));
        store.subscribe(this::follow);
        service.start();
    }

    private record Result(MonitorSampler sampler, Sample sample) {
    }

    /** Samples on the monitor thread; the sampler and the level of detail are read on the FX thread. */
    private final class SamplingService extends ScheduledService<Result> {
        @Override
        protected Task<Result> createTask() {
            MonitorSampler current = sampler;
            boolean full = detailed.get();
            return new Task<>() {
                @Override
                protected Result call() {
                    return new Result(current, current.sample(full));
                }
            };
        }
    }

    private void follow(HotcoreStore store) {
        if (closed) {
            return;
        }
        MonitorSampler previous = sampler;
        sampler = new MonitorSampler(store == null ? null : store.connection(),
                () -> new Sample.Jobs(background.activeCount() + runningJobs.getAsInt(), background.waitingCount()));
        if (previous != null) {
            // The monitor thread runs tasks in order, so a sample in flight finishes before its sampler closes.
            executor.execute(previous::close);
        }
        history.clear();
    }

    private void apply(Sample next) {
        sample.set(next);
        if (next.queue() != null) {
            queuedNow.set(next.queue().queuedNow());
            maxQueued.set(next.queue().maxQueued());
            commandsPerSecond.set(next.queue().sentPerSecond());
        } else {
            queuedNow.set(0);
            maxQueued.set(0);
            commandsPerSecond.set(0);
        }
        summary.set(summary(next));
        if (!warnings.equals(next.warnings())) {
            warnings.setAll(next.warnings());
        }
        warningText.set(warningText(next.warnings()));
        if (next.detailed()) {
            if (history.size() >= HISTORY) {
                history.removeFirst();
            }
            history.add(next);
        }
    }

    /** Formats the status bar line: heap, Redis memory, command queue and jobs. */
    static String summary(Sample sample) {
        StringBuilder text = new StringBuilder("Heap ").append(Units.bytes(sample.jvm().heapUsed()));
        if (sample.jvm().heapMax() != null) {
            text.append(" of ").append(Units.bytes(sample.jvm().heapMax()));
        }
        text.append("  ·  Redis ");
        Sample.Redis redis = sample.redis();
        if (redis.usedMemory() == null) {
            text.append(redis.status() == Sample.Status.AVAILABLE ? "?" : "unavailable");
        } else {
            text.append(Units.bytes(redis.usedMemory()));
            if (redis.maxmemory() != null && redis.maxmemory() > 0) {
                text.append(" of ").append(Units.bytes(redis.maxmemory()));
            }
        }
        if (sample.queue() != null) {
            text.append(String.format(Locale.ROOT, "  ·  Queue %,d of %,d", sample.queue().queuedNow(),
                    sample.queue().limit()));
        }
        text.append("  ·  Jobs ").append(sample.jobs().running());
        if (sample.jobs().waiting() > 0) {
            text.append(" + ").append(sample.jobs().waiting()).append(" waiting");
        }
        return text.toString();
    }

    private static String warningText(List<Warning> warnings) {
        if (warnings.isEmpty()) {
            return "";
        }
        String first = warnings.getFirst().message();
        return warnings.size() == 1 ? first : first + " (+" + (warnings.size() - 1) + " more)";
    }

    /**
     * Whether samples read every figure; the monitor pane sets it while it shows. False by default: only the
     * status bar summary is sampled.
     */
    public BooleanProperty detailedProperty() {
        return detailed;
    }

    public boolean isDetailed() {
        return detailed.get();
    }

    public void setDetailed(boolean value) {
        detailed.set(value);
    }

    /** Holds the latest sample; null until the first one arrives. */
    public ReadOnlyObjectProperty<Sample> sampleProperty() {
        return sample.getReadOnlyProperty();
    }

    public Sample getSample() {
        return sample.get();
    }

    /** Commands queued in open pipelines and transactions at the latest sample; 0 by default. */
    public ReadOnlyLongProperty queuedNowProperty() {
        return queuedNow.getReadOnlyProperty();
    }

    public long getQueuedNow() {
        return queuedNow.get();
    }

    /** The maximum number of commands queued at once since the connection opened, at the latest sample; 0 by default. */
    public ReadOnlyLongProperty maxQueuedProperty() {
        return maxQueued.getReadOnlyProperty();
    }

    public long getMaxQueued() {
        return maxQueued.get();
    }

    /** Commands sent per second over the latest sample's interval; 0 by default. */
    public ReadOnlyDoubleProperty commandsPerSecondProperty() {
        return commandsPerSecond.getReadOnlyProperty();
    }

    public double getCommandsPerSecond() {
        return commandsPerSecond.get();
    }

    /** One line for the status bar: heap, Redis memory, queue and jobs; empty until the first sample. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public String getSummary() {
        return summary.get();
    }

    /** The first warning of the latest sample and how many more there are; empty when there is none. */
    public ReadOnlyStringProperty warningTextProperty() {
        return warningText.getReadOnlyProperty();
    }

    public String getWarningText() {
        return warningText.get();
    }

    /** The warnings of the latest sample, read-only. */
    public ObservableList<Warning> warnings() {
        return warningsView;
    }

    /** The last {@value #HISTORY} detailed samples, oldest first, read-only; cleared when the connection changes. */
    public ObservableList<Sample> history() {
        return historyView;
    }

    /** Stops sampling and closes the sampler's connection. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        service.cancel();
        MonitorSampler last = sampler;
        sampler = null;
        if (last != null) {
            executor.execute(last::close);
        }
        // The thread ends after the close above; a sample in flight finishes first, bounded by the read timeout.
        executor.shutdown();
    }
}
