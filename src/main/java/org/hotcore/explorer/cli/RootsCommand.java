package org.hotcore.explorer.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.PrintWriter;
import java.util.List;
import org.hotcore.explorer.core.Cancellation;
import org.hotcore.explorer.core.HotcoreStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lists the top-level ids. */
@Command(name = "roots", mixinStandardHelpOptions = true,
        description = {"Lists the top-level ids: ids with a children set c:<id> but no entity e:<id>, such as root.",
                "Scans every c:* key with SCAN, so it takes time on a large database; root comes first."})
final class RootsCommand extends StoreCommand {

    @Option(names = "--json", description = "Print a JSON array of ids.")
    boolean json;

    RootsCommand(CliContext context) {
        super(context);
    }

    @Override
    int run(HotcoreStore store) throws Exception {
        List<String> ids;
        try (ProgressLine progress = context.progress("scanning keys")) {
            ids = store.topLevelIds(progress, Cancellation.NEVER);
        }
        PrintWriter out = context.out();
        if (json) {
            JsonGenerator generator = Json.open(out);
            generator.writeStartArray();
            for (String id : ids) {
                generator.writeString(id);
            }
            generator.writeEndArray();
            Json.finish(generator, out);
        } else {
            ids.forEach(id -> out.println(Values.escapeControls(id)));
        }
        return 0;
    }
}
