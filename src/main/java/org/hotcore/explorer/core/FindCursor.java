package org.hotcore.explorer.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Pages through the results of a {@link FindQuery} without building the whole result on the server or the client.
 *
 * <p>One criterion drives: the exact one with the smallest set (SCARD), else the first glob, whose matching index keys
 * come from a SCAN over {@code i:<attribute>:<glob>}. Its members come by SSCAN; each candidate is then checked
 * against the other criteria in one pipelined round trip per page (SISMEMBER for exact values, HGET and the glob for
 * patterns) and dropped when its entity no longer exists. Ids are returned once, and results of a page beyond the
 * requested number wait in a buffer for the next call. Not thread-safe.
 */
public final class FindCursor {

    private static final int SCAN_COUNT = 500;

    private final HotcoreStore store;
    private final FindQuery query;
    private final Set<String> seen = new HashSet<>();
    /** Results found but not returned yet, because a SSCAN page can hold more than the caller requested. */
    private final Deque<String> ready = new ArrayDeque<>();
    private FindQuery.Criterion driver;
    private boolean started;
    /** True once the driver's sets have been read to the end. */
    private boolean complete;
    /** Index keys still to read, for a glob driver. */
    private final Deque<byte[]> pendingKeys = new ArrayDeque<>();
    private String keyScanCursor = ScanParams.SCAN_POINTER_START;
    private boolean keyScanComplete;
    private byte[] currentKey;
    private String memberCursor = ScanParams.SCAN_POINTER_START;

    FindCursor(HotcoreStore store, FindQuery query) {
        this.store = store;
        this.query = query;
    }

    public FindQuery query() {
        return query;
    }

    /** Tells whether every result has been returned. */
    public boolean complete() {
        return complete && ready.isEmpty();
    }

    /** Returns the next ids, at most {@code max}, or an empty list once complete. */
    public List<String> next(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("invalid page size " + max + ": use 1 or more");
        }
        if (ready.size() < max && !complete) {
            store.read("find " + query, jedis -> {
                if (!started) {
                    start(jedis);
                }
                while (!complete && ready.size() < max) {
                    List<String> candidates = nextCandidates(jedis);
                    ready.addAll(filter(jedis, candidates));
                }
                return null;
            });
        }
        List<String> results = new ArrayList<>(Math.min(max, ready.size()));
        while (results.size() < max && !ready.isEmpty()) {
            results.add(ready.poll());
        }
        return results;
    }

    private void start(Jedis jedis) {
        started = true;
        long smallest = Long.MAX_VALUE;
        for (FindQuery.Criterion criterion : query.criteria()) {
            if (criterion.glob()) {
                continue;
            }
            long size = jedis.scard(exactKey(criterion));
            store.guard().countSingle();
            if (size < smallest) {
                smallest = size;
                driver = criterion;
            }
        }
        if (driver == null) {
            driver = query.criteria().getFirst();
        } else if (smallest == 0) {
            complete = true;
            return;
        }
        if (!driver.glob()) {
            currentKey = exactKey(driver);
            keyScanComplete = true;
        }
    }

    private static byte[] exactKey(FindQuery.Criterion criterion) {
        if (criterion.isParent()) {
            return Keys.children(criterion.pattern().utf8());
        }
        return Keys.index(criterion.attribute(), criterion.pattern());
    }

    /** Returns the next SSCAN page of the driver's members, new ones only; sets complete at the end. */
    private List<String> nextCandidates(Jedis jedis) {
        while (currentKey == null) {
            if (!pendingKeys.isEmpty()) {
                currentKey = pendingKeys.poll();
                memberCursor = ScanParams.SCAN_POINTER_START;
                break;
            }
            if (keyScanComplete) {
                complete = true;
                return List.of();
            }
            ScanParams params = new ScanParams()
                    .match(Keys.indexPattern(driver.attribute(), driver.pattern())).count(SCAN_COUNT);
            ScanResult<byte[]> page = jedis.scan(keyScanCursor.getBytes(StandardCharsets.US_ASCII), params);
            store.guard().countSingle();
            pendingKeys.addAll(page.getResult());
            keyScanCursor = page.getCursor();
            keyScanComplete = "0".equals(keyScanCursor);
        }
        ScanResult<byte[]> page = jedis.sscan(currentKey, memberCursor.getBytes(StandardCharsets.US_ASCII),
                new ScanParams().count(SCAN_COUNT));
        store.guard().countSingle();
        memberCursor = page.getCursor();
        if ("0".equals(memberCursor)) {
            currentKey = null;
            if (pendingKeys.isEmpty() && keyScanComplete) {
                complete = true;
            }
        }
        List<String> candidates = new ArrayList<>();
        for (byte[] member : page.getResult()) {
            String id = new String(member, StandardCharsets.UTF_8);
            if (seen.add(id)) {
                candidates.add(id);
            }
        }
        return candidates;
    }

    /** Keeps the candidates that exist and meet every criterion other than the driver. */
    private List<String> filter(Jedis jedis, List<String> candidates) {
        if (candidates.isEmpty()) {
            return candidates;
        }
        List<FindQuery.Criterion> others = query.criteria().stream().filter(c -> c != driver).toList();
        List<Response<Boolean>> exists = new ArrayList<>(candidates.size());
        List<List<Response<?>>> checks = new ArrayList<>(candidates.size());
        try (CommandBatch pipeline = store.guard().pipeline(jedis, "find (filter)")) {
            for (String id : candidates) {
                byte[] member = id.getBytes(StandardCharsets.UTF_8);
                exists.add(pipeline.queue(p -> p.exists(Keys.entity(id))));
                List<Response<?>> row = new ArrayList<>(others.size());
                for (FindQuery.Criterion criterion : others) {
                    if (criterion.glob()) {
                        row.add(pipeline.queue(p -> p.hget(Keys.entity(id), criterion.attribute().raw())));
                    } else {
                        byte[] key = exactKey(criterion);
                        row.add(pipeline.queue(p -> p.sismember(key, member)));
                    }
                }
                checks.add(row);
            }
            pipeline.sync();
        }
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (!exists.get(i).get() || !meetsAll(others, checks.get(i))) {
                continue;
            }
            kept.add(candidates.get(i));
        }
        return kept;
    }

    private static boolean meetsAll(List<FindQuery.Criterion> criteria, List<Response<?>> row) {
        for (int k = 0; k < criteria.size(); k++) {
            Object value = row.get(k).get();
            if (criteria.get(k).glob()) {
                if (!(value instanceof byte[] bytes) || !Glob.matches(criteria.get(k).pattern().raw(), bytes)) {
                    return false;
                }
            } else if (!Boolean.TRUE.equals(value)) {
                return false;
            }
        }
        return true;
    }
}
