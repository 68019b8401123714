package org.hotcore.explorer.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hotcore.explorer.core.Bytes;
import org.hotcore.explorer.core.HotcoreStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Removes attributes of an entity. */
@Command(name = "unset", mixinStandardHelpOptions = true,
        description = {"Removes attributes of an entity in one transaction; index sets and GEO sets follow.",
                "Removing every attribute is rejected, because Redis would drop the empty hash and with it the entity.",
                "Prints nothing on success."})
final class UnsetCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "UUID", description = "The entity's uuid.")
    String id;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "ATTR",
            description = "Attribute names; \\xHH writes a byte, \\\\ a backslash.")
    List<String> names;

    UnsetCommand(CliContext context) {
        super(context);
    }

    @Override
    int run(HotcoreStore store) {
        Map<Bytes, Bytes> changes = new LinkedHashMap<>();
        for (Bytes name : Values.parseNames(names)) {
            // A null value removes the attribute.
            changes.put(name, null);
        }
        store.apply(id, changes);
        return 0;
    }
}
