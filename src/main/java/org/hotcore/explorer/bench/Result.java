package org.hotcore.explorer.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outcome of one case of one figure: the measured values for the JSON line, one sentence for the documentation
 * table, and the targets it was checked against.
 */
final class Result {

    /**
     * One target and whether the measured value met it.
     *
     * @param target the target as written in the table, such as {@code >= 40,000 entities/s}
     * @param pass true when the measured value met it
     */
    record Check(String target, boolean pass) {
    }

    private final String figure;
    private final String title;
    private final String caseName;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final List<Check> checks = new ArrayList<>();
    private String summary = "";

    /**
     * Starts a result.
     *
     * @param figure the figure's name as {@code --only} takes it, such as {@code cascade}
     * @param title the figure's name in the table, such as {@code cascade delete}
     * @param caseName what this case measured, such as {@code 100,000 entities}
     */
    Result(String figure, String title, String caseName) {
        this.figure = figure;
        this.title = title;
        this.caseName = caseName;
    }

    String figure() {
        return figure;
    }

    String title() {
        return title;
    }

    String caseName() {
        return caseName;
    }

    String summary() {
        return summary;
    }

    List<Check> checks() {
        return List.copyOf(checks);
    }

    /** Adds a measured value to the JSON line; doubles are rounded to 3 decimals. */
    Result put(String name, Object value) {
        values.put(name, value instanceof Double number ? round(number, 3) : value);
        return this;
    }

    Object get(String name) {
        return values.get(name);
    }

    /**
     * Adds the rates of every run of a repeated case to the JSON line, as {@code runsEntitiesPerSecond}, and to the
     * sentence after {@code label}.
     */
    Result runs(String label, List<Long> entitiesPerSecond) {
        put("runsEntitiesPerSecond", entitiesPerSecond);
        summary = summary + "; " + label + ": " + entitiesPerSecond.stream().map(Result::grouped)
                .collect(Collectors.joining(", ")) + " entities/s";
        return this;
    }

    /** Sets the sentence shown in the table's result column. */
    Result summary(String text) {
        this.summary = text;
        return this;
    }

    /** Records whether the measured value met {@code target}. */
    Result check(String target, boolean pass) {
        checks.add(new Check(target, pass));
        return this;
    }

    /** Returns true when every target was met, false when one was missed, null when the case has no target. */
    Boolean pass() {
        if (checks.isEmpty()) {
            return null;
        }
        return checks.stream().allMatch(Check::pass);
    }

    /** Returns the JSON line's fields: figure, case, the values, the targets and the overall pass. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("figure", figure);
        map.put("case", caseName);
        map.putAll(values);
        List<Map<String, Object>> targets = new ArrayList<>();
        for (Check check : checks) {
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("target", check.target());
            target.put("pass", check.pass());
            targets.add(target);
        }
        map.put("targets", targets);
        map.put("pass", pass());
        return map;
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** Formats a count with thousands separators, such as {@code 1,000,000}. */
    static String grouped(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** Formats a rate or count rounded to a whole number, with thousands separators. */
    static String grouped(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    /** Formats milliseconds with 2 decimals below 10 ms and 1 decimal above. */
    static String millis(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f ms" : "%,.1f ms", value);
    }

    /** Formats a share such as 0.314 as {@code 31.4 %}. */
    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}
