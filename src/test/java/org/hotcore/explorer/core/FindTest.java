package org.hotcore.explorer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotcore.explorer.core.TestStores.attributes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tests find with hotcore's semantics: exact values, globs, AND of terms and the parent pseudo-attribute. */
class FindTest extends StoreTestBase {

    private String users;
    private String projects;
    private String ada;
    private String bjorn;
    private String anna;
    private String project9;
    private String project10;

    @BeforeEach
    void createTree() {
        users = store.create(HotcoreStore.ROOT, attributes("name", "Users", "type", "container"));
        projects = store.create(HotcoreStore.ROOT, attributes("name", "Projects", "type", "container"));
        ada = store.create(users, attributes("name", "Ada", "type", "user", "role", "admin"));
        bjorn = store.create(users, attributes("name", "Bjorn", "type", "user", "role", "user"));
        anna = store.create(users, attributes("name", "Anna", "type", "user", "role", "user"));
        project9 = store.create(projects, attributes("name", "Project 9", "type", "project", "role", "admin"));
        project10 = store.create(projects, attributes("name", "Project 10", "type", "project"));
    }

    private List<String> findAll(String line) {
        FindCursor cursor = store.find(FindQuery.parseLine(line));
        List<String> found = new ArrayList<>();
        while (!cursor.complete()) {
            found.addAll(cursor.next(100));
        }
        return found;
    }

    @Test
    void exactValue() {
        assertThat(findAll("name=Ada")).containsExactly(ada);
    }

    @Test
    void exactValueWithSpace() {
        assertThat(findAll("name=Project 9")).containsExactly(project9);
    }

    @Test
    void missingValueFindsNothing() {
        assertThat(findAll("name=Nobody")).isEmpty();
    }

    @Test
    void globStar() {
        assertThat(findAll("name=A*")).containsExactlyInAnyOrder(ada, anna);
    }

    @Test
    void globQuestionMark() {
        assertThat(findAll("name=Project ?")).containsExactly(project9);
    }

    @Test
    void globCharacterClass() {
        assertThat(findAll("name=[AB]*")).containsExactlyInAnyOrder(ada, anna, bjorn);
    }

    @Test
    void andOfExactTerms() {
        assertThat(findAll("type=user role=user")).containsExactlyInAnyOrder(bjorn, anna);
    }

    @Test
    void andOfGlobAndExact() {
        assertThat(findAll("name=*a role=admin")).containsExactly(ada);
    }

    @Test
    void andOfTwoGlobs() {
        assertThat(findAll("name=P* type=pro*")).containsExactlyInAnyOrder(project9, project10);
    }

    @Test
    void parentTerm() {
        assertThat(findAll("parent=" + users)).containsExactlyInAnyOrder(ada, bjorn, anna);
    }

    @Test
    void parentAndRole() {
        assertThat(findAll("parent=" + projects + " role=admin")).containsExactly(project9);
    }

    @Test
    void deletedEntityNotReturnedFromStaleIndex() {
        redis.sadd("i:name:Ada", "ghost");

        assertThat(findAll("name=Ada")).containsExactly(ada);
    }

    @Test
    void smallPagesBoundedAndUnique() {
        try (RawTree tree = new RawTree(redis)) {
            for (int i = 0; i < 700; i++) {
                tree.add(projects, "name", "bulk " + i, "type", "bulk");
            }
        }
        FindCursor cursor = store.find(FindQuery.parseLine("type=bulk"));
        Set<String> seen = new HashSet<>();

        while (!cursor.complete()) {
            List<String> page = cursor.next(7);
            assertThat(page).hasSizeLessThanOrEqualTo(7);
            for (String id : page) {
                assertThat(seen.add(id)).as("returned twice: %s", id).isTrue();
            }
        }

        assertThat(seen).hasSize(700);
        assertThat(cursor.next(7)).isEmpty();
    }

    @Test
    void smallPagesOfGlobAcrossManyIndexSets() {
        try (RawTree tree = new RawTree(redis)) {
            for (int i = 0; i < 300; i++) {
                tree.add(projects, "name", "item " + i, "code", "c" + i);
            }
        }
        FindCursor cursor = store.find(FindQuery.parseLine("code=c*"));
        Set<String> seen = new HashSet<>();

        while (!cursor.complete()) {
            List<String> page = cursor.next(5);
            assertThat(page).hasSizeLessThanOrEqualTo(5);
            for (String id : page) {
                assertThat(seen.add(id)).as("returned twice: %s", id).isTrue();
            }
        }

        assertThat(seen).hasSize(300);
    }
}
