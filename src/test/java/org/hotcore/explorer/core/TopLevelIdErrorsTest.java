package org.hotcore.explorer.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Operations on entities given a top-level id say that it is one, instead of "not found". */
class TopLevelIdErrorsTest extends StoreTestBase {

    private static Map<Bytes, Bytes> named(String name) {
        return Map.of(Bytes.utf8("name"), Bytes.utf8(name));
    }

    @Test
    void getOfRootNamesTopLevelId() {
        store.create(HotcoreStore.ROOT, named("child"));

        assertThatThrownBy(() -> store.get(HotcoreStore.ROOT))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("'root' is a top-level id, not an entity")
                .hasMessageContaining("children root");
    }

    @Test
    void applyToOtherTopLevelIdNamesIt() {
        // A top-level id other than root exists once its children set does, as in the speed-test database.
        redis.sadd("c:parent1", "some-child");
        Map<Bytes, Bytes> change = new HashMap<>();
        change.put(Bytes.utf8("a"), Bytes.utf8("b"));

        assertThatThrownBy(() -> store.apply("parent1", change))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("'parent1' is a top-level id")
                .hasMessageContaining("cannot be changed");
    }

    @Test
    void moveOfRootNamesTopLevelId() {
        String child = store.create(HotcoreStore.ROOT, named("child"));

        assertThatThrownBy(() -> store.move(HotcoreStore.ROOT, child))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("cannot be moved");
    }

    @Test
    void unknownIdIsStillNotFound() {
        assertThatThrownBy(() -> store.get("no-such-uuid"))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageStartingWith("entity 'no-such-uuid' not found");
    }
}
