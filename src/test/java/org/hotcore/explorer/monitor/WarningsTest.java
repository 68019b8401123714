package org.hotcore.explorer.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The thresholds of the monitor's warnings. */
class WarningsTest {

    private static final Sample.Jvm CALM_JVM = new Sample.Jvm(100, 200, 1000L, 0, 0, 0, 0);
    private static final Sample.Redis CALM_REDIS = new Sample.Redis(Sample.Status.AVAILABLE, null, 100L, 100L, 0L,
            1.0, 0L, 1L);

    private static Sample.Queue queue(long queuedNow, long abortedInInterval) {
        return new Sample.Queue(10_000, queuedNow, queuedNow, 0, 0, 0, 0, 0, 0, 0, 0, abortedInInterval);
    }

    private static List<Warning.Kind> kinds(List<Warning> warnings) {
        return warnings.stream().map(Warning::kind).toList();
    }

    @Test
    void calmFiguresRaiseNothing() {
        assertThat(new Warnings().check(CALM_JVM, CALM_REDIS, queue(8_000, 0))).isEmpty();
    }

    @Test
    void heapAboveEightyPercentOfMax() {
        Sample.Jvm full = new Sample.Jvm(801, 900, 1000L, 0, 0, 0, 0);

        assertThat(kinds(new Warnings().check(full, CALM_REDIS, queue(0, 0)))).containsExactly(Warning.Kind.HEAP);
    }

    @Test
    void heapWithoutMaxRaisesNothing() {
        Sample.Jvm unbounded = new Sample.Jvm(801, 900, null, 0, 0, 0, 0);

        assertThat(new Warnings().check(unbounded, CALM_REDIS, queue(0, 0))).isEmpty();
    }

    @Test
    void queueAboveEightyPercentOfLimit() {
        List<Warning> warnings = new Warnings().check(CALM_JVM, CALM_REDIS, queue(8_001, 0));

        assertThat(kinds(warnings)).containsExactly(Warning.Kind.QUEUE);
        assertThat(warnings.getFirst().message()).isEqualTo(
                "Command queue at 80 % of the limit (8,001 of 10,000 commands)");
    }

    @Test
    void redisMemoryAboveNinetyPercentOfMaxmemory() {
        Sample.Redis full = new Sample.Redis(Sample.Status.AVAILABLE, null, 950L, 950L, 1000L, 1.0, 0L, 1L);
        Sample.Redis noLimit = new Sample.Redis(Sample.Status.AVAILABLE, null, 950L, 950L, 0L, 1.0, 0L, 1L);

        assertThat(kinds(new Warnings().check(CALM_JVM, full, queue(0, 0))))
                .containsExactly(Warning.Kind.REDIS_MEMORY);
        assertThat(new Warnings().check(CALM_JVM, noLimit, queue(0, 0))).isEmpty();
    }

    @Test
    void watchAbortsInThreeOfFiveSamples() {
        Warnings warnings = new Warnings();

        assertThat(warnings.check(CALM_JVM, CALM_REDIS, queue(0, 2))).isEmpty();
        assertThat(warnings.check(CALM_JVM, CALM_REDIS, queue(0, 0))).isEmpty();
        assertThat(warnings.check(CALM_JVM, CALM_REDIS, queue(0, 1))).isEmpty();
        List<Warning> third = warnings.check(CALM_JVM, CALM_REDIS, queue(0, 4));
        assertThat(kinds(third)).containsExactly(Warning.Kind.WATCH_ABORTS);
        assertThat(third.getFirst().message()).contains("7 aborts in the last 4 samples");
        warnings.check(CALM_JVM, CALM_REDIS, queue(0, 0));
        warnings.check(CALM_JVM, CALM_REDIS, queue(0, 0));
        assertThat(warnings.check(CALM_JVM, CALM_REDIS, queue(0, 0))).isEmpty();
    }
}
