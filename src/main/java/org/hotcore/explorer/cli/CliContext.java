package org.hotcore.explorer.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The state that every command of one run shares: the output streams, the environment and the terminal. Output is
 * written as UTF-8 whatever the platform encoding, because names and values are UTF-8 text in escaped form.
 */
final class CliContext {

    private final PrintStream outStream;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, String> environment;
    private final Terminal terminal;

    CliContext(PrintStream out, PrintStream err, Map<String, String> environment, Terminal terminal) {
        this.outStream = out;
        // Standard output is flushed per page and at the end of a command, not per line, because it may be large.
        this.out = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), false);
        this.err = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        this.environment = Map.copyOf(environment);
        this.terminal = terminal;
    }

    /** Standard output: the data a command produces. */
    PrintWriter out() {
        return out;
    }

    /** Standard error: errors, warnings and progress. */
    PrintWriter err() {
        return err;
    }

    Map<String, String> environment() {
        return environment;
    }

    Terminal terminal() {
        return terminal;
    }

    /** Returns a progress line on stderr that draws only when the run has a terminal. */
    ProgressLine progress(String label) {
        return new ProgressLine(err, terminal.interactive(), label, System::nanoTime);
    }

    /**
     * Tells whether standard output can no longer be written, as when the reader of a pipe has exited, so a
     * streaming command can stop early. Flushes pending output to find out.
     */
    boolean outputClosed() {
        return out.checkError() || outStream.checkError();
    }

    /** Writes a warning line on stderr; the line is redacted like error lines. */
    void warn(String message) {
        out.flush();
        err.println(Cli.NAME + ": warning: " + Cli.redactUrls(message));
    }

    void flush() {
        out.flush();
        err.flush();
    }
}
