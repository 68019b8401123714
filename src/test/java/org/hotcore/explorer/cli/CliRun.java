package org.hotcore.explorer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One in-process run of the command line with captured standard output and error.
 *
 * @param exitCode what {@code execute} returned
 * @param out standard output, decoded as UTF-8
 * @param err standard error, decoded as UTF-8
 */
record CliRun(int exitCode, String out, String err) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs {@code args} with an empty environment and no terminal. */
    static CliRun run(String... args) {
        return run(Map.of(), Terminal.NONE, args);
    }

    /** Runs {@code args} followed by {@code --redis url}. */
    static CliRun on(String url, String... args) {
        return run(withUrl(url, args));
    }

    static String[] withUrl(String url, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--redis");
        all.add(url);
        return all.toArray(String[]::new);
    }

    static CliRun run(Map<String, String> environment, Terminal terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int code = Cli.commandLine(outStream, errStream, environment, terminal).execute(args);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    /** Returns the non-empty lines of standard output. */
    List<String> lines() {
        return out.lines().filter(line -> !line.isEmpty()).toList();
    }

    /** Parses standard output as one JSON document. */
    JsonNode json() {
        try {
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new AssertionError("standard output is not JSON: " + out, e);
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
