package org.hotcore.explorer.monitor;

import java.util.Locale;

/** Formats figures for people: bytes in binary units, rates with one decimal. */
public final class Units {

    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Units() {
    }

    /** Formats a byte count such as {@code 512 B}, {@code 12.3 MiB} or {@code 4.0 GiB}. */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, BYTE_UNITS[unit]);
    }

    /** Formats a rate with one decimal below 10 and none above: {@code 0.5}, {@code 12}, {@code 3,400}. */
    public static String rate(double perSecond) {
        return perSecond < 10 ? String.format(Locale.ROOT, "%.1f", perSecond)
                : String.format(Locale.ROOT, "%,.0f", perSecond);
    }
}
