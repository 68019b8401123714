package org.hotcore.explorer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hotcore.explorer.core.TestStores.attributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hotcore.explorer.core.IntegrityCheck.Kind;
import org.hotcore.explorer.core.IntegrityCheck.Outcome;
import org.junit.jupiter.api.Test;

/** Repair of every repairable kind of violation, the subtree check, and the read-only store. */
class IntegrityRepairTest extends StoreTestBase {

    private IntegrityCheck.RepairReport repair(String subtree) {
        List<IntegrityCheck.Repair> seen = new ArrayList<>();
        IntegrityCheck.RepairReport report = IntegrityCheck.repair(store, subtree, IntegrityCheck.Options.DEFAULT,
                Progress.NONE, Cancellation.NEVER, seen::add);
        assertThat(seen).hasSize((int) (report.fixed() + report.unchanged() + report.manual() + report.failed()));
        return report;
    }

    private IntegrityCheck.Report check(String subtree) {
        return IntegrityCheck.run(store, subtree, IntegrityCheck.Options.DEFAULT, Progress.NONE, Cancellation.NEVER);
    }

    private static List<Kind> kinds(IntegrityCheck.Report report) {
        return report.violations().stream().map(IntegrityCheck.Violation::kind).toList();
    }

    @Test
    void everyKindReportedAndRepaired() {
        String parent = store.create("root", attributes("name", "parent"));
        String lost = store.create(parent, attributes("name", "lost", "type", "office", "lat", "59.9", "long",
                "10.7"));
        String lostChild = store.create(lost, attributes("name", "below lost"));
        String noPointer = store.create("root", attributes("name", "no pointer"));
        String elsewhere = store.create("root", attributes("name", "elsewhere"));
        String indexed = store.create("root", attributes("name", "Ada", "type", "office", "lat", "1", "long", "2"));
        // What the reference library's delete of parent leaves: the child points to root, c:root lacks it.
        redis.set("p:" + lost, "root");
        redis.del("e:" + parent, "p:" + parent, "c:" + parent);
        redis.srem("c:root", parent);
        redis.sadd("i:name:parent", "kept-out");
        redis.del("p:" + noPointer);
        redis.sadd("c:" + indexed, elsewhere);
        redis.sadd("c:root", "ghost");
        redis.set("p:ghost", "root");
        redis.set("w:ghost", "");
        redis.srem("i:name:Ada", indexed);
        redis.sadd("i:name:Bea", indexed);
        redis.zrem("geo:office", indexed);
        redis.geoadd("geo:default", 10.0, 50.0, lost);
        redis.geoadd("geo:office", 10.0, 50.0, "ghost");

        IntegrityCheck.Report before = check(null);

        assertThat(kinds(before)).contains(Kind.NOT_LISTED_BY_PARENT, Kind.CHILD_WITHOUT_PARENT_POINTER,
                Kind.CHILD_POINTS_ELSEWHERE, Kind.CHILD_WITHOUT_ENTITY, Kind.LEFTOVER_KEY, Kind.INDEX_MISSING,
                Kind.INDEX_STALE, Kind.INDEX_MEMBER_WITHOUT_ENTITY, Kind.GEO_MISSING, Kind.GEO_STALE,
                Kind.GEO_MEMBER_WITHOUT_ENTITY);
        assertThat(before.violations()).allSatisfy(v -> {
            assertThat(v.keys()).isNotEmpty();
            assertThat(v.fix()).isNotBlank();
        });
        IntegrityCheck.Violation lostViolation = before.violations().stream()
                .filter(v -> v.kind() == Kind.NOT_LISTED_BY_PARENT).findFirst().orElseThrow();
        assertThat(lostViolation.keys()).containsExactly("p:" + lost, "c:root");
        assertThat(lostViolation.fix()).isEqualTo("add '" + lost + "' to c:root");

        IntegrityCheck.RepairReport report = repair(null);

        assertThat(report.after().violations()).as("after repair").isEmpty();
        assertThat(report.after().valid()).isTrue();
        assertThat(report.fixed()).isGreaterThanOrEqualTo(before.violationCount() - 1);
        assertThat(report.failed()).isZero();
        assertThat(redis.sismember("c:root", lost)).isTrue();
        assertThat(redis.sismember("c:" + lost, lostChild)).isTrue();
        assertThat(redis.get("p:" + noPointer)).isEqualTo("root");
        assertThat(redis.sismember("c:" + indexed, elsewhere)).isFalse();
        assertThat(redis.exists("p:ghost", "w:ghost")).isZero();
        assertThat(redis.sismember("i:name:Ada", indexed)).isTrue();
        assertThat(redis.exists("i:name:Bea")).isFalse();
        assertThat(redis.zscore("geo:office", indexed)).isNotNull();
        TestStores.assertValid(store);
    }

