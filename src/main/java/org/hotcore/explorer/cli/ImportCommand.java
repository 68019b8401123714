package org.hotcore.explorer.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hotcore.explorer.core.Bytes;
import org.hotcore.explorer.core.EntityNotFoundException;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.core.RejectedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Creates many entities from a JSON Lines file with the bulk create of the core. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Creates the entities of a JSON Lines file, one object per line, in transactions of up to"
                + " 2,000 entities, and prints the new uuid of each line in order.",
                "A line is {\"attributes\": {\"name\": \"...\", ...}} with a parent: \"parent\" gives an existing"
                        + " uuid or top-level id, \"parentRef\" the \"ref\" of an earlier line of the file, and"
                        + " --parent the parent of lines that give neither.",
                "Every line is checked before its slice of up to 10,000 lines is written. A failure or Ctrl+C stops"
                        + " between transactions: the entities created so far stay, and their uuids are printed."})
final class ImportCommand extends StoreCommand {

    /** Lines read, checked and handed to one bulk create call at most. */
    static final int SLICE_LINES = 10_000;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "FILE", description = "The JSON Lines file, or - for standard input.")
    String file;

    @Option(names = "--parent", paramLabel = "ID",
            description = "Parent of the lines that name none: an entity uuid or top-level id, such as root.")
    String parent;

    @Option(names = "--json", description = "Print one {\"line\": ..., \"ref\": ..., \"id\": ...} object per line.")
    boolean json;

    ImportCommand(CliContext context) {
        super(context);
    }

    /** A line of the file, checked. */
    private record Line(int number, String ref, String parentId, String parentRef, Map<Bytes, Bytes> attributes) {
    }

    @Override
    int run(HotcoreStore store) throws Exception {
        Duration maxWait = Duration.ofMillis(2L * connection.readTimeoutMillis + connection.connectTimeoutMillis);
        try (ShutdownCancellation cancellation = new ShutdownCancellation("import of " + file, maxWait);
             BufferedReader reader = open()) {
            try {
                return importLines(store, reader, cancellation);
            } catch (Exception e) {
                // Reported here, before close() lets a pending shutdown halt the JVM.
                return Cli.reportFailure(context, e);
            } finally {
                context.flush();
            }
        }
    }

    private BufferedReader open() throws IOException {
        if ("-".equals(file)) {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        try {
            return Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("file not found: " + file + "; give the path of a JSON Lines file,"
                    + " or - for standard input");
        }
    }

    private int importLines(HotcoreStore store, BufferedReader reader, ShutdownCancellation cancellation)
            throws IOException {
        Map<String, String> refs = new HashMap<>();
        long created = 0;
        int lineNumber = 0;
        try (ProgressLine progress = context.progress("importing entities")) {
            while (true) {
                List<Line> slice = new ArrayList<>();
                String text;
                while (slice.size() < SLICE_LINES && (text = readLine(reader)) != null) {
                    lineNumber++;
                    if (!text.isBlank()) {
                        slice.add(parse(lineNumber, text));
                    }
                }
                if (slice.isEmpty()) {
                    break;
                }
                List<HotcoreStore.NewEntity> entities = resolve(slice, refs);
                long before = created;
                int[] printed = {0};
                List<String> ids;
                try {
                    ids = store.createAll(entities, (done, total) -> progress.update(before + done, -1),
                            cancellation, committedIds -> {
                                for (String id : committedIds) {
                                    Line line = slice.get(printed[0]++);
                                    if (line.ref() != null) {
                                        refs.put(line.ref(), id);
                                    }
                                    print(line, id);
                                }
                                context.out().flush();
                            });
                } catch (EntityNotFoundException e) {
                    throw missingParent(slice, entities, printed[0], e);
                }
                created += ids.size();
                context.out().flush();
            }
        }
        if (!json) {
            context.err().println("created " + created + (created == 1 ? " entity" : " entities"));
        }
        return 0;
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Line parse(int number, String text) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String problem = e.getOriginalMessage();
            int location = problem.indexOf(" (start marker");
            if (location > 0) {
                problem = problem.substring(0, location);
            }
            int column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
            throw rejected(number, "invalid JSON" + (column > 0 ? " at column " + column : "") + " (" + problem
                    + ")");
        }
        if (node == null || !node.isObject()) {
            throw rejected(number, "expected a JSON object");
        }

        JsonNode attributes = node.get("attributes");
        if (attributes == null || !attributes.isObject() || attributes.isEmpty()) {
            throw rejected(number, "\"attributes\" must be an object with at least one attribute");
        }
        Map<Bytes, Bytes> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = attributes.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                throw rejected(number, "attribute \"" + field.getKey() + "\" must be a string or a number");
            }
            values.put(Bytes.utf8(field.getKey()), Bytes.utf8(field.getValue().asText()));
        }

        String parentId = text(node, "parent", number);
        String parentRef = text(node, "parentRef", number);
        if (parentId != null && parentRef != null) {
            throw rejected(number, "give \"parent\" or \"parentRef\", not both");
        }
        if (parentId == null && parentRef == null && parent == null) {
            throw rejected(number, "no parent: give \"parent\" or \"parentRef\" in the line, or --parent");
        }
        return new Line(number, text(node, "ref", number), parentId, parentRef, values);
    }

    private String text(JsonNode node, String field, int number) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw rejected(number, "\"" + field + "\" must be a non-empty string");
        }
        return value.asText();
    }

    /** Turns the lines of a slice into entities, with parent refs resolved to this slice or earlier ones. */
    private List<HotcoreStore.NewEntity> resolve(List<Line> slice, Map<String, String> refs) {
        Map<String, Integer> inSlice = new HashMap<>();
        List<HotcoreStore.NewEntity> entities = new ArrayList<>(slice.size());
        for (int i = 0; i < slice.size(); i++) {
            Line line = slice.get(i);
            if (line.parentRef() == null) {
                entities.add(HotcoreStore.NewEntity.under(line.parentId() != null ? line.parentId() : parent,
                        line.attributes()));
            } else if (inSlice.containsKey(line.parentRef())) {
                entities.add(HotcoreStore.NewEntity.underNew(inSlice.get(line.parentRef()), line.attributes()));
            } else if (refs.containsKey(line.parentRef())) {
                entities.add(HotcoreStore.NewEntity.under(refs.get(line.parentRef()), line.attributes()));
            } else {
                throw rejected(line.number(), "\"parentRef\": \"" + line.parentRef() + "\" names no earlier line;"
                        + " give each line's \"ref\" before lines use it");
            }
            if (line.ref() != null) {
                if (inSlice.containsKey(line.ref()) || refs.containsKey(line.ref())) {
                    throw rejected(line.number(), "\"ref\": \"" + line.ref() + "\" is used by an earlier line;"
                            + " give each line its own ref");
                }
                inSlice.put(line.ref(), i);
            }
        }
        return entities;
    }

    private void print(Line line, String id) {
        try {
            write(line, id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(Line line, String id) throws IOException {
        if (json) {
            JsonGenerator generator = Json.openCompact(context.out());
            generator.writeStartObject();
            generator.writeNumberField("line", line.number());
            if (line.ref() != null) {
                generator.writeStringField("ref", line.ref());
            }
            generator.writeStringField("id", id);
            generator.writeEndObject();
            Json.finish(generator, context.out());
        } else {
            context.out().println(id);
        }
    }

    /** Names the first line not created whose parent is the id {@code e} did not find. */
    private RuntimeException missingParent(List<Line> slice, List<HotcoreStore.NewEntity> entities, int created,
                                           EntityNotFoundException e) {
        for (int i = created; i < slice.size(); i++) {
            if (e.id().equals(entities.get(i).parentId())) {
                return rejected(slice.get(i).number(), "parent '" + e.id() + "' is neither an entity nor a top-level"
                        + " id; check the uuid, or list top-level ids with 'roots'");
            }
        }
        return e;
    }

    private RejectedException rejected(int number, String problem) {
        return new RejectedException(file + " line " + number + ": " + problem + "; the uuids printed before this"
                + " are the entities created, nothing else was written");
    }
}
