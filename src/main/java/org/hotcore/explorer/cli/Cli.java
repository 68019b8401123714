package org.hotcore.explorer.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hotcore.explorer.core.HotcoreException;
import org.hotcore.explorer.core.RedisUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The headless command line: builds the picocli command tree and maps failures to exit codes and one-line error
 * messages on stderr. Loads no JavaFX class.
 */
public final class Cli {

    private static final Logger log = LoggerFactory.getLogger(Cli.class);

    /** The program name in usage text and in the prefix of error lines. */
    public static final String NAME = "hotcore-explorer";

    /** The command ran to the end. */
    public static final int EXIT_OK = 0;
    /** Nothing or only part was done: rejected input or data, a conflict with concurrent writers, or a cancel. */
    public static final int EXIT_REJECTED = 1;
    /** Invalid command line: unknown option, missing argument, invalid URL or value. */
    public static final int EXIT_USAGE = 2;
    /** Redis could not be reached, refused the login, or the connection broke. */
    public static final int EXIT_UNAVAILABLE = 3;

    private static final Set<String> GLOBAL_OPTIONS = Set.of("--help", "-h", "--version", "-V");

    /**
     * The password of {@code scheme://user:password@} in any text, up to the last {@code @} before white space. The
     * user part has no {@code [} so that the {@code redis://[user[:password]@]host} syntax in help and error text
     * is left alone, and an empty password, as in the core's {@code redis://user:@host}, stays empty.
     */
    private static final Pattern URL_PASSWORD = Pattern.compile(
            "(?i)(\\b[a-z][a-z0-9+.-]*://)(?!\\[)([^\\s/@:\\[]*:)[^\\s@][^\\s]*@");

    /**
     * The user-info part of {@code scheme://password@}, which redis-cli reads as a password. Only usage errors, which
     * repeat what was typed, get this redaction. The core's redacted form {@code scheme://user:@host} has a colon,
     * so it does not match.
     */
    private static final Pattern URL_LONE_PASSWORD = Pattern.compile(
            "(?i)(\\b[a-z][a-z0-9+.-]*://)(?!\\[)[^\\s/@:\\[]+@");

    private Cli() {
    }

