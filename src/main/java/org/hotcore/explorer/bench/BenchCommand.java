package org.hotcore.explorer.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.hotcore.explorer.core.CommandGuard;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.core.RedisConnection;
import org.hotcore.explorer.core.RedisSettings;
import org.hotcore.explorer.core.RejectedException;
import org.hotcore.explorer.server.LocalRedisServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The benchmark: writes its own data, measures the storage core, prints one JSON line per figure and case on
 * standard output, and can rewrite the marked table of a Markdown file. Progress goes to standard error.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures the storage core on data it writes itself and prints one JSON line per result.",
                "Figures: limit (pipelined SADD+HSET commands/s), cascade (cascade delete), children (first page of"
                        + " children), move, create (speed-test shape), integrity (integrity check).",
                "Without --redis it starts its own redis-server on a free loopback port and stops it at the end. With"
                        + " --redis the database must be empty: the run fills it and empties it with FLUSHDB before"
                        + " every figure and at the end."})
public final class BenchCommand implements Callable<Integer> {

    /** Figure names in the order they run. */
    static final List<String> FIGURES = List.of(LimitFigure.NAME, CascadeFigure.NAME, ChildPageFigure.NAME,
            MoveFigure.NAME, CreateFigure.NAME, IntegrityFigure.NAME);

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--redis", paramLabel = "URL",
            description = "Empty Redis database to run on, as redis[s]://[user[:password]@]host[:port][/database]"
                    + " (default: a redis-server started for this run). A password may also come from REDISCLI_AUTH"
                    + " or REDIS_PASSWORD.")
    String redisUrl;

    @Option(names = "--only", split = ",", paramLabel = "NAME",
            description = "Figures to run, comma-separated, from: limit, cascade, children, move, create, integrity"
                    + " (default: all). cascade runs limit too, because it reports a share of it.")
    List<String> only;

    // 1,000,000 is left out by default: with it a run of every figure took 5 min 44 s on 2 shared cores.
    @Option(names = "--sizes", split = ",", paramLabel = "N", defaultValue = "10000,100000",
            description = "Entities in each subtree that cascade deletes, such as 10000,100000,1000000"
                    + " (default: ${DEFAULT-VALUE}).")
    List<Integer> cascadeSizes;

    @Option(names = "--children", split = ",", paramLabel = "N", defaultValue = "1000,100000,1000000",
            description = "Children of each node whose first page children reads (default: ${DEFAULT-VALUE}).")
    List<Integer> childCounts;

    @Option(names = "--depths", split = ",", paramLabel = "D", defaultValue = "1,10,100,1000",
            description = "Depths of the parents between which move moves a leaf (default: ${DEFAULT-VALUE}).")
    List<Integer> depths;

    @Option(names = "--limit-commands", paramLabel = "N", defaultValue = "1000000",
            description = "Commands that limit times, in batches of 1,000 (default: ${DEFAULT-VALUE}).")
    int limitCommands;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "100",
            description = "Timed calls per latency case of children and move (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "10",
            description = "Untimed calls before the timed ones; 0 also skips the warm-up runs of limit, cascade and"
                    + " create (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "8",
            description = "Threads of the multi-threaded create (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--speedtest", split = ",", paramLabel = "N", defaultValue = "99,49,50",
            description = "Shape of the create figure: parents under parent1, children per parent, attributes per"
                    + " entity (default: ${DEFAULT-VALUE}).")
    List<Integer> speedTest;

    @Option(names = "--integrity-size", paramLabel = "N", defaultValue = "1000000",
            description = "Entities of the tree that integrity checks (default: ${DEFAULT-VALUE}).")
    int integritySize;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1000",
            description = "Maximum entities per cascade delete transaction, as the delete command's --batch-size;"
                    + " the core uses at most 128 (default: ${DEFAULT-VALUE}, the core's default).")
    int cascadeBatch;

    @Option(names = "--write-docs", paramLabel = "FILE",
            description = "Markdown file whose section between <!-- SECTION:begin --> and <!-- SECTION:end --> is"
                    + " replaced by a table of this run; checked before the run starts.")
    Path docsFile;

    @Option(names = "--docs-section", paramLabel = "SECTION", defaultValue = "bench",
            description = "Marker name of the section --write-docs replaces (default: ${DEFAULT-VALUE}).")
    String docsSection;

    @Override
    public Integer call() throws Exception {
        List<String> figures = selectedFigures();
        Bench.Settings settings = settings();
        if (docsFile != null) {
            DocsTable.requireSection(docsFile, docsSection);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long runStart = System.nanoTime();

        LocalRedisServer server = null;
        try {
            String url;
            String serverDescription;
            if (redisUrl == null) {
                err.println("bench: starting redis-server on a free loopback port");
                err.flush();
                server = LocalRedisServer.builder().start();
                url = server.url();
                serverDescription = "started by the run on 127.0.0.1, " + server.binary();
            } else {
                url = redisUrl;
                serverDescription = RedisSettings.redact(redisUrl);
            }
            RedisSettings redisSettings = RedisSettings.parse(url)
                    .poolSize(Math.max(8, threads + 2))
                    .readTimeoutMillis(120_000)
                    .build()
                    .withPasswordFrom(System.getenv());
            try (RedisConnection connection = new RedisConnection(redisSettings,
                    new CommandGuard(CommandGuard.DEFAULT_LIMIT))) {
                HotcoreStore store = new HotcoreStore(connection);
                String version = connection.ping();
                requireEmpty(connection, redisSettings);
                Machine machine = Machine.describe(version, serverDescription);
                String command = commandText();
                Map<String, Object> runLine = new LinkedHashMap<>();
                runLine.put("figure", "run");
                runLine.put("command", command);
                runLine.putAll(machine.toMap());
                printJson(out, runLine);

                List<Result> results = new ArrayList<>();
                Bench bench = new Bench(store, settings, err, result -> {
                    results.add(result);
                    printJson(out, result.toMap());
                    err.println("bench: " + result.title() + ", " + result.caseName() + ": " + result.summary()
                            + targetsText(result));
                    err.flush();
                });
                try {
                    for (String name : figures) {
                        figure(name).run(bench);
                        bench.flushDatabase();
                    }
                } finally {
                    bench.flushDatabase();
                }

                double seconds = Bench.seconds(System.nanoTime() - runStart);
                long met = results.stream().flatMap(r -> r.checks().stream()).filter(Result.Check::pass).count();
                long missed = results.stream().flatMap(r -> r.checks().stream()).filter(c -> !c.pass()).count();
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("figure", "summary");
                summary.put("seconds", Result.round(seconds, 1));
                summary.put("targetsMet", met);
                summary.put("targetsMissed", missed);
                printJson(out, summary);
                if (docsFile != null) {
                    DocsTable.rewrite(docsFile, docsSection, DocsTable.render(machine, command, seconds, results));
                    err.println("bench: rewrote section '" + docsSection + "' of " + docsFile);
                }
            }
        } finally {
            if (server != null) {
                server.close();
            }
            err.flush();
        }
        return 0;
    }

    private List<String> selectedFigures() {
        if (only == null || only.isEmpty()) {
            return FIGURES;
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String name : only) {
            String trimmed = name.strip();
            if (!FIGURES.contains(trimmed)) {
                throw new ParameterException(spec.commandLine(), "invalid --only figure '" + trimmed + "': use one or"
                        + " more of " + String.join(", ", FIGURES));
            }
            chosen.add(trimmed);
        }
        // Run in the fixed order, so limit comes before cascade.
        return FIGURES.stream().filter(chosen::contains).toList();
    }

    private Bench.Settings settings() {
        requirePositive("--sizes", cascadeSizes);
        requirePositive("--children", childCounts);
        requirePositive("--depths", depths);
        requirePositive("--speedtest", speedTest);
        if (speedTest.size() != 3) {
            throw new ParameterException(spec.commandLine(), "invalid --speedtest " + speedTest + ": give 3 numbers,"
                    + " parents, children per parent and attributes per entity, such as 99,49,50");
        }
        requirePositive("--limit-commands", List.of(limitCommands));
        requirePositive("--samples", List.of(samples));
        requirePositive("--threads", List.of(threads));
        requirePositive("--integrity-size", List.of(integritySize));
        requirePositive("--batch-size", List.of(cascadeBatch));
        if (warmup < 0) {
            throw new ParameterException(spec.commandLine(), "invalid --warmup " + warmup + ": use 0 or more");
        }
        return new Bench.Settings(List.copyOf(cascadeSizes), List.copyOf(childCounts), List.copyOf(depths),
                limitCommands, samples, warmup, threads, speedTest.get(0), speedTest.get(1), speedTest.get(2),
                integritySize, cascadeBatch);
    }

    private void requirePositive(String option, List<Integer> values) {
        for (int value : values) {
            if (value < 1) {
                throw new ParameterException(spec.commandLine(), "invalid " + option + " " + value
                        + ": use 1 or more");
            }
        }
    }

    private static void requireEmpty(RedisConnection connection, RedisSettings settings) {
        long keys = connection.withJedis(jedis -> jedis.dbSize());
        if (keys > 0) {
            throw new RejectedException("the database " + settings.redactedUrl() + " contains " + keys
                    + (keys == 1 ? " key" : " keys") + ", but bench needs an empty one, because it writes millions of keys and empties the database with"
                    + " FLUSHDB; give the number of an empty database in the URL, such as /15, or leave out --redis to"
                    + " use a server started for the run");
        }
    }

    private static Figure figure(String name) {
        return switch (name) {
            case LimitFigure.NAME -> new LimitFigure();
            case CascadeFigure.NAME -> new CascadeFigure();
            case ChildPageFigure.NAME -> new ChildPageFigure();
            case MoveFigure.NAME -> new MoveFigure();
            case CreateFigure.NAME -> new CreateFigure();
            case IntegrityFigure.NAME -> new IntegrityFigure();
            default -> throw new IllegalArgumentException("unknown figure " + name);
        };
    }

    /** Returns the command as typed, from {@code bench} on, with any password in the URL replaced. */
    private String commandText() {
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        int at = args.indexOf(spec.name());
        List<String> own = at < 0 ? args : args.subList(at + 1, args.size());
        StringBuilder text = new StringBuilder(spec.name());
        for (int i = 0; i < own.size(); i++) {
            String arg = own.get(i);
            boolean url = i > 0 && own.get(i - 1).equals("--redis") || arg.startsWith("--redis=");
            text.append(' ').append(url ? RedisSettings.redact(arg) : arg);
        }
        return text.toString();
    }

    private static String targetsText(Result result) {
        if (result.checks().isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(" [");
        for (Result.Check check : result.checks()) {
            if (text.length() > 2) {
                text.append("; ");
            }
            text.append(check.target()).append(": ").append(check.pass() ? "pass" : "FAIL");
        }
        return text.append(']').toString();
    }

    private static void printJson(PrintWriter out, Map<String, Object> fields) {
        try {
            out.println(JSON.writeValueAsString(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a result as JSON: " + e.getMessage(), e);
        }
        out.flush();
    }
}
