package org.hotcore.explorer.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.PrintWriter;
import java.util.List;
import org.hotcore.explorer.core.ChildSummary;
import org.hotcore.explorer.core.FindCursor;
import org.hotcore.explorer.core.FindQuery;
import org.hotcore.explorer.core.HotcoreStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Searches entities by attribute values with hotcore's find semantics. */
@Command(name = "find", mixinStandardHelpOptions = true,
        description = {"Finds the entities that match every ATTR=PATTERN term and prints uuid and name, separated by a"
                + " tab.",
                "A pattern with *, ? or [ is a Redis glob over the indexed values of that attribute; any other"
                        + " pattern must match exactly. parent=ID selects the children of ID. Results are printed"
                        + " page by page, in no particular order."})
final class FindCommand extends StoreCommand {

    @Parameters(arity = "1..*", paramLabel = "ATTR=PATTERN",
            description = "Search terms, split at the first '='; \\xHH writes a byte, \\\\ a backslash.")
    List<String> terms;

    @Option(names = "--page-size", paramLabel = "N", defaultValue = "500",
            description = "Results read per round of SSCAN and checks (default: ${DEFAULT-VALUE}).")
    int pageSize;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "Stop after N results; 0 prints all (default: ${DEFAULT-VALUE}).")
    long limit;

    @Option(names = "--json", description = "Print a JSON array of {\"id\", \"name\"}; name is null when missing.")
    boolean json;

    FindCommand(CliContext context) {
        super(context);
    }

    @Override
    int run(HotcoreStore store) throws Exception {
        if (pageSize < 1) {
            throw new IllegalArgumentException("invalid --page-size " + pageSize + ": use 1 or more");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("invalid --limit " + limit + ": use 0 for all results, or more");
        }
        for (String term : terms) {
            // Checks the escapes with a message that names the term; FindQuery.parse splits the terms.
            Values.unescape(term, term);
        }
        FindCursor cursor = store.find(FindQuery.parse(terms));
        // Names are read 3 commands per id in one pipeline, which must fit under the queue limit.
        int summaryChunk = Math.max(1, store.guard().limit() / 3);

        PrintWriter out = context.out();
        JsonGenerator generator = json ? Json.open(out) : null;
        if (generator != null) {
            generator.writeStartArray();
        }
        long printed = 0;
        while (!cursor.complete() && (limit == 0 || printed < limit)) {
            List<String> ids = cursor.next(pageSize);
            if (limit > 0 && printed + ids.size() > limit) {
                ids = ids.subList(0, (int) (limit - printed));
            }
            for (int from = 0; from < ids.size(); from += summaryChunk) {
                List<ChildSummary> summaries = store.summaries(ids.subList(from, Math.min(ids.size(),
                        from + summaryChunk)));
                for (ChildSummary summary : summaries) {
                    if (!summary.entityExists()) {
                        // Deleted since the search matched it.
                        continue;
                    }
                    if (generator != null) {
                        generator.writeStartObject();
                        generator.writeStringField("id", summary.id());
                        generator.writeStringField("name", summary.name());
                        generator.writeEndObject();
                    } else {
                        out.println(summary.id() + "\t" + Values.escapeControls(summary.name()));
                    }
                }
            }
            printed += ids.size();
            if (generator != null) {
                generator.flush();
            }
            if (context.outputClosed()) {
                return 0;
            }
        }
        if (generator != null) {
            generator.writeEndArray();
            Json.finish(generator, out);
        }
        return 0;
    }
}