    @Test
    void storedCyclesRepaired() {
        try (RawTree tree = new RawTree(redis)) {
            tree.addWithId("a", "b", "name", "a");
            tree.addWithId("b", "a", "name", "b");
            tree.addWithId("below", "a", "name", "below");
        }

        assertThat(kinds(check(null))).containsOnly(Kind.CYCLE);
        assertThatThrownBy(() -> store.pathTo("below")).isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("cycle");
        assertThatThrownBy(() -> store.countSubtree("a", Progress.NONE, Cancellation.NEVER))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("cycle");
        assertThatThrownBy(() -> store.move("below", "a")).isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("cycle");

        IntegrityCheck.RepairReport report = repair(null);

        assertThat(report.after().valid()).as(report.after().violations().toString()).isTrue();
        assertThat(store.pathTo("below")).startsWith("root").endsWith("a", "below");
        assertThat(redis.keys("e:*")).hasSize(3);
    }

    @Test
    void unknownChainEndBecomesTopLevel() {
        try (RawTree tree = new RawTree(redis)) {
            tree.addWithId("x", "nowhere", "name", "x");
        }
        redis.srem("c:nowhere", "x");

        IntegrityCheck.RepairReport report = repair(null);

        assertThat(report.after().valid()).isTrue();
        assertThat(redis.smembers("c:nowhere")).containsExactly("x");
        assertThat(report.after().topLevelIds()).contains("nowhere");
    }

    @Test
    void wrongTypesAreReportedAndLeftAlone() {
        String a = store.create("root", attributes("name", "a"));
        redis.set("c:" + a, "not a set");
        redis.sadd("e:bad", "member");
        redis.set("p:bad", "root");
        redis.sadd("c:root", "bad");
        Map<String, String> before = TestStores.dump(redis);

        IntegrityCheck.Report report = check(null);

        assertThat(kinds(report)).contains(Kind.WRONG_TYPE);
        assertThat(report.violations()).filteredOn(v -> v.kind() == Kind.WRONG_TYPE)
                .anySatisfy(v -> assertThat(v.message()).contains("c:" + a).contains("not a set"))
                .anySatisfy(v -> assertThat(v.message()).contains("e:bad").contains("not a hash"));
        assertThatThrownBy(() -> store.create(a, attributes("name", "child")))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("c:" + a)
                .hasMessageContaining("nothing was written");
        assertThatThrownBy(() -> store.get("bad")).isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("check");
        IntegrityCheck.RepairReport repaired = repair(null);
        assertThat(repaired.manual()).isPositive();
        assertThat(repaired.after().valid()).isFalse();
        assertThat(redis.type("c:" + a)).isEqualTo("string");
        assertThat(redis.type("e:bad")).isEqualTo("set");
        assertThat(TestStores.dump(redis)).containsAllEntriesOf(Map.of("c:" + a, before.get("c:" + a),
                "e:bad", before.get("e:bad")));
    }

