package org.hotcore.explorer.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.util.Map;
import org.hotcore.explorer.core.Cancellation;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.core.IntegrityCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Checks the whole database against the rules of a valid hotcore tree. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks every key of the database against the six rules of a valid hotcore tree and lists"
                + " what breaks them.",
                "Reads keys with SCAN and the rest in bounded pipelines; it writes nothing.",
                "Exit code 0 when the tree is valid, 1 when a rule is broken."})
final class CheckCommand extends StoreCommand {

    @Option(names = "--max-violations", paramLabel = "N", defaultValue = "1000",
            description = "Violations to list; all are counted (default: ${DEFAULT-VALUE}).")
    int maxViolations;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    CheckCommand(CliContext context) {
        super(context);
    }

    @Override
    int run(HotcoreStore store) throws Exception {
        if (maxViolations < 1) {
            throw new IllegalArgumentException("invalid --max-violations " + maxViolations + ": use 1 or more");
        }
        IntegrityCheck.Options defaults = IntegrityCheck.Options.DEFAULT;
        IntegrityCheck.Options options = new IntegrityCheck.Options(maxViolations, defaults.scanCount(),
                Math.min(defaults.maxBatchCommands(), store.guard().limit()));
        IntegrityCheck.Report report;
        try (ProgressLine progress = context.progress("checking keys")) {
            report = IntegrityCheck.run(store, options, progress, Cancellation.NEVER);
        }
        if (json) {
            writeJson(report);
        } else {
            writeText(report);
        }
        return report.valid() ? 0 : 1;
    }

    private void writeText(IntegrityCheck.Report report) {
        var out = context.out();
        out.println("entities: " + report.entities() + ", children sets: " + report.childrenSets()
                + ", index sets: " + report.indexSets() + ", geo sets: " + report.geoSets());
        out.println("top-level ids: " + String.join(" ", report.topLevelIds()));
        for (IntegrityCheck.Violation violation : report.violations()) {
            out.println(Values.escapeControls(violation.toString()));
        }
        if (report.truncated()) {
            out.println("… " + (report.violationCount() - report.violations().size()) + " more violations");
        }
        if (report.valid()) {
            out.println("valid: every rule holds");
        } else {
            long count = report.violationCount();
            StringBuilder summary = new StringBuilder("invalid: " + count + (count == 1 ? " violation" : " violations"));
            for (Map.Entry<Integer, Long> entry : report.violationsByRule().entrySet()) {
                summary.append(", rule ").append(entry.getKey()).append(": ").append(entry.getValue());
            }
            out.println(summary);
        }
    }

    private void writeJson(IntegrityCheck.Report report) throws Exception {
        JsonGenerator generator = Json.open(context.out());
        generator.writeStartObject();
        generator.writeBooleanField("valid", report.valid());
        generator.writeNumberField("entities", report.entities());
        generator.writeNumberField("childrenSets", report.childrenSets());
        generator.writeNumberField("indexSets", report.indexSets());
        generator.writeNumberField("geoSets", report.geoSets());
        generator.writeArrayFieldStart("topLevelIds");
        for (String id : report.topLevelIds()) {
            generator.writeString(id);
        }
        generator.writeEndArray();
        generator.writeNumberField("violationCount", report.violationCount());
        generator.writeObjectFieldStart("violationsByRule");
        for (Map.Entry<Integer, Long> entry : report.violationsByRule().entrySet()) {
            generator.writeNumberField(Integer.toString(entry.getKey()), entry.getValue());
        }
        generator.writeEndObject();
        generator.writeArrayFieldStart("violations");
        for (IntegrityCheck.Violation violation : report.violations()) {
            generator.writeStartObject();
            generator.writeNumberField("rule", violation.rule());
            generator.writeStringField("key", violation.key());
            generator.writeStringField("message", violation.message());
            generator.writeEndObject();
        }
        generator.writeEndArray();
        generator.writeEndObject();
        Json.finish(generator, context.out());
    }
}
