package org.hotcore.explorer.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.time.Duration;
import org.hotcore.explorer.core.CancelledException;
import org.hotcore.explorer.core.CascadeDelete;
import org.hotcore.explorer.core.HotcoreStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Deletes an entity, either lifting its children to its parent or with its whole subtree. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Deletes an entity. Give exactly one of --lift-children and --cascade.",
                "Both work in transactions of at most --batch-size entities, and the tree is valid after each one."
                        + " Ctrl+C stops the delete after the batch in flight and reports what was deleted."})
final class DeleteCommand extends StoreCommand {

    /** The two ways to delete; picocli requires exactly one. */
    static final class Mode {
        @Option(names = "--lift-children", required = true,
                description = "Delete only UUID and move its children to its parent.")
        boolean liftChildren;

        @Option(names = "--cascade", required = true,
                description = "Delete UUID and its whole subtree, bottom-up. With a top-level id, delete everything"
                        + " under it.")
        boolean cascade;
    }

    @Parameters(index = "0", paramLabel = "UUID", description = "The entity to delete; with --cascade also a"
            + " top-level id.")
    String id;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1000",
            description = {"Maximum entities deleted, or children moved, per transaction (default: ${DEFAULT-VALUE}).",
                    "A cascade transaction deletes at most 128 entities whatever this is, because WATCH of more keys"
                            + " costs the server more than the batch saves."})
    int batchSize;

    @Option(names = "--json", description = "Print the result as a JSON object.")
    boolean json;

    DeleteCommand(CliContext context) {
        super(context);
    }

    @Override
    int run(HotcoreStore store) throws Exception {
        if (batchSize < 1) {
            throw new IllegalArgumentException("invalid --batch-size " + batchSize + ": use 1 or more");
        }
        // NOTE: an estimate. A batch sends a few commands, each bounded by the read timeout, so a batch that is slow
        // on every command can take longer, and the JVM then exits with it in flight: it commits whole or not at all.
        Duration maxWait = Duration.ofMillis(2L * connection.readTimeoutMillis + connection.connectTimeoutMillis);
        try (ShutdownCancellation cancellation = new ShutdownCancellation("delete of " + id, maxWait)) {
            try {
                return mode.cascade ? cascade(store, cancellation) : lift(store, cancellation);
            } catch (Exception e) {
                // Reported here, before close() lets a pending shutdown halt the JVM.
                return Cli.reportFailure(context, e);
            } finally {
                context.flush();
            }
        }
    }

    private int cascade(HotcoreStore store, ShutdownCancellation cancellation) throws Exception {
        CascadeDelete.Result result;
        try (ProgressLine progress = context.progress("deleting entities")) {
            try {
                result = store.deleteCascade(id, new CascadeDelete.Options(batchSize,
                        CascadeDelete.Options.DEFAULT.maxConflicts()), progress, cancellation);
            } catch (CancelledException e) {
                // Batches end with a cancelled result, so this cancel came while the subtree was being counted.
                progress.keep();
                throw new CancelledException("cascade delete of " + id + " cancelled while counting the subtree,"
                        + " before any entity was deleted");
            }
            if (result.cancelled()) {
                progress.keep();
            }
        }
        if (json) {
            JsonGenerator generator = Json.open(context.out());
            generator.writeStartObject();
            generator.writeStringField("id", id);
            generator.writeNumberField("deleted", result.deleted());
            generator.writeNumberField("total", result.total());
            generator.writeNumberField("batches", result.batches());
            generator.writeBooleanField("cancelled", result.cancelled());
            generator.writeEndObject();
            Json.finish(generator, context.out());
        } else {
            context.out().println("deleted " + plural(result.deleted(), "entity", "entities") + " in "
                    + plural(result.batches(), "batch", "batches"));
        }
        if (result.cancelled()) {
            context.err().println(Cli.NAME + ": error: cascade delete of " + id + " cancelled after deleting "
                    + result.deleted() + " of " + result.total() + " entities; the rest is still a valid tree, run"
                    + " the same command again to delete it");
            return Cli.EXIT_REJECTED;
        }
        return 0;
    }

    private int lift(HotcoreStore store, ShutdownCancellation cancellation) throws Exception {
        String parent = store.parentOf(id);
        long[] lifted = new long[1];
        try (ProgressLine progress = context.progress("lifting children")) {
            try {
                store.deleteLiftingChildren(id, batchSize, (done, total) -> {
                    lifted[0] = done;
                    progress.update(done, total);
                }, cancellation);
            } catch (CancelledException e) {
                progress.keep();
                throw e;
            }
        }
        if (json) {
            JsonGenerator generator = Json.open(context.out());
            generator.writeStartObject();
            generator.writeStringField("id", id);
            generator.writeStringField("parent", parent);
            generator.writeNumberField("liftedChildren", lifted[0]);
            generator.writeEndObject();
            Json.finish(generator, context.out());
        } else {
            context.out().println("deleted " + id + "; lifted " + plural(lifted[0], "child", "children") + " to "
                    + parent);
        }
        return 0;
    }

    private static String plural(long count, String one, String many) {
        return count + " " + (count == 1 ? one : many);
    }
}
