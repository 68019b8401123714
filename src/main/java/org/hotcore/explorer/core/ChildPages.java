package org.hotcore.explorer.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Reads the next SSCAN page of several children sets at once, with the size of each member's own children set and,
 * on request, of its hash: two round trips for all the sets instead of two per set. The depth-first walks of the
 * subtree count and the cascade delete read the pages of the sets waiting on their stacks this way.
 */
final class ChildPages {

    /** Children sets whose next page one call reads at most. */
    static final int MAX_SETS = 32;

    /** Members whose sizes one pipeline reads at most. */
    private static final int MEMBERS_PER_PIPELINE = 2_000;

    /**
     * One page of a children set.
     *
     * @param members the members SSCAN returned, possibly some seen on an earlier page
     * @param cursor the cursor to continue from, "0" when the set is done
     * @param childCounts SCARD of each member's children set
     * @param fieldCounts HLEN of each member's hash, or null when not asked for
     */
    record Page(List<String> members, String cursor, long[] childCounts, long[] fieldCounts) {

        boolean last() {
            return ScanParams.SCAN_POINTER_START.equals(cursor);
        }
    }

    /** A node of a walk whose children set is read page by page. */
    abstract static class Walked {
        final String id;
        String cursor = ScanParams.SCAN_POINTER_START;
        /** The next page of the children set, read ahead together with the pages of other nodes. */
        Page next;

        Walked(String id) {
            this.id = id;
        }

        /** Tells whether every page of the children set was taken. */
        abstract boolean finished();

        /** Returns the page read ahead and moves the cursor past it. */
        Page take() {
            Page page = next;
            next = null;
            cursor = page.cursor();
            return page;
        }
    }

    private ChildPages() {
    }

    /**
     * Reads the next page of the node on top of {@code stack} and of the next nodes below it that need one, up to
     * {@link #MAX_SETS}, in two round trips. The nodes below are siblings or pending children of ancestors that the
     * walk reaches later, so a caller must accept pages that are stale by then.
     */
    static <F extends Walked> void readAhead(CommandGuard guard, Jedis jedis, String operation, Iterable<F> stack,
                                              int scanCount, boolean withFields) {
        List<F> frames = new ArrayList<>();
        int looked = 0;
        for (F candidate : stack) {
            if (frames.size() >= MAX_SETS || looked++ >= 4 * MAX_SETS) {
                break;
            }
            if (!candidate.finished() && candidate.next == null) {
                frames.add(candidate);
            }
        }
        List<Page> pages = read(guard, jedis, operation, frames.stream().map(f -> f.id).toList(),
                frames.stream().map(f -> f.cursor).toList(), scanCount, withFields);
        for (int i = 0; i < frames.size(); i++) {
            frames.get(i).next = pages.get(i);
        }
    }

    /**
     * Reads the page at {@code cursors.get(i)} of the children set of {@code ids.get(i)} for each i, in the order
     * given.
     */
    static List<Page> read(CommandGuard guard, Jedis jedis, String operation, List<String> ids, List<String> cursors,
                           int scanCount, boolean withFields) {
        ScanParams params = new ScanParams().count(scanCount);
        List<Response<ScanResult<String>>> scans = new ArrayList<>(ids.size());
        try (CommandBatch pipeline = guard.pipeline(jedis, operation + " (children pages)")) {
            for (int i = 0; i < ids.size(); i++) {
                String key = "c:" + ids.get(i);
                String cursor = cursors.get(i);
                scans.add(pipeline.queue(p -> p.sscan(key, cursor, params)));
            }
            pipeline.sync();
        }
        List<String> allMembers = new ArrayList<>();
        for (Response<ScanResult<String>> scan : scans) {
            allMembers.addAll(scan.get().getResult());
        }
        long[] childCounts = new long[allMembers.size()];
        long[] fieldCounts = withFields ? new long[allMembers.size()] : null;
        int perPipeline = Math.max(1, Math.min(MEMBERS_PER_PIPELINE, guard.limit() / (withFields ? 2 : 1)));
        for (int from = 0; from < allMembers.size(); from += perPipeline) {
            int to = Math.min(allMembers.size(), from + perPipeline);
            List<Response<Long>> children = new ArrayList<>(to - from);
            List<Response<Long>> fields = new ArrayList<>(withFields ? to - from : 0);
            try (CommandBatch pipeline = guard.pipeline(jedis, operation + " (children sizes)")) {
                for (String member : allMembers.subList(from, to)) {
                    children.add(pipeline.queue(p -> p.scard(Keys.children(member))));
                    if (withFields) {
                        fields.add(pipeline.queue(p -> p.hlen(Keys.entity(member))));
                    }
                }
                pipeline.sync();
            }
            for (int i = from; i < to; i++) {
                childCounts[i] = children.get(i - from).get();
                if (withFields) {
                    fieldCounts[i] = fields.get(i - from).get();
                }
            }
        }
        List<Page> pages = new ArrayList<>(ids.size());
        int offset = 0;
        for (Response<ScanResult<String>> scan : scans) {
            List<String> members = scan.get().getResult();
            int end = offset + members.size();
            pages.add(new Page(members, scan.get().getCursor(),
                    Arrays.copyOfRange(childCounts, offset, end),
                    withFields ? Arrays.copyOfRange(fieldCounts, offset, end) : null));
            offset = end;
        }
        return pages;
    }
}
