package org.hotcore.explorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Throttling and clearing of the progress line, driven by a manual clock. */
class ProgressLineTest {

    private final StringWriter text = new StringWriter();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private ProgressLine line(boolean enabled) {
        return new ProgressLine(new PrintWriter(text), enabled, "deleting", nanos::get);
    }

    @Test
    void disabledLineWritesNothing() {
        ProgressLine progress = line(false);

        progress.update(1, 10);
        progress.close();

        assertThat(text.toString()).isEmpty();
    }

    @Test
    void firstUpdateDrawsAtOnce() {
        line(true).update(1_500, 4_950);

        assertThat(text.toString()).isEqualTo("\rdeleting: 1,500 of 4,950 (30%)");
    }

    @Test
    void updatesWithin200MillisecondsAreSkipped() {
        ProgressLine progress = line(true);

        progress.update(1, 10);
        nanos.addAndGet(199_000_000L);
        progress.update(2, 10);
        nanos.addAndGet(1_000_000L);
        progress.update(3, 10);

        assertThat(text.toString()).isEqualTo("\rdeleting: 1 of 10 (10%)\rdeleting: 3 of 10 (30%)");
    }

    @Test
    void unknownTotalShowsCountOnly() {
        line(true).update(12_345, -1);

        assertThat(text.toString()).isEqualTo("\rdeleting: 12,345");
    }

    @Test
    void shorterLineIsPadded() {
        ProgressLine progress = line(true);

        progress.update(12_345, -1);
        nanos.addAndGet(ProgressLine.MIN_INTERVAL_NANOS);
        progress.update(1, -1);

        // "12,345" is 5 characters longer than "1".
        assertThat(text.toString()).endsWith("\rdeleting: 1     ");
    }

    @Test
    void clearBlanksTheLine() {
        ProgressLine progress = line(true);

        progress.update(5, 10);
        progress.clear();
        progress.clear();

        String drawn = "deleting: 5 of 10 (50%)";
        assertThat(text.toString()).isEqualTo("\r" + drawn + "\r" + " ".repeat(drawn.length()) + "\r");
    }

    @Test
    void throttleHoldsAcrossClear() {
        ProgressLine progress = line(true);

        progress.update(1, 10);
        progress.clear();
        progress.update(2, 10);

        assertThat(text.toString()).doesNotContain("2 of 10");
    }
}