    @Test
    void subtreeCheckFindsDamageInsideOnly() {
        String inside = store.create("root", attributes("name", "inside"));
        String child = store.create(inside, attributes("name", "child"));
        String grandchild = store.create(child, attributes("name", "grandchild"));
        String outside = store.create("root", attributes("name", "outside"));
        String outsideChild = store.create(outside, attributes("name", "outside child"));
        // The reference library's delete of child: the grandchild points to inside but is not listed there.
        redis.set("p:" + grandchild, inside);
        redis.del("e:" + child, "p:" + child, "c:" + child);
        redis.srem("c:" + inside, child);
        redis.srem("i:name:child", child);
        redis.srem("i:name:outside child", outsideChild);

        IntegrityCheck.Report insideReport = check(inside);
        IntegrityCheck.Report outsideReport = check(outside);

        assertThat(insideReport.violations()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Kind.NOT_LISTED_BY_PARENT);
            assertThat(v.key()).isEqualTo(grandchild);
        });
        assertThat(outsideReport.violations()).singleElement()
                .satisfies(v -> assertThat(v.kind()).isEqualTo(Kind.INDEX_MISSING));
        assertThat(check("root").violationCount()).isEqualTo(2);
        assertThatThrownBy(() -> check("no-such-id")).isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("no-such-id");

        IntegrityCheck.RepairReport repaired = repair(inside);

        assertThat(repaired.fixed()).isEqualTo(1);
        assertThat(redis.sismember("c:" + inside, grandchild)).isTrue();
        assertThat(check(null).violationCount()).as("the damage outside is left").isEqualTo(1);
    }

    @Test
    void subtreeCheckFindsStaleSharedMembers() {
        String inside = store.create("root", attributes("name", "inside"));
        String office = store.create(inside, attributes("name", "Oslo", "type", "office", "lat", "59.9",
                "long", "10.7"));
        String outside = store.create("root", attributes("name", "outside", "type", "office", "lat", "1",
                "long", "2"));
        // Stale members: the entities do not have these values, and geo:default is not their type's set.
        redis.sadd("i:name:Bergen", office);
        redis.sadd("i:name:Bergen", outside);
        redis.geoadd("geo:default", 10.7, 59.9, office);
        redis.geoadd("geo:default", 2.0, 1.0, outside);

        IntegrityCheck.Report report = check(inside);

        assertThat(report.violations()).extracting(IntegrityCheck.Violation::kind)
                .containsExactlyInAnyOrder(Kind.INDEX_STALE, Kind.GEO_STALE);
        assertThat(report.violations()).allSatisfy(v -> assertThat(v.message()).contains(office)
                .doesNotContain(outside));

        IntegrityCheck.RepairReport repaired = repair(inside);

        assertThat(repaired.fixed()).isEqualTo(2);
        assertThat(repaired.after().valid()).isTrue();
        assertThat(redis.smembers("i:name:Bergen")).containsExactly(outside);
        assertThat(redis.zrange("geo:default", 0, -1)).containsExactly(outside);
        assertThat(redis.zrange("geo:office", 0, -1)).containsExactlyInAnyOrder(office, outside);
        assertThat(check(outside).violationCount()).as("the stale members outside are left").isEqualTo(2);
    }

    @Test
    void readOnlyRejectsEveryWrite() {
        String a = store.create("root", attributes("name", "a"));
        String b = store.create(a, attributes("name", "b"));
        redis.srem("c:" + a, b);
        Map<String, String> before = TestStores.dump(redis);
        long sentBefore = store.guard().snapshot().sent();
        store.setReadOnly(true, "the switch is on; turn it off to write");

        assertThat(store.readOnly()).isTrue();
        List<Runnable> writes = List.of(
                () -> store.create("root", attributes("name", "c")),
                () -> store.apply(a, attributes("name", "renamed")),
                () -> store.move(b, "root"),
                () -> store.deleteLiftingChildren(a, 10, Progress.NONE, Cancellation.NEVER),
                () -> store.deleteCascade(a, CascadeDelete.Options.DEFAULT, Progress.NONE, Cancellation.NEVER),
                () -> IntegrityCheck.repair(store, null, IntegrityCheck.Options.DEFAULT, Progress.NONE,
                        Cancellation.NEVER, r -> { }));
        for (Runnable write : writes) {
            assertThatThrownBy(write::run).isInstanceOf(ReadOnlyException.class)
                    .hasMessageContaining("read-only").hasMessageContaining("the switch is on")
                    .hasMessageContaining("nothing was written");
        }
        assertThat(store.guard().snapshot().sent()).as("no command sent").isEqualTo(sentBefore);
        assertThat(TestStores.dump(redis)).isEqualTo(before);
        assertThat(store.get(a).attributes()).containsEntry(Bytes.utf8("name"), Bytes.utf8("a"));

        store.setReadOnly(false, null);
        store.apply(a, attributes("name", "renamed"));
        assertThat(store.get(a).attributes()).containsEntry(Bytes.utf8("name"), Bytes.utf8("renamed"));
    }

    @Test
    void repairOfValidDataWritesNothing() {
        String a = store.create("root", attributes("name", "a"));
        redis.srem("c:root", a);
        IntegrityCheck.Report report = check(null);
        IntegrityCheck.Violation violation = report.violations().getFirst();
        redis.sadd("c:root", a);

        IntegrityRepair repair = new IntegrityRepair(store, null, IntegrityCheck.Options.DEFAULT, r -> { });
        IntegrityCheck.RepairReport result = repair.run(Progress.NONE, Cancellation.NEVER);

        assertThat(violation.kind()).isEqualTo(Kind.NOT_LISTED_BY_PARENT);
        assertThat(result.before().valid()).isTrue();
        assertThat(result.passes()).isZero();
        assertThat(Outcome.values()).contains(Outcome.UNCHANGED);
    }
}
