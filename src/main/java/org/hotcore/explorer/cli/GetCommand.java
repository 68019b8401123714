package org.hotcore.explorer.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import org.hotcore.explorer.core.Bytes;
import org.hotcore.explorer.core.Entity;
import org.hotcore.explorer.core.HotcoreStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints every attribute of one entity. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = {"Prints every attribute of an entity, sorted by name, as ATTR=VALUE lines after a '# parent'"
                + " line.",
                "Names and values are in escaped form: a backslash is \\\\, and a byte that is not part of valid"
                        + " UTF-8 is \\xHH, as are control characters, '=' in names and a '#' that starts a name. So"
                        + " each line can be given back to 'set' unchanged."})
final class GetCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "UUID", description = "The entity's uuid.")
    String id;

    @Option(names = "--json", description = "Print {\"id\", \"parent\", \"attributes\": {name: value}} with names"
            + " and values in escaped form.")
    boolean json;

    GetCommand(CliContext context) {
        super(context);
    }

    @Override
    int run(HotcoreStore store) throws Exception {
        Entity entity = store.get(id);
        Map<Bytes, Bytes> sorted = new TreeMap<>(entity.attributes());
        PrintWriter out = context.out();
        if (json) {
            JsonGenerator generator = Json.open(out);
            generator.writeStartObject();
            generator.writeStringField("id", entity.id());
            generator.writeStringField("parent", entity.parentId());
            generator.writeObjectFieldStart("attributes");
            for (Map.Entry<Bytes, Bytes> attribute : sorted.entrySet()) {
                generator.writeStringField(attribute.getKey().escaped(), attribute.getValue().escaped());
            }
            generator.writeEndObject();
            generator.writeEndObject();
            Json.finish(generator, out);
            return 0;
        }
        out.println("# parent " + (entity.parentId() == null ? "(none: p:" + id + " is missing)"
                : Values.escapeControls(entity.parentId())));
        for (Map.Entry<Bytes, Bytes> attribute : sorted.entrySet()) {
            out.println(Values.displayName(attribute.getKey()) + "=" + Values.display(attribute.getValue()));
        }
        return 0;
    }
}
