package org.hotcore.explorer.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import org.hotcore.explorer.core.ChildCursor;
import org.hotcore.explorer.core.ChildPage;
import org.hotcore.explorer.core.ChildSummary;
import org.hotcore.explorer.core.EntityNotFoundException;
import org.hotcore.explorer.core.HotcoreStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Streams the children of one id, page by page. */
@Command(name = "children", mixinStandardHelpOptions = true,
        description = {"Lists every child of ID, one per line: uuid, name, type and child count, separated by tabs.",
                "Children are read page by page with SSCAN and printed as each page arrives, in the server's order;"
                        + " a uuid listed in c:<ID> without an entity gets a warning on stderr."})
final class ChildrenCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "Entity uuid or top-level id, such as root.")
    String id;

    @Option(names = "--page-size", paramLabel = "N", defaultValue = "500",
            description = "Children read per page, at 3 pipelined commands each (default: ${DEFAULT-VALUE}).")
    int pageSize;

    @Option(names = "--json", description = "Print a JSON array of {\"id\", \"name\", \"type\", \"childCount\","
            + " \"entity\"}; name and type are null when missing.")
    boolean json;

    ChildrenCommand(CliContext context) {
        super(context);
    }

    @Override
    int run(HotcoreStore store) throws Exception {
        if (pageSize < 1) {
            throw new IllegalArgumentException("invalid --page-size " + pageSize + ": use 1 or more");
        }
        ChildSummary parent = store.summary(id);
        if (!parent.entityExists() && parent.childCount() == 0 && !HotcoreStore.ROOT.equals(id)) {
            throw new EntityNotFoundException(id, "it is neither an entity nor a top-level id; list top-level ids"
                    + " with 'roots'");
        }
        PrintWriter out = context.out();
        JsonGenerator generator = json ? Json.open(out) : null;
        if (generator != null) {
            generator.writeStartArray();
        }
        ChildCursor cursor = store.children(id);
        try (ProgressLine progress = context.progress("reading children")) {
            while (!cursor.complete()) {
                ChildPage page = cursor.next(pageSize);
                progress.clear();
                for (ChildSummary child : page.children()) {
                    if (!child.entityExists()) {
                        context.warn("c:" + id + " lists " + child.id() + ", which has no entity e:" + child.id()
                                + "; the tree is damaged there");
                    }
                    if (generator != null) {
                        writeJson(generator, child);
                    } else {
                        out.println(child.id() + "\t" + Values.escapeControls(child.name()) + "\t"
                                + Values.escapeControls(child.type()) + "\t" + child.childCount());
                    }
                }
                if (generator != null) {
                    generator.flush();
                }
                if (context.outputClosed()) {
                    // Standard output is closed, as after "| head", so the rest would be read for no reader.
                    return 0;
                }
                progress.update(cursor.loaded(), Math.max(parent.childCount(), cursor.loaded()));
            }
        }
        if (generator != null) {
            generator.writeEndArray();
            Json.finish(generator, out);
        }
        return 0;
    }

    static void writeJson(JsonGenerator generator, ChildSummary child) throws IOException {
        generator.writeStartObject();
        generator.writeStringField("id", child.id());
        generator.writeStringField("name", child.name());
        generator.writeStringField("type", child.type());
        generator.writeNumberField("childCount", child.childCount());
        generator.writeBooleanField("entity", child.entityExists());
        generator.writeEndObject();
    }
}
