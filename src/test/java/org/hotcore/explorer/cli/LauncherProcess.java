package org.hotcore.explorer.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hotcore.explorer.Launcher;

/**
 * Runs {@link Launcher} in a separate JVM with this test JVM's class path, for what an in-process run cannot show:
 * {@code System.exit}, loaded classes and signals. Output goes to files in {@code folder}.
 */
final class LauncherProcess {

    /**
     * Selects the jar's logging configuration, because the test class path also has logback-test.xml, which logs
     * INFO to standard output.
     */
    static final List<String> JAR_LOGGING = List.of("-Dlogback.configurationFile=logback.xml");

    private final Process process;
    private final Path out;
    private final Path err;

    private LauncherProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static LauncherProcess start(Path folder, List<String> jvmOptions, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                "java").toString());
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Launcher.class.getName());
        command.addAll(List.of(args));
        Path out = folder.resolve("stdout.txt");
        Path err = folder.resolve("stderr.txt");
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        return new LauncherProcess(process, out, err);
    }

    Process process() {
        return process;
    }

    /** Waits for the exit, killing the process after {@code seconds}, and returns the exit code. */
    int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the launcher did not exit within " + seconds + " s; stderr: " + safeErr());
        }
        return process.exitValue();
    }

    String out() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    String err() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    private String safeErr() {
        try {
            return err();
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
