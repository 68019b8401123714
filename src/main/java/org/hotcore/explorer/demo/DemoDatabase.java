package org.hotcore.explorer.demo;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.hotcore.explorer.core.Bytes;
import org.hotcore.explorer.core.Cancellation;
import org.hotcore.explorer.core.CommandBatch;
import org.hotcore.explorer.core.CommandGuard;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.core.Keys;
import org.hotcore.explorer.core.Progress;
import org.hotcore.explorer.core.RedisUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.GeoCoordinate;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.PipeliningBase;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Writes a demo database in hotcore's layout: an organisation (company, offices, departments, teams, people,
 * projects) under {@code root}, an "Event log" container with {@value #EVENT_COUNT} children to show paging, an
 * "Edge cases" container with a non-UTF-8 name, a binary value, a 100 KB value and an entity with
 * {@value #MANY_FIELDS} fields, and a second top-level id {@value #ARCHIVE} with a few entities.
 *
 * <p>Every entity gets its {@code e:} hash, an entry in the index set of each indexed attribute, its {@code p:}
 * pointer, its membership in the parent's {@code c:} set and, for the offices, a {@code geo:office} position. The
 * names and uuids come from a fixed seed, so every fill writes the same data. Entities are written in pipelines of
 * at most {@value #MAX_COMMANDS_PER_PIPELINE} commands, parents before children and the small organisation before
 * the events. The tree is valid after every pipeline, and cancellation is checked between pipelines. The demo
 * adds to what the database contains, so fill an empty one such as an {@link EmbeddedDemo}. Filling twice writes the
 * same keys again.
 */
public final class DemoDatabase {

    private static final Logger log = LoggerFactory.getLogger(DemoDatabase.class);

    /** The number of children of the "Event log" container. */
    public static final int EVENT_COUNT = 100_000;
    /** The number of fields of the many-fields entity. */
    public static final int MANY_FIELDS = 3_000;
    /** The size in bytes of the large value. */
    public static final int LARGE_VALUE_BYTES = 100 * 1024;
    public static final String EVENT_LOG_NAME = "Event log";
    public static final String EDGE_CASES_NAME = "Edge cases";
    /** The second top-level id. */
    public static final String ARCHIVE = "archive";
    public static final String OFFICE_TYPE = "office";
    /** The maximum number of commands queued in one pipeline. */
    public static final int MAX_COMMANDS_PER_PIPELINE = 2_000;

    static final long SEED = 20_240_501L;

    private static final String[] FIRST_NAMES = {
        "Ada", "Alan", "Amira", "Ana", "Ben", "Carla", "Chen", "Dana", "David", "Elena", "Emil", "Fatima", "Felix",
        "Grace", "Hana", "Ivan", "Jamal", "Julia", "Kai", "Lars", "Lena", "Luis", "Maya", "Mei", "Nadia", "Noah",
        "Olga", "Omar", "Paula", "Priya", "Rafael", "Rosa", "Sami", "Sara", "Tariq", "Tomás", "Uma", "Viktor",
        "Yuki", "Zoe"};
    private static final String[] LAST_NAMES = {
        "Andersen", "Bauer", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Hansen", "Ito", "Jensen", "Kowalski",
        "Lopez", "Müller", "Nakamura", "Novak", "Okafor", "Petrov", "Quinn", "Rossi", "Schmidt", "Silva", "Tanaka",
        "Usman", "Varga", "Wagner", "Weber", "Xu", "Yilmaz", "Zhang", "Zimmermann"};
    private static final String[] DEPARTMENTS = {
        "Engineering", "Research", "Sales", "Marketing", "Finance", "Operations", "Customer Support", "People"};
    private static final String[] TEAMS = {"Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"};
    private static final String[] ROLES = {
        "engineer", "analyst", "designer", "specialist", "consultant", "coordinator"};
    private static final String[] LEVELS = {"Junior", "", "", "Senior", "Senior", "Lead", "Principal"};
    private static final String[] CODENAMES = {
        "Atlas", "Borealis", "Comet", "Dynamo", "Ember", "Fjord", "Granite", "Harbor", "Iris", "Juniper", "Kestrel",
        "Lumen", "Meridian", "Nimbus", "Orbit", "Prism"};
    private static final String[] PROJECT_STATUSES = {"planned", "active", "active", "active", "on hold", "done"};
    private static final String[] SOURCES = {
        "auth", "billing", "catalog", "checkout", "gateway", "inventory", "mailer", "reports", "scheduler", "search"};
    private static final String[] MESSAGES = {
        "request served", "cache refreshed", "user signed in", "user signed out", "job started", "job finished",
        "retrying after timeout", "slow query", "configuration reloaded", "connection pool resized",
        "payment declined", "disk usage above 80 percent", "certificate renews in 30 days", "queue drained"};

    /** Name, city, country, latitude, longitude. */
    private static final String[][] OFFICES = {
        {"Berlin office", "Berlin", "Germany", "52.5200", "13.4050"},
        {"London office", "London", "United Kingdom", "51.5074", "-0.1278"},
        {"New York office", "New York", "United States", "40.7128", "-74.0060"},
        {"Singapore office", "Singapore", "Singapore", "1.3521", "103.8198"},
        {"São Paulo office", "São Paulo", "Brazil", "-23.5505", "-46.6333"}};

    private static final Instant FIRST_EVENT = Instant.parse("2024-01-01T00:00:00Z");

    private DemoDatabase() {
    }

    /**
     * The outcome of a fill.
     *
     * @param entities entities written
     * @param total entities a complete fill writes
     * @param elapsedMillis time taken
     * @param cancelled true when the fill stopped early because it was cancelled; what was written is a valid tree
     */
    public record Stats(long entities, long total, long elapsedMillis, boolean cancelled) {
    }

    /** One entity to write. */
    record Spec(String id, String parentId, Map<Bytes, Bytes> attributes) {
    }

    /** Returns the number of entities a complete fill writes. */
    public static long totalEntities() {
        return new Generator().organisation().size() + (long) EVENT_COUNT;
    }

    /**
     * Writes the demo database. Progress counts entities written against {@link #totalEntities()}.
     *
     * @throws RedisUnavailableException when the connection fails. The entities written before stay.
     */
    public static Stats fill(HotcoreStore store, Progress progress, Cancellation cancellation) {
        long start = System.nanoTime();
        Generator generator = new Generator();
        List<Spec> organisation = generator.organisation();
        long total = organisation.size() + (long) EVENT_COUNT;
        log.info("Writing the demo database: {} entities", total);
        progress.update(0, total);

        boolean cancelled = false;
        long written;
        try (Jedis jedis = store.connection().borrow();
             Writer writer = new Writer(jedis, store.guard(), progress, total)) {
            cancelled = cancellation.isCancelled();
            for (int i = 0; i < organisation.size() && !cancelled; i++) {
                cancelled = writer.add(organisation.get(i)) && cancellation.isCancelled();
            }
            for (int n = 1; n <= EVENT_COUNT && !cancelled; n++) {
                cancelled = writer.add(generator.event(n)) && cancellation.isCancelled();
            }
            if (!cancelled) {
                writer.flush();
            }
            written = writer.written();
        } catch (JedisException e) {
            throw new RedisUnavailableException("writing the demo database to "
                    + store.connection().settings().redactedUrl() + " failed: " + e.getMessage()
                    + ". The entities written so far stay, and a new fill writes the same entities again", e);
        }

        long elapsed = (System.nanoTime() - start) / 1_000_000;
        if (cancelled) {
            log.info("Demo database cancelled after {} of {} entities in {} ms", written, total, elapsed);
        } else {
            log.info("Wrote the demo database: {} entities in {} ms", written, elapsed);
        }
        return new Stats(written, total, elapsed, cancelled);
    }

    /** Collects entities and writes them in pipelines of at most {@code maxCommands} commands. */
    private static final class Writer implements AutoCloseable {

        private final Jedis jedis;
        private final CommandGuard guard;
        private final Progress progress;
        private final long total;
        /** The pipeline size: {@link #MAX_COMMANDS_PER_PIPELINE}, or the guard's limit when that is lower. */
        private final int maxCommands;
        private final List<Spec> pending = new ArrayList<>();
        /** Index, GEO and children keys that the pending entities share, each written by one command. */
        private final Set<Bytes> pendingKeys = new HashSet<>();
        private int pendingCommands;
        private long written;
        private CommandBatch batch;

        Writer(Jedis jedis, CommandGuard guard, Progress progress, long total) {
            this.jedis = jedis;
            this.guard = guard;
            this.progress = progress;
            this.total = total;
            this.maxCommands = Math.min(MAX_COMMANDS_PER_PIPELINE, guard.limit());
        }

        long written() {
            return written;
        }

        /** Adds an entity, first writing the pending ones when it would not fit. Returns true after a write. */
        boolean add(Spec spec) {
            boolean flushed = false;
            if (!pending.isEmpty() && pendingCommands + newCommands(spec) > maxCommands) {
                flush();
                flushed = true;
            }
            List<Bytes> keys = sharedKeys(spec);
            for (Bytes key : keys) {
                if (pendingKeys.add(key)) {
                    pendingCommands++;
                }
            }
            pendingCommands += 2;
            pending.add(spec);
            return flushed;
        }

        /** Returns the commands the entity adds: HSET and SET, plus one for each key not yet used by the batch. */
        private int newCommands(Spec spec) {
            int commands = 2;
            for (Bytes key : sharedKeys(spec)) {
                if (!pendingKeys.contains(key)) {
                    commands++;
                }
            }
            return commands;
        }

        private static List<Bytes> sharedKeys(Spec spec) {
            List<Bytes> keys = new ArrayList<>(spec.attributes().size() + 2);
            spec.attributes().forEach((name, value) -> {
                if (Keys.isIndexed(name)) {
                    keys.add(Bytes.of(Keys.index(name, value)));
                }
            });
            GeoPosition position = GeoPosition.of(spec.attributes());
            if (position != null) {
                keys.add(Bytes.of(position.key()));
            }
            keys.add(Bytes.of(Keys.children(spec.parentId())));
            return keys;
        }

        /**
         * Writes the pending entities: hashes, index entries and GEO positions first, then parent pointers, then
         * children sets, in the order hotcore's create queues them.
         */
        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            Map<Bytes, List<byte[]>> indexMembers = new LinkedHashMap<>();
            Map<Bytes, Map<byte[], GeoCoordinate>> geoMembers = new LinkedHashMap<>();
            Map<String, List<byte[]>> childMembers = new LinkedHashMap<>();
            for (Spec spec : pending) {
                byte[] member = spec.id().getBytes(StandardCharsets.UTF_8);
                Map<byte[], byte[]> hash = new LinkedHashMap<>();
                spec.attributes().forEach((name, value) -> {
                    hash.put(name.toByteArray(), value.toByteArray());
                    if (Keys.isIndexed(name)) {
                        indexMembers.computeIfAbsent(Bytes.of(Keys.index(name, value)), k -> new ArrayList<>())
                                .add(member);
                    }
                });
                byte[] entityKey = Keys.entity(spec.id());
                queue(p -> p.hset(entityKey, hash));
                GeoPosition position = GeoPosition.of(spec.attributes());
                if (position != null) {
                    geoMembers.computeIfAbsent(Bytes.of(position.key()), k -> new LinkedHashMap<>())
                            .put(member, new GeoCoordinate(position.longitude(), position.latitude()));
                }
                childMembers.computeIfAbsent(spec.parentId(), k -> new ArrayList<>()).add(member);
            }

            indexMembers.forEach((key, members) -> {
                byte[] raw = key.toByteArray();
                byte[][] array = members.toArray(byte[][]::new);
                queue(p -> p.sadd(raw, array));
            });
            geoMembers.forEach((key, members) -> {
                byte[] raw = key.toByteArray();
                queue(p -> p.geoadd(raw, members));
            });
            for (Spec spec : pending) {
                byte[] parentKey = Keys.parent(spec.id());
                byte[] parent = spec.parentId().getBytes(StandardCharsets.UTF_8);
                queue(p -> p.set(parentKey, parent));
            }

            childMembers.forEach((parentId, members) -> {
                byte[] raw = Keys.children(parentId);
                byte[][] array = members.toArray(byte[][]::new);
                queue(p -> p.sadd(raw, array));
            });

            sendBatch();
            written += pending.size();
            pending.clear();
            pendingKeys.clear();
            pendingCommands = 0;
            progress.update(written, total);
        }

        private void queue(Function<PipeliningBase, Response<?>> command) {
            if (batch != null && batch.size() >= maxCommands) {
                // Only an entity with more indexed fields than fit in one pipeline gets here, so it spans two.
                sendBatch();
            }
            if (batch == null) {
                batch = guard.pipeline(jedis, "demo data");
            }
            batch.queue(command::apply);
        }

        private void sendBatch() {
            if (batch == null) {
                return;
            }
            try (CommandBatch sending = batch) {
                batch = null;
                sending.sync();
            }
        }

        @Override
        public void close() {
            if (batch != null) {
                batch.close();
                batch = null;
            }
        }
    }

    /**
     * A GEO position as hotcore keeps it: numeric {@code lat} and {@code long} within the range GEOADD accepts,
     * in {@code geo:<type>} ({@code geo:default} without a type).
     */
    record GeoPosition(byte[] key, double longitude, double latitude) {

        static final double MAX_LATITUDE = 85.05112878;

        static GeoPosition of(Map<Bytes, Bytes> attributes) {
            Bytes lat = attributes.get(Keys.LAT);
            Bytes lon = attributes.get(Keys.LONG);
            if (lat == null || lon == null) {
                return null;
            }
            Double latitude = lat.toDoubleOrNull();
            Double longitude = lon.toDoubleOrNull();
            if (latitude == null || longitude == null || Math.abs(latitude) > MAX_LATITUDE
                    || Math.abs(longitude) > 180) {
                return null;
            }
            return new GeoPosition(Keys.geo(attributes.get(Keys.TYPE)), longitude, latitude);
        }
    }

    /** Produces the entities from a fixed seed. */
    static final class Generator {

        private final Random random = new Random(SEED);
        private final Random eventRandom = new Random(SEED + 1);
        private final Map<String, Integer> emails = new HashMap<>();
        private String eventLogId;

        /** Returns the organisation, the containers and the edge cases, parents before children. */
        List<Spec> organisation() {
            List<Spec> specs = new ArrayList<>();
            String company = id();
            specs.add(spec(company, HotcoreStore.ROOT, "name", "Acme Hotcore Ltd", "type", "company",
                    "industry", "logistics software", "founded", "1999"));

            List<String> officeNames = new ArrayList<>();
            for (String[] office : OFFICES) {
                officeNames.add(office[0]);
                specs.add(spec(id(), company, "name", office[0], "type", OFFICE_TYPE, "city", office[1],
                        "country", office[2], "lat", office[3], "long", office[4]));
            }

            eventLogId = id();
            specs.add(spec(eventLogId, HotcoreStore.ROOT, "name", EVENT_LOG_NAME, "type", "container",
                    "description", String.format(Locale.ROOT, "%,d events, to show paging of large child sets",
                            EVENT_COUNT)));
            edgeCases(specs);

            for (String departmentName : DEPARTMENTS) {
                String department = id();
                specs.add(spec(department, company, "name", departmentName, "type", "department",
                        "cost_center", "CC-" + (100 + random.nextInt(900))));
                List<String> leads = new ArrayList<>();
                for (String teamSuffix : TEAMS) {
                    String team = id();
                    String teamName = departmentName + " " + teamSuffix;
                    specs.add(spec(team, department, "name", teamName, "type", "team", "department", departmentName));
                    int people = 30 + random.nextInt(31);
                    for (int p = 0; p < people; p++) {
                        String first = pick(FIRST_NAMES);
                        String last = pick(LAST_NAMES);
                        String name = first + " " + last;
                        String role;
                        String title;
                        if (p == 0) {
                            role = "manager";
                            title = "Team Lead";
                            leads.add(name);
                        } else {
                            role = pick(ROLES);
                            String level = pick(LEVELS);
                            String capitalized = Character.toUpperCase(role.charAt(0)) + role.substring(1);
                            title = level.isEmpty() ? capitalized : level + " " + capitalized;
                        }
                        specs.add(spec(id(), team, "name", name, "type", "person", "email", email(first, last),
                                "role", role, "title", title, "team", teamName, "office", pick(officeNames)));
                    }
                }
                for (int p = 0; p < 6; p++) {
                    String project = CODENAMES[random.nextInt(CODENAMES.length)] + " " + (p + 1);
                    String status = pick(PROJECT_STATUSES);
                    specs.add(spec(id(), department, "name", departmentName + " " + project, "type", "project",
                            "status", status, "budget", Integer.toString(10_000 * (5 + random.nextInt(95))),
                            "lead", leads.get(random.nextInt(leads.size())),
                            "status_history", "[{\"status\":\"planned\",\"at\":\"2023-0" + (1 + random.nextInt(9))
                                    + "-01\"},{\"status\":\"" + status + "\",\"at\":\"2024-02-01\"}]"));
                }
            }

            String[] archived = {"Legacy billing", "Old website", "Pilot 2019"};
            for (String name : archived) {
                specs.add(spec(id(), ARCHIVE, "name", name, "type", "project", "status", "archived"));
            }
            return specs;
        }

        private void edgeCases(List<Spec> specs) {
            String container = id();
            specs.add(spec(container, HotcoreStore.ROOT, "name", EDGE_CASES_NAME, "type", "container",
                    "description", "values that are not UTF-8, very large or very many"));

            Map<Bytes, Bytes> latin1 = new LinkedHashMap<>();
            latin1.put(Bytes.utf8("name"), Bytes.of("Caf\u00e9 M\u00fcller (ISO-8859-1)"
                    .getBytes(StandardCharsets.ISO_8859_1)));
            latin1.put(Bytes.utf8("type"), Bytes.utf8("sample"));
            latin1.put(Bytes.utf8("encoding"), Bytes.utf8("ISO-8859-1"));
            specs.add(new Spec(id(), container, latin1));

            Map<Bytes, Bytes> binary = new LinkedHashMap<>();
            binary.put(Bytes.utf8("name"), Bytes.utf8("Binary value"));
            binary.put(Bytes.utf8("type"), Bytes.utf8("sample"));
            binary.put(Bytes.utf8("checksum"), Bytes.of(new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0x80,
                (byte) 0xc3, 0x28}));
            specs.add(new Spec(id(), container, binary));

            StringBuilder large = new StringBuilder(LARGE_VALUE_BYTES);
            int line = 0;
            while (large.length() < LARGE_VALUE_BYTES) {
                large.append(String.format(Locale.ROOT, "line %05d: the quick brown fox jumps over the lazy dog%n",
                        ++line));
            }
            large.setLength(LARGE_VALUE_BYTES);
            specs.add(spec(id(), container, "name", "Large value (100 KB)", "type", "sample",
                    "raw_data", large.toString()));

            Map<Bytes, Bytes> many = new LinkedHashMap<>();
            many.put(Bytes.utf8("name"), Bytes.utf8(String.format(Locale.ROOT, "Many fields (%,d)", MANY_FIELDS)));
            many.put(Bytes.utf8("type"), Bytes.utf8("sample"));
            for (int f = 1; many.size() < MANY_FIELDS; f++) {
                many.put(Bytes.utf8(String.format(Locale.ROOT, "field_%04d", f)),
                        Bytes.utf8(String.format(Locale.ROOT, "value %04d", f)));
            }
            specs.add(new Spec(id(), container, many));
        }

        /**
         * Returns event {@code n}, counting from 1. Call {@link #organisation()} first, then request events in order.
         */
        Spec event(int n) {
            int roll = eventRandom.nextInt(100);
            String level;
            if (roll < 80) {
                level = "info";
            } else if (roll < 95) {
                level = "warning";
            } else {
                level = "error";
            }
            String source = SOURCES[eventRandom.nextInt(SOURCES.length)];
            String message = MESSAGES[eventRandom.nextInt(MESSAGES.length)];
            Instant at = FIRST_EVENT.plusSeconds(37L * n);
            return spec(eventId(), eventLogId, "name", String.format(Locale.ROOT, "Event %06d", n), "type", "event",
                    "level", level, "source", source, "message", message,
                    "metadata", "{\"timestamp\":\"" + at + "\",\"sequence\":" + n + "}");
        }

        private String id() {
            return uuid(random);
        }

        private String eventId() {
            return uuid(eventRandom);
        }

        /** A version 4 uuid from the seeded generator. */
        private static String uuid(Random random) {
            long high = (random.nextLong() & ~0xF000L) | 0x4000L;
            long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
            return new UUID(high, low).toString();
        }

        private String pick(String[] values) {
            return values[random.nextInt(values.length)];
        }

        private <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }

        private String email(String first, String last) {
            String local = ascii(first) + "." + ascii(last);
            int seen = emails.merge(local, 1, Integer::sum);
            return (seen == 1 ? local : local + seen) + "@acme.example";
        }

        private static String ascii(String name) {
            return Normalizer.normalize(name, Normalizer.Form.NFD)
                    .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        }

        private static Spec spec(String id, String parentId, String... pairs) {
            Map<Bytes, Bytes> attributes = new LinkedHashMap<>();
            for (int i = 0; i < pairs.length; i += 2) {
                attributes.put(Bytes.utf8(pairs[i]), Bytes.utf8(pairs[i + 1]));
            }
            return new Spec(id, parentId, attributes);
        }
    }
}
