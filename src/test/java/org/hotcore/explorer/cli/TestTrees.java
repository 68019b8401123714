package org.hotcore.explorer.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hotcore.explorer.core.Bytes;
import org.hotcore.explorer.core.CommandGuard;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.core.RedisConnection;
import org.hotcore.explorer.core.RedisSettings;

/** Helpers that set up test data through the storage core. */
final class TestTrees {

    private TestTrees() {
    }

    /** Opens a store on {@code url}; the caller closes {@code store.connection()}. */
    static HotcoreStore open(String url) {
        RedisSettings settings = RedisSettings.parse(url).build();
        return new HotcoreStore(new RedisConnection(settings, new CommandGuard(CommandGuard.DEFAULT_LIMIT)));
    }

    /** Builds an attribute map from name and value pairs. */
    static Map<Bytes, Bytes> attributes(String... namesAndValues) {
        Map<Bytes, Bytes> attributes = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            attributes.put(Bytes.utf8(namesAndValues[i]), Bytes.utf8(namesAndValues[i + 1]));
        }
        return attributes;
    }
}
