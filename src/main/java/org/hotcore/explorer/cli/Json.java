package org.hotcore.explorer.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Streaming JSON output for {@code --json}: indented (or compact, one document per line), written as it is
 * produced, ended with a newline.
 */
final class Json {

    /**
     * The factory of every generator. Jackson limits nesting to 1,000 levels by default, and {@code tree --json}
     * nests two levels per tree level, so trees of any depth need the limit lifted.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
            .build();

    private Json() {
    }

    /** Opens a generator on {@code out}; the caller closes it with {@link #finish(JsonGenerator, PrintWriter)}. */
    static JsonGenerator open(PrintWriter out) throws IOException {
        JsonGenerator generator = FACTORY.createGenerator(out);
        generator.useDefaultPrettyPrinter();
        return generator;
    }

    /** Opens a generator that writes without line breaks, for one JSON object per line. */
    static JsonGenerator openCompact(PrintWriter out) throws IOException {
        return FACTORY.createGenerator(out);
    }

    /** Closes the generator and ends the document with a newline; {@code out} stays open. */
    static void finish(JsonGenerator generator, PrintWriter out) throws IOException {
        generator.close();
        out.println();
    }
}
