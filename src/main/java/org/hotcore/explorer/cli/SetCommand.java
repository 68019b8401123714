package org.hotcore.explorer.cli;

import java.util.List;
import org.hotcore.explorer.core.HotcoreStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Sets attributes of an entity. */
@Command(name = "set", mixinStandardHelpOptions = true,
        description = {"Sets attributes of an entity in one transaction; index sets and GEO sets follow.",
                "Prints nothing on success."})
final class SetCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "UUID", description = "The entity's uuid.")
    String id;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "ATTR=VALUE",
            description = "Attributes, split at the first '='; \\xHH writes a byte, \\\\ a backslash.")
    List<String> attributes;

    SetCommand(CliContext context) {
        super(context);
    }

    @Override
    int run(HotcoreStore store) {
        store.apply(id, Values.parseAssignments(attributes));
        return 0;
    }
}
