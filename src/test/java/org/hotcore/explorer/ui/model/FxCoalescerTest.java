package org.hotcore.explorer.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Tests that a burst of progress reports leads to a few runs on the FX thread, the last with the newest value. */
@Tag("ui")
class FxCoalescerTest {

    @BeforeAll
    static void startPlatform() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyStarted) {
            started.countDown();
        }
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void burstRunsAtMostTenPerSecond() throws InterruptedException {
        AtomicLong reported = new AtomicLong();
        List<Long> seen = new CopyOnWriteArrayList<>();
        List<Boolean> onFxThread = new CopyOnWriteArrayList<>();
        FxCoalescer coalescer = new FxCoalescer(() -> {
            onFxThread.add(Platform.isFxApplicationThread());
            seen.add(reported.get());
        });

        long start = System.nanoTime();
        long count = 0;
        while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(500)) {
            reported.set(++count);
            coalescer.request();
        }
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Thread.sleep(3 * FxCoalescer.INTERVAL_MILLIS);

        // One run at once, then at most one per interval, and the run of the last request.
        assertThat(count).isGreaterThan(1_000);
        assertThat(seen).hasSizeBetween(2, (int) (elapsedMillis / FxCoalescer.INTERVAL_MILLIS) + 2);
        assertThat(seen).isSorted();
        assertThat(seen.getLast()).isEqualTo(count);
        assertThat(onFxThread).containsOnly(true);
    }
}
