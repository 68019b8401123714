package org.hotcore.explorer.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import org.hotcore.explorer.core.Cancellation;
import org.hotcore.explorer.core.HotcoreStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Counts the entities of a subtree. */
@Command(name = "count", mixinStandardHelpOptions = true,
        description = {"Counts the entities in the subtree of ID, ID itself included when it is an entity.",
                "Walks the children sets with SSCAN; memory grows with the depth of the tree, not its size."})
final class CountCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "Entity uuid or top-level id, such as root.")
    String id;

    @Option(names = "--json", description = "Print {\"id\": ..., \"count\": ...}.")
    boolean json;

    CountCommand(CliContext context) {
        super(context);
    }

    @Override
    int run(HotcoreStore store) throws Exception {
        long count;
        try (ProgressLine progress = context.progress("counting entities")) {
            count = store.countSubtree(id, progress, Cancellation.NEVER);
        }
        if (json) {
            JsonGenerator generator = Json.open(context.out());
            generator.writeStartObject();
            generator.writeStringField("id", id);
            generator.writeNumberField("count", count);
            generator.writeEndObject();
            Json.finish(generator, context.out());
        } else {
            context.out().println(count);
        }
        return 0;
    }
}
