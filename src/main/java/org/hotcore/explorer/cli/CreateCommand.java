package org.hotcore.explorer.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.util.List;
import org.hotcore.explorer.core.HotcoreStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Creates an entity. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Creates an entity under PARENT with the given attributes, in one transaction with its index"
                + " and GEO entries, and prints its new uuid."})
final class CreateCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "PARENT", description = "Parent entity uuid or top-level id, such as root.")
    String parent;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "ATTR=VALUE",
            description = "Attributes, split at the first '='; \\xHH writes a byte, \\\\ a backslash.")
    List<String> attributes;

    @Option(names = "--json", description = "Print {\"id\": ..., \"parent\": ...}.")
    boolean json;

    CreateCommand(CliContext context) {
        super(context);
    }

    @Override
    int run(HotcoreStore store) throws Exception {
        String id = store.create(parent, Values.parseAssignments(attributes));
        if (json) {
            JsonGenerator generator = Json.open(context.out());
            generator.writeStartObject();
            generator.writeStringField("id", id);
            generator.writeStringField("parent", parent);
            generator.writeEndObject();
            Json.finish(generator, context.out());
        } else {
            context.out().println(id);
        }
        return 0;
    }
}
