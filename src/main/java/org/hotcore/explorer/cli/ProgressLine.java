package org.hotcore.explorer.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.hotcore.explorer.core.Progress;

/**
 * One progress line on stderr, redrawn in place with a carriage return at most 5 times a second. Draws nothing
 * when disabled (no terminal), so redirected output stays clean. {@link #clear()} blanks the line before other
 * output and when the operation ends.
 */
final class ProgressLine implements Progress, AutoCloseable {

    /** Minimum time between two redraws: 200 ms, that is at most 5 updates a second. */
    static final long MIN_INTERVAL_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private final String label;
    private final LongSupplier nanoClock;
    private long lastDrawNanos;
    private boolean everDrawn;
    private boolean drawn;
    private int width;

    ProgressLine(PrintWriter err, boolean enabled, String label, LongSupplier nanoClock) {
        this.err = err;
        this.enabled = enabled;
        this.label = label;
        this.nanoClock = nanoClock;
    }

    @Override
    public void update(long done, long total) {
        if (!enabled) {
            return;
        }
        long now = nanoClock.getAsLong();
        // The interval also applies across clear(), so a command that clears before each page draws 5 times a second.
        if (everDrawn && now - lastDrawNanos < MIN_INTERVAL_NANOS) {
            return;
        }
        lastDrawNanos = now;
        draw(format(done, total));
    }

    String format(long done, long total) {
        if (total < 0) {
            return String.format(Locale.ROOT, "%s: %,d", label, done);
        }
        long percent = total == 0 ? 100 : Math.min(100, done * 100 / total);
        return String.format(Locale.ROOT, "%s: %,d of %,d (%d%%)", label, done, total, percent);
    }

    private void draw(String text) {
        // Spaces overwrite the rest of a longer previous line; no terminal escape sequences are needed.
        String padding = " ".repeat(Math.max(0, width - text.length()));
        err.print("\r" + text + padding);
        err.flush();
        width = text.length();
        drawn = true;
        everDrawn = true;
    }

    /** Blanks the line, if one was drawn, so the next output starts at the left edge of an empty line. */
    void clear() {
        if (!drawn) {
            return;
        }
        err.print("\r" + " ".repeat(width) + "\r");
        err.flush();
        drawn = false;
        width = 0;
    }

    /**
     * Ends the line with a newline instead of blanking it, for a cancel: the last figures stay on screen next to the
     * {@code ^C} that the terminal echoed, and the report starts on a fresh line. Writes the newline on a terminal
     * also when nothing was drawn yet, because the echoed {@code ^C} is there anyway.
     */
    void keep() {
        if (!enabled) {
            return;
        }
        err.println();
        err.flush();
        drawn = false;
        width = 0;
    }

    @Override
    public void close() {
        clear();
    }
}
