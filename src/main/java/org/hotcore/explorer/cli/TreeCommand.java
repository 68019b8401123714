package org.hotcore.explorer.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.PrintWriter;
import java.util.List;
import org.hotcore.explorer.core.Cancellation;
import org.hotcore.explorer.core.HotcoreStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints a bounded, indented view of a tree. */
@Command(name = "tree", mixinStandardHelpOptions = true,
        description = {"Prints the tree below ID, or below every top-level id, indented by depth: name, [type], uuid"
                + " and child count of each entity.",
                "Output is bounded: at most --depth levels below ID and --max-children-per-node children of each"
                        + " node, followed by '… N more' when there are more. Children appear in the server's SSCAN"
                        + " order."})
final class TreeCommand extends StoreCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID",
            description = "Entity uuid or top-level id; default: every top-level id, found by a SCAN of c:* keys.")
    String id;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "2",
            description = "Levels shown below ID; 0 shows ID alone (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--max-children-per-node", paramLabel = "N", defaultValue = "50",
            description = "Children shown per node (default: ${DEFAULT-VALUE}).")
    int maxChildren;

    @Option(names = "--json", description = "Print nested JSON objects: id, name, type, entity, childCount, and for"
            + " expanded nodes children and more. Without ID, an array of them.")
    boolean json;

    TreeCommand(CliContext context) {
        super(context);
    }

    @Override
    int run(HotcoreStore store) throws Exception {
        if (depth < 0) {
            throw new IllegalArgumentException("invalid --depth " + depth + ": use 0 or more");
        }
        if (maxChildren < 1) {
            throw new IllegalArgumentException("invalid --max-children-per-node " + maxChildren + ": use 1 or more");
        }
        List<String> starts;
        if (id != null) {
            starts = List.of(id);
        } else {
            try (ProgressLine progress = context.progress("scanning keys")) {
                starts = store.topLevelIds(progress, Cancellation.NEVER);
            }
        }

        PrintWriter out = context.out();
        JsonGenerator generator = json ? Json.open(out) : null;
        TreeWalk.Printer printer = generator != null
                ? new TreeWalk.JsonPrinter(generator)
                : new TreeWalk.TextPrinter(out);
        if (generator != null && id == null) {
            generator.writeStartArray();
        }
        TreeWalk walk = new TreeWalk(store, depth, maxChildren, printer, context::outputClosed);
        for (String start : starts) {
            if (!walk.print(start)) {
                return 0;
            }
        }
        if (generator != null) {
            if (id == null) {
                generator.writeEndArray();
            }
            Json.finish(generator, out);
        }
        return 0;
    }
}
