package org.hotcore.explorer.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The marked section of a Markdown file that a run rewrites: everything between {@code <!-- NAME:begin -->} and
 * {@code <!-- NAME:end -->}, both markers kept, the text outside them untouched.
 */
final class DocsTable {

    private DocsTable() {
    }

    static String beginMarker(String section) {
        return "<!-- " + section + ":begin -->";
    }

    static String endMarker(String section) {
        return "<!-- " + section + ":end -->";
    }

    /**
     * Checks that {@code file} exists and contains exactly one pair of markers of {@code section}, so a run can
     * fail before it spends minutes measuring.
     *
     * @throws IllegalArgumentException naming the file and what is missing
     */
    static void requireSection(Path file, String section) {
        replace(read(file, section), section, "", file);
    }

    /** Replaces the section of {@code file} with {@code content}, writing a temporary file and renaming it. */
    static void rewrite(Path file, String section, String content) throws IOException {
        String updated = replace(read(file, section), section, content, file);
        Path parent = file.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(parent, ".bench-", ".md");
        try {
            Files.writeString(temporary, updated, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Returns {@code text} with the lines between the markers of {@code section} replaced by {@code content}.
     *
     * @throws IllegalArgumentException when a marker is missing, repeated, or the end comes before the begin
     */
    static String replace(String text, String section, String content, Object source) {
        String begin = beginMarker(section);
        String end = endMarker(section);
        int beginAt = text.indexOf(begin);
        int endAt = text.indexOf(end);
        if (beginAt < 0 || endAt < 0) {
            throw new IllegalArgumentException("invalid --write-docs file '" + source + "': it lacks the marker "
                    + (beginAt < 0 ? begin : end) + "; add the lines " + begin + " and " + end
                    + " where the table belongs");
        }
        if (text.indexOf(begin, beginAt + 1) >= 0 || text.indexOf(end, endAt + 1) >= 0) {
            throw new IllegalArgumentException("invalid --write-docs file '" + source + "': the markers of section '"
                    + section + "' appear more than once; keep one pair");
        }
        if (endAt < beginAt) {
            throw new IllegalArgumentException("invalid --write-docs file '" + source + "': " + end
                    + " comes before " + begin + "; swap them");
        }
        String body = content.isEmpty() || content.endsWith("\n") ? content : content + "\n";
        return text.substring(0, beginAt + begin.length()) + "\n" + body + text.substring(endAt);
    }

    /**
     * Renders a run as Markdown: one paragraph on the machine and the command, then a table with one row per
     * case.
     */
    static String render(Machine machine, String command, double seconds, List<Result> results) {
        StringBuilder text = new StringBuilder();
        text.append("Run of ").append(machine.startedAt()).append(", `").append(command).append("`, ")
                .append(String.format(Locale.ROOT, "%.0f", seconds)).append(" s in all. Machine: ")
                .append(machine.sentence()).append("\n\n");
        text.append("| figure | case | result | target | met |\n");
        text.append("|---|---|---|---|---|\n");
        for (Result result : results) {
            String targets = result.checks().stream().map(Result.Check::target).collect(Collectors.joining("; "));
            String met = result.checks().stream().map(check -> check.pass() ? "yes" : "**no**")
                    .collect(Collectors.joining("; "));
            text.append("| ").append(cell(result.title())).append(" | ").append(cell(result.caseName()))
                    .append(" | ").append(cell(result.summary())).append(" | ").append(cell(targets.isEmpty() ? "-"
                            : targets))
                    .append(" | ").append(met.isEmpty() ? "-" : met).append(" |\n");
        }
        return text.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String read(Path file, String section) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("invalid --write-docs file '" + file + "': it does not exist; create it"
                    + " with the lines " + beginMarker(section) + " and " + endMarker(section));
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid --write-docs file '" + file + "': cannot read it ("
                    + e.getMessage() + ")", e);
        }
    }
}