    /** The top command; it only groups the subcommands. */
    @Command(name = NAME, mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"Browses and edits hotcore entity trees in Redis from the command line.",
                    "Run without a command to open the desktop window."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:done",
                "1:rejected or cancelled: a missing entity, a cycle, invalid stored data, a conflict with concurrent"
                        + " writers, or a cancel",
                "2:invalid command line or option value, such as an invalid URL",
                "3:Redis unreachable, login refused, or connection lost"},
            footerHeading = "%nEnvironment:%n",
            footer = {"  REDISCLI_AUTH, REDIS_PASSWORD  password when the URL gives none, in this order"})
    static final class Root implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            throw new ParameterException(spec.commandLine(), "missing command: give one such as roots or tree");
        }
    }

    /** Reads the version from the jar manifest; classes outside a jar have none. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Cli.class.getPackage().getImplementationVersion();
            return new String[] {NAME + " " + (version == null ? "(development build, no jar manifest)" : version)};
        }
    }

    /**
     * Builds the command line for this process: System.out, System.err, the process environment and the terminal
     * from {@link System#console()}.
     */
    public static CommandLine commandLine() {
        return commandLine(System.out, System.err, System.getenv(), Terminal.system());
    }

    /** Builds a command line writing to {@code out} and {@code err}, with the terminal of this process. */
    public static CommandLine commandLine(PrintStream out, PrintStream err, Map<String, String> environment) {
        return commandLine(out, err, environment, Terminal.system());
    }

    /**
     * Builds a command line writing to {@code out} and {@code err} with the given environment and terminal.
     * {@link CommandLine#execute(String...)} returns the exit code and never calls {@link System#exit(int)}.
     */
    public static CommandLine commandLine(PrintStream out, PrintStream err, Map<String, String> environment,
                                          Terminal terminal) {
        CliContext context = new CliContext(out, err, environment, terminal);
        CommandLine commandLine = new CommandLine(new Root());
        for (Object command : List.of(new TreeCommand(context), new CountCommand(context), new GetCommand(context),
                new ChildrenCommand(context), new FindCommand(context), new CreateCommand(context),
                new ImportCommand(context), new SetCommand(context), new UnsetCommand(context),
                new MoveCommand(context), new DeleteCommand(context), new RootsCommand(context), new CheckCommand(context),
                new StatsCommand(context), new org.hotcore.explorer.bench.BenchCommand())) {
            commandLine.addSubcommand(command);
        }
        commandLine.addSubcommand(new CommandLine.HelpCommand());
        commandLine.setOut(context.out());
        commandLine.setErr(context.err());
        commandLine.setParameterExceptionHandler((exception, args) -> {
            reportUsageError(context, exception);
            return EXIT_USAGE;
        });
        commandLine.setExecutionExceptionHandler((exception, command, parseResult) ->
                reportFailure(context, exception));
        commandLine.setExecutionStrategy(parseResult -> {
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } finally {
                context.flush();
            }
        });
        return commandLine;
    }

    /**
     * Tells whether arguments starting with {@code firstArgument} are for the command line rather than the window:
     * a command name, a help or version option, or any other word that is not an option, so a misspelt command is
     * reported instead of opening the window.
     */
    public static boolean handles(String firstArgument) {
        return GLOBAL_OPTIONS.contains(firstArgument) || !firstArgument.startsWith("-");
    }

    /** Returns the names of the commands, such as {@code tree}. */
    public static Set<String> commandNames() {
        return Set.copyOf(commandLine().getSubcommands().keySet());
    }

    /** Runs the command line on this process's streams and returns the exit code. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Prints the one-line error for a failure and returns its exit code. */
    static int reportFailure(CliContext context, Exception exception) {
        int code = exitCode(exception);
        String message = exception.getMessage() == null ? exception.getClass().getSimpleName() : exception.getMessage();
        if (!(exception instanceof HotcoreException) && !(exception instanceof IllegalArgumentException)) {
            // Not an expected failure: keep the stack trace for a bug report, at WARN so it reaches stderr.
            log.warn("Unexpected failure", exception);
            message = "unexpected " + exception.getClass().getName() + ": " + message;
        }
        // Output printed before the failure goes first, so a terminal shows both in the order they happened.
        context.out().flush();
        context.err().println(NAME + ": error: " + redactUrls(message));
        context.flush();
        return code;
    }

    static int exitCode(Exception exception) {
        if (exception instanceof RedisUnavailableException) {
            return EXIT_UNAVAILABLE;
        }
        if (exception instanceof IllegalArgumentException || exception instanceof ParameterException) {
            return EXIT_USAGE;
        }
        // RejectedException, ConflictException and CancelledException by definition; any other failure too, because
        // the command did not finish.
        return EXIT_REJECTED;
    }

    private static void reportUsageError(CliContext context, ParameterException exception) {
        // picocli starts some messages with "Error: ", which would repeat the "error:" of the prefix.
        String message = exception.getMessage().replaceFirst("^Error: ", "");
        StringBuilder line = new StringBuilder(NAME + ": error: " + message);
        if (exception instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            line.append(" (did you mean ").append(String.join(" or ", unmatched.getSuggestions())).append("?)");
        }
        String commandPath = exception.getCommandLine().getCommandSpec().qualifiedName();
        line.append("; see '").append(commandPath).append(" --help'");
        context.err().println(redactTypedUrls(line.toString()));
        context.flush();
    }

    /** Replaces the password of every {@code user:password@} URL in {@code text} with {@code ***}. */
    static String redactUrls(String text) {
        return URL_PASSWORD.matcher(text).replaceAll(match -> Matcher.quoteReplacement(match.group(1)
                + match.group(2) + "***@"));
    }

    /** Like {@link #redactUrls(String)}, and also replaces the lone user-info of {@code scheme://password@}. */
    static String redactTypedUrls(String text) {
        return URL_LONE_PASSWORD.matcher(redactUrls(text)).replaceAll(match -> Matcher.quoteReplacement(
                match.group(1) + "***@"));
    }
}
