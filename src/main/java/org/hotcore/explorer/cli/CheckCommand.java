package org.hotcore.explorer.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.hotcore.explorer.core.Cancellation;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.core.IntegrityCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Checks the whole database or one subtree against the rules of a valid hotcore tree, and repairs on request. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks every key of the database, or the subtree of ID, against the six rules of a valid"
                + " hotcore tree and lists each problem with its kind, the keys involved and the fix.",
                "Reads keys with SCAN and the rest in bounded pipelines. Without --repair it writes nothing.",
                "Exit code 0 when the tree is valid (after the repair, with --repair), 1 when a rule is broken."})
final class CheckCommand extends StoreCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID",
            description = "An entity or top-level id whose subtree to check (default: the whole database).")
    String id;

    @Option(names = "--repair",
            description = "Fix each problem in a transaction of its own, after checking it again with its keys"
                    + " watched, and list what changed. Keys of the wrong type are left for you.")
    boolean repair;

    @Option(names = "--max-violations", paramLabel = "N", defaultValue = "1000",
            description = "Violations and repairs to list; all are counted (default: ${DEFAULT-VALUE}).")
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
        if (repair) {
            IntegrityCheck.RepairReport result;
            try (ProgressLine progress = context.progress(id == null ? "checking keys" : "checking " + id);
                 ShutdownCancellation cancellation = new ShutdownCancellation("check --repair", Duration.ofMillis(
                         2L * connection.readTimeoutMillis + connection.connectTimeoutMillis))) {
                result = IntegrityCheck.repair(store, id, options, progress, cancellation, repaired -> {
                    if (!json) {
                        context.out().println(Values.escapeControls(repairLine(repaired)));
                    }
                });
            }
            if (json) {
                writeJson(result.after(), result);
            } else {
                writeRepairSummary(result);
                writeText(result.after(), false);
            }
            return result.after().valid() ? 0 : 1;
        }
        IntegrityCheck.Report report;
        try (ProgressLine progress = context.progress(id == null ? "checking keys" : "checking " + id)) {
            report = IntegrityCheck.run(store, id, options, progress, Cancellation.NEVER);
        }
        if (json) {
            writeJson(report, null);
        } else {
            writeText(report, true);
        }
        return report.valid() ? 0 : 1;
    }

    private static String repairLine(IntegrityCheck.Repair repair) {
        IntegrityCheck.Violation violation = repair.violation();
        return switch (repair.outcome()) {
            case FIXED -> "fixed [" + violation.kind().label() + "] " + repair.change();
            case UNCHANGED -> "unchanged [" + violation.kind().label() + "] " + violation.key() + ": "
                    + repair.change();
            case MANUAL -> "left for you [" + violation.kind().label() + "] " + violation.message() + "; fix: "
                    + violation.fix();
            case FAILED -> "failed [" + violation.kind().label() + "] " + violation.message() + ": "
                    + repair.change();
        };
    }

    private void writeRepairSummary(IntegrityCheck.RepairReport result) {
        var out = context.out();
        out.println("repair: " + result.before().violationCount() + " found, " + result.fixed() + " fixed, "
                + result.unchanged() + " unchanged, " + result.manual() + " left for you, " + result.failed()
                + " failed, in " + result.passes() + (result.passes() == 1 ? " pass" : " passes"));
    }

    private void writeText(IntegrityCheck.Report report, boolean listViolations) {
        var out = context.out();
        out.println("entities: " + report.entities() + ", children sets: " + report.childrenSets()
                + ", index sets: " + report.indexSets() + ", geo sets: " + report.geoSets());
        out.println("top-level ids: " + String.join(" ", report.topLevelIds()));
        for (IntegrityCheck.Violation violation : report.violations()) {
            out.println(Values.escapeControls(violationLine(violation)));
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
            if (listViolations && !repair) {
                summary.append("; run again with --repair to fix them");
            }
            out.println(summary);
        }
    }

    static String violationLine(IntegrityCheck.Violation violation) {
        return "rule " + violation.rule() + " [" + violation.kind().label() + "] " + violation.message()
                + " (keys: " + String.join(" ", violation.keys()) + "; fix: " + violation.fix() + ")";
    }

    private void writeJson(IntegrityCheck.Report report, IntegrityCheck.RepairReport repairReport) throws Exception {
        JsonGenerator generator = Json.open(context.out());
        generator.writeStartObject();
        if (id != null) {
            generator.writeStringField("subtree", id);
        }
        generator.writeBooleanField("valid", report.valid());
        generator.writeNumberField("entities", report.entities());
        generator.writeNumberField("childrenSets", report.childrenSets());
        generator.writeNumberField("indexSets", report.indexSets());
        generator.writeNumberField("geoSets", report.geoSets());
        generator.writeArrayFieldStart("topLevelIds");
        for (String topLevel : report.topLevelIds()) {
            generator.writeString(topLevel);
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
            writeViolation(generator, violation);
        }
        generator.writeEndArray();
        if (repairReport != null) {
            generator.writeObjectFieldStart("repair");
            generator.writeNumberField("found", repairReport.before().violationCount());
            generator.writeNumberField("fixed", repairReport.fixed());
            generator.writeNumberField("unchanged", repairReport.unchanged());
            generator.writeNumberField("manual", repairReport.manual());
            generator.writeNumberField("failed", repairReport.failed());
            generator.writeNumberField("passes", repairReport.passes());
            generator.writeArrayFieldStart("repairs");
            for (IntegrityCheck.Repair repaired : repairReport.repairs()) {
                generator.writeStartObject();
                generator.writeStringField("outcome", repaired.outcome().name().toLowerCase(Locale.ROOT));
                generator.writeStringField("change", repaired.change());
                generator.writeFieldName("violation");
                writeViolation(generator, repaired.violation());
                generator.writeEndObject();
            }
            generator.writeEndArray();
            generator.writeEndObject();
        }
        generator.writeEndObject();
        Json.finish(generator, context.out());
    }

    private static void writeViolation(JsonGenerator generator, IntegrityCheck.Violation violation)
            throws Exception {
        generator.writeStartObject();
        generator.writeNumberField("rule", violation.rule());
        generator.writeStringField("kind", violation.kind().label());
        generator.writeStringField("key", violation.key());
        generator.writeArrayFieldStart("keys");
        for (String key : violation.keys()) {
            generator.writeString(key);
        }
        generator.writeEndArray();
        generator.writeStringField("message", violation.message());
        generator.writeStringField("fix", violation.fix());
        generator.writeEndObject();
    }
}
