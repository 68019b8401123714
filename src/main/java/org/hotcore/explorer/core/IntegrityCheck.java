package org.hotcore.explorer.core;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Checks the six rules of a valid hotcore tree over a whole database.
 *
 * <ol>
 *   <li>Every entity {@code u} has {@code p:u = X} and is a member of {@code c:X}.</li>
 *   <li>Every member {@code u} of a set {@code c:X} has an entity {@code e:u} and {@code p:u = X}.</li>
 *   <li>Following {@code p:} from any entity reaches a top-level id, without a cycle.</li>
 *   <li>For every indexed attribute {@code k = v} of {@code u}, {@code u} is in {@code i:k:v}, and every member of
 *       {@code i:k:v} is an entity with {@code k = v}.</li>
 *   <li>No {@code p:}, {@code w:} or {@code c:} key exists for a uuid that is not an entity, except the children
 *       sets of top-level ids. A children set of a non-entity counts as a top-level id's only when at least one
 *       member points back to it with its {@code p:} key.</li>
 *   <li>An entity with numeric {@code lat}/{@code long} is in {@code geo:<type>}, and no {@code geo:} member is a
 *       missing entity.</li>
 * </ol>
 *
 * <p>A top-level id is an id that has a {@code c:} set and no {@code e:} hash; {@code root} counts as one even
 * when its children set is empty. A key of the wrong type is reported under the rule of the check that read it.
 *
 * <p>Keys come by SCAN, set members by SSCAN and ZSCAN, fields of hashes with more than
 * {@value HotcoreStore#HGETALL_MAX_FIELDS} fields by HSCAN. Every other read goes through pipelines of the
 * {@link CommandGuard} of at most {@link Options#maxBatchCommands()} commands. Rule 3 follows parent pointers
 * iteratively, one round trip per level for all the chains of a SCAN page together, and keeps a memo of the
 * entities known to reach a top-level id. So memory grows with the number of entities but not with the number of
 * index entries: an estimated 200 to 300 bytes per entity for its uuid in two hash sets.
 *
 * <p>The check takes no lock. Writes made while it runs can show up as violations that are gone when it ends, so
 * run it again on a quiet database before repairing anything.
 */
public final class IntegrityCheck {

    /**
     * Limits of one run.
     *
     * @param maxViolations the maximum number of violations kept in {@link Report#violations()}, while all are
     *                      counted
     * @param scanCount the COUNT hint of each SCAN, SSCAN, HSCAN and ZSCAN call
     * @param maxBatchCommands the maximum number of commands in one pipeline, and the guard's limit applies too
     */
    public record Options(int maxViolations, int scanCount, int maxBatchCommands) {

        public static final Options DEFAULT = new Options(1_000, 1_000, 5_000);

        public Options {
            if (maxViolations < 0 || scanCount < 1 || maxBatchCommands < 1) {
                throw new IllegalArgumentException("invalid integrity check options: maxViolations must be 0 or more,"
                        + " scanCount and maxBatchCommands 1 or more");
            }
        }
    }

    /**
     * What kind of problem a violation is. The order is the order in which a repair handles them, so that a fix
     * that decides where an entity belongs comes before the fixes that rely on it.
     */
    public enum Kind {
        /** A member {@code u} of {@code c:X} is an entity without a parent pointer; the fix sets {@code p:u = X}. */
        CHILD_WITHOUT_PARENT_POINTER("child-without-parent-pointer"),
        /** A member {@code u} of {@code c:X} has no entity hash; the fix removes it from {@code c:X}. */
        CHILD_WITHOUT_ENTITY("child-without-entity"),
        /** A {@code p:}, {@code w:} or {@code c:} key of a uuid that is no entity; the fix deletes the key. */
        LEFTOVER_KEY("leftover-key"),
        /** An entity without a parent pointer that no children set gave one; the fix puts it under root. */
        NO_PARENT_POINTER("no-parent-pointer"),
        /**
         * An entity whose {@code p:} names {@code X} but which is missing from {@code c:X}, as the reference
         * library's delete leaves its children; the fix adds it to {@code c:X}.
         */
        NOT_LISTED_BY_PARENT("not-listed-by-parent"),
        /** A member {@code u} of {@code c:X} whose {@code p:} names another id; the fix removes it from {@code c:X}. */
        CHILD_POINTS_ELSEWHERE("child-points-elsewhere"),
        /** An entity whose parent pointers run into a cycle; the fix moves one entity of the cycle under root. */
        CYCLE("cycle"),
        /** An entity whose parent pointers end at an id that is neither an entity nor a top-level id. */
        UNREACHABLE("unreachable"),
        /** An entity with an indexed attribute {@code k = v} that is missing from {@code i:k:v}. */
        INDEX_MISSING("index-missing"),
        /** A member of {@code i:k:v} whose attribute {@code k} is not {@code v}. */
        INDEX_STALE("index-stale"),
        /** A member of an index set that is no entity. */
        INDEX_MEMBER_WITHOUT_ENTITY("index-member-without-entity"),
        /** An entity with numeric {@code lat} and {@code long} that is missing from its {@code geo:<type>} set. */
        GEO_MISSING("geo-missing"),
        /** A member of a {@code geo:} set whose entity belongs in another GEO set or in none. */
        GEO_STALE("geo-stale"),
        /** A member of a {@code geo:} set that is no entity. */
        GEO_MEMBER_WITHOUT_ENTITY("geo-member-without-entity"),
        /** A key whose Redis type is not the one hotcore stores there; only a person can decide what to keep. */
        WRONG_TYPE("wrong-type"),
        /** An {@code i:} key that is not of the form {@code i:<attribute>:<value>}. */
        INVALID_KEY("invalid-key");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The name of the kind in reports, such as {@code not-listed-by-parent}. */
        public String label() {
            return label;
        }

        /** Tells whether a repair can fix problems of this kind without a person's decision. */
        public boolean repairable() {
            return this != WRONG_TYPE && this != INVALID_KEY;
        }
    }

    /**
     * What a repair needs to find the problem again.
     *
     * @param id the uuid the problem is about
     * @param owner the other id involved: the owner of the children set, or the parent named by {@code p:}
     * @param key the key involved when it is not derived from the ids: an index, GEO or leftover key
     * @param attribute the attribute of an index problem
     * @param value the value of an index problem
     */
    public record Subject(String id, String owner, Bytes key, Bytes attribute, Bytes value) {

        /** No subject: the violation is reported but not repaired. */
        public static final Subject NONE = new Subject(null, null, null, null, null);

        static Subject of(String id, String owner) {
            return new Subject(id, owner, null, null, null);
        }

        static Subject ofKey(String id, byte[] key) {
            return new Subject(id, null, Bytes.wrap(key), null, null);
        }
    }

    /**
     * One broken rule.
     *
     * @param rule the rule number, 1 to 6, as listed on {@link IntegrityCheck}
     * @param key the key or entity id the violation is about
     * @param message what is wrong, naming the keys and ids involved
     * @param kind what kind of problem it is
     * @param keys the keys involved, in the escaped form of {@link Bytes#escaped()}
     * @param fix what the repair does about it, or what to do by hand
     * @param subject what the repair needs to find the problem again
     */
    public record Violation(int rule, String key, String message, Kind kind, List<String> keys, String fix,
                            Subject subject) {

        public Violation {
            keys = List.copyOf(keys);
        }

        @Override
        public String toString() {
            return "rule " + rule + ": " + message;
        }
    }

    /**
     * The outcome of a run.
     *
     * @param keysScanned keys returned by SCAN, including repeats
     * @param entities entity hashes checked
     * @param childrenSets {@code c:} sets checked
     * @param indexSets {@code i:} sets checked
     * @param geoSets {@code geo:} sets checked
     * @param topLevelIds ids with a {@code c:} set and no {@code e:} hash, at most {@link Options#maxViolations()}
     * @param violationCount every violation found, also those left out of {@code violations}
     * @param violationsByRule the count of violations per rule number, for the rules with any
     * @param violations the first violations found, at most {@link Options#maxViolations()}
     * @param cancelled true when the run stopped early, so the counts cover only part of the database
     */
    public record Report(long keysScanned, long entities, long childrenSets, long indexSets, long geoSets,
                         List<String> topLevelIds, long violationCount, Map<Integer, Long> violationsByRule,
                         List<Violation> violations, boolean cancelled) {

        public Report {
            topLevelIds = List.copyOf(topLevelIds);
            violationsByRule = Collections.unmodifiableMap(new TreeMap<>(violationsByRule));
            violations = List.copyOf(violations);
        }

        /** Tells whether the whole database was checked and no rule is broken. */
        public boolean valid() {
            return !cancelled && violationCount == 0;
        }

        /** Tells whether more violations were found than {@link #violations()} holds. */
        public boolean truncated() {
            return violationCount > violations.size();
        }

        /** Returns the number of violations of one rule. */
        public long count(int rule) {
            return violationsByRule.getOrDefault(rule, 0L);
        }
    }

    private IntegrityCheck() {
    }

    /** What a repair did about one violation. */
    public enum Outcome {
        /** The problem was still there and was fixed in a transaction of its own. */
        FIXED,
        /** Checked again under WATCH, the problem was gone, so nothing was written. */
        UNCHANGED,
        /** The problem needs a person's decision, such as a key of the wrong type; nothing was written. */
        MANUAL,
        /** The fix was rejected or kept conflicting with other writers; nothing of it was written. */
        FAILED
    }

    /**
     * One violation handled by a repair.
     *
     * @param violation the violation as the check reported it
     * @param outcome what the repair did
     * @param change the change written, or why nothing was written
     */
    public record Repair(Violation violation, Outcome outcome, String change) {
    }

    /**
     * The outcome of a repair.
     *
     * @param before the first check
     * @param after the last check, after the last pass of fixes
     * @param repairs the first repairs, at most {@link Options#maxViolations()}
     * @param fixed problems fixed
     * @param unchanged problems gone when checked again, so nothing was written
     * @param manual problems left for a person
     * @param failed fixes that were rejected or conflicted
     * @param passes how many times the fixes ran, each followed by a check
     */
    public record RepairReport(Report before, Report after, List<Repair> repairs, long fixed, long unchanged,
                               long manual, long failed, int passes) {

        public RepairReport {
            repairs = List.copyOf(repairs);
        }
    }

    /** Checks the database of {@code store} with {@link Options#DEFAULT}. */
    public static Report run(HotcoreStore store, Progress progress, Cancellation cancellation) {
        return run(store, Options.DEFAULT, progress, cancellation);
    }

    /**
     * Checks the database of {@code store}. Progress counts keys scanned against DBSIZE. When cancelled, the run
     * stops at the next page and returns what it found with {@link Report#cancelled()} set.
     */
    public static Report run(HotcoreStore store, Options options, Progress progress, Cancellation cancellation) {
        return run(store, null, options, progress, cancellation);
    }

    /**
     * Checks the subtree of {@code subtree}, an entity or a top-level id, or the whole database when it is null.
     * A subtree check walks the children sets from {@code subtree} and checks every entity it reaches, then SCANs
     * the {@code p:} keys for entities that point into the subtree but are listed in no children set. It checks
     * that each entity is in the index and GEO sets its attributes need, and SCANs every index and GEO set for
     * stale members that are entities of the subtree. Progress counts the ids reached, with an unknown total.
     *
     * @throws EntityNotFoundException when {@code subtree} is neither an entity nor a top-level id
     */
    public static Report run(HotcoreStore store, String subtree, Options options, Progress progress,
                             Cancellation cancellation) {
        String operation = subtree == null ? "integrity check" : "integrity check of " + subtree;
        return store.read(operation, jedis -> {
            IntegrityRun run = new IntegrityRun(store.guard(), jedis, options, cancellation);
            return subtree == null ? run.execute(progress) : run.executeSubtree(subtree, progress);
        });
    }

    /**
     * Checks the database or the subtree of {@code subtree} and repairs what breaks the rules. Each problem is
     * checked again with its keys WATCHed and fixed in a transaction of its own, so concurrent writers are never
     * overwritten; then the check runs again, as fixes can reveal further problems, for at most
     * {@value IntegrityRepair#MAX_PASSES} passes. Keys of the wrong type and malformed index keys are left alone.
     *
     * @param listener called with each repair as it is done, for progress output
     * @throws ReadOnlyException when the store is read-only; nothing is checked or written then
     */
    public static RepairReport repair(HotcoreStore store, String subtree, Options options, Progress progress,
                                      Cancellation cancellation, Consumer<Repair> listener) {
        return new IntegrityRepair(store, subtree, options, listener).run(progress, cancellation);
    }
}
