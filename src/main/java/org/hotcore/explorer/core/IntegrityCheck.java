package org.hotcore.explorer.core;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
     * One broken rule.
     *
     * @param rule the rule number, 1 to 6, as listed on {@link IntegrityCheck}
     * @param key the key or entity id the violation is about
     * @param message what is wrong, naming the keys and ids involved
     */
    public record Violation(int rule, String key, String message) {

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

    /** Checks the database of {@code store} with {@link Options#DEFAULT}. */
    public static Report run(HotcoreStore store, Progress progress, Cancellation cancellation) {
        return run(store, Options.DEFAULT, progress, cancellation);
    }

    /**
     * Checks the database of {@code store}. Progress counts keys scanned against DBSIZE. When cancelled, the run
     * stops at the next page and returns what it found with {@link Report#cancelled()} set.
     */
    public static Report run(HotcoreStore store, Options options, Progress progress, Cancellation cancellation) {
        return store.read("integrity check", jedis -> new IntegrityRun(store.guard(), jedis, options, cancellation)
                .execute(progress));
    }
}
