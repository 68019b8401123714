package org.hotcore.explorer;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Set;
import org.hotcore.explorer.cli.Cli;

/**
 * The entry point of the jar. A command (or {@code --help}, {@code --version}) runs the headless command line and
 * exits with its code; no JavaFX class is loaded on that path. Anything else, no arguments or only options such as
 * {@code --redis URL}, opens the desktop window, which is looked up by reflection so this class does not link
 * against JavaFX.
 */
public final class Launcher {

    /** The class whose static {@code launch(String[])} opens the window. */
    static final String WINDOW_LAUNCHER = "org.hotcore.explorer.ui.ExplorerLauncher";

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && Cli.handles(args[0])) {
            System.exit(Cli.run(args));
        }
        String misplaced = misplacedCommand(args);
        if (misplaced != null) {
            System.err.println(Cli.NAME + ": error: the command '" + misplaced + "' must come first, as in '" + Cli.NAME
                    + " " + misplaced + " --redis URL'; options alone open the window");
            System.exit(Cli.EXIT_USAGE);
        }
        int failure = openWindow(WINDOW_LAUNCHER, args, System.err);
        if (failure != 0) {
            System.exit(failure);
        }
    }

    /** Returns a command name given after the first argument, which the window would otherwise ignore, or null. */
    public static String misplacedCommand(String[] args) {
        Set<String> commands = Cli.commandNames();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("-") && commands.contains(args[i])) {
                return args[i];
            }
        }
        return null;
    }

    /**
     * Calls {@code launch(String[])} of {@code className}.
     *
     * @return 0 when the window was launched, or 2 after printing one error line when the class or JavaFX is
     *     missing from this build
     */
    /** Returns the message of a missing-display failure in {@code error} or its causes, or null. */
    private static String displayFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UnsupportedOperationException && t.getMessage() != null
                    && t.getMessage().contains("DISPLAY")) {
                return t.getMessage();
            }
        }
        return null;
    }

    public static int openWindow(String className, String[] args, PrintStream err) {
        try {
            Class.forName(className).getMethod("launch", String[].class).invoke(null, (Object) args);
            return 0;
        } catch (ClassNotFoundException e) {
            err.println(Cli.NAME + ": error: the desktop window is not part of this build (class " + className
                    + " not found); run a command instead, see '" + Cli.NAME + " --help'");
            return Cli.EXIT_USAGE;
        } catch (NoSuchMethodException | IllegalAccessException | LinkageError e) {
            err.println(Cli.NAME + ": error: the desktop window cannot start, because " + className + " or JavaFX"
                    + " failed to load (" + e + "); run a command instead, see '" + Cli.NAME + " --help'");
            return Cli.EXIT_USAGE;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            String display = displayFailure(cause);
            if (display != null) {
                err.println(Cli.NAME + ": error: the desktop window cannot open: " + display + "; run it where a"
                        + " display is available (set DISPLAY on Linux), or run a command, see '" + Cli.NAME
                        + " --help'");
                return Cli.EXIT_USAGE;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("opening the window failed: " + cause, cause);
        }
    }
}
