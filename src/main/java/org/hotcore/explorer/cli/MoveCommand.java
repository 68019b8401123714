package org.hotcore.explorer.cli;

import org.hotcore.explorer.core.HotcoreStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Moves an entity under another parent. */
@Command(name = "move", mixinStandardHelpOptions = true,
        description = {"Moves an entity, with its subtree, under NEW_PARENT in one transaction.",
                "Rejected with exit code 1 when NEW_PARENT is the entity itself or one of its descendants. Prints"
                        + " nothing on success, and a note on stderr when the entity already was under NEW_PARENT."})
final class MoveCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "UUID", description = "The entity to move.")
    String id;

    @Parameters(index = "1", paramLabel = "NEW_PARENT", description = "Entity uuid or top-level id, such as root.")
    String newParent;

    MoveCommand(CliContext context) {
        super(context);
    }

    @Override
    int run(HotcoreStore store) {
        if (!store.move(id, newParent)) {
            context.err().println(Cli.NAME + ": " + id + " already is under " + newParent + "; nothing changed");
        }
        return 0;
    }
}
