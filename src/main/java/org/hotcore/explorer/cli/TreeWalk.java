package org.hotcore.explorer.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.hotcore.explorer.core.ChildCursor;
import org.hotcore.explorer.core.ChildSummary;
import org.hotcore.explorer.core.EntityNotFoundException;
import org.hotcore.explorer.core.HotcoreStore;

/**
 * A depth-first walk for {@code tree} with an explicit stack instead of recursion, so any depth is safe. Each node
 * on the stack pages through its children with a {@link ChildCursor} and reads at most the children it shows, so
 * memory and round trips grow with the output, not with the size of the tree.
 */
final class TreeWalk {

    /** Children read per SSCAN page at most, also when more are shown. */
    private static final int MAX_PAGE_SIZE = 500;

    /** Receives the nodes in depth-first order; every {@code open} is matched by one {@code close}. */
    interface Printer {
        /**
         * Starts a node.
         *
         * @param topLevel true for a top-level id, which has children but no entity
         * @param expanded true when its children follow
         * @param cycle true when the node is its own ancestor, so it is not expanded again
         */
        void open(ChildSummary node, int depth, boolean topLevel, boolean expanded, boolean cycle) throws IOException;

        /** Ends a node; {@code more} is the number of children not shown, for an expanded node. */
        void close(ChildSummary node, int depth, boolean expanded, long more) throws IOException;
    }

    private final HotcoreStore store;
    private final int maxDepth;
    private final int maxChildren;
    private final Printer printer;
    private final BooleanSupplier outputClosed;

    TreeWalk(HotcoreStore store, int maxDepth, int maxChildren, Printer printer, BooleanSupplier outputClosed) {
        this.store = store;
        this.maxDepth = maxDepth;
        this.maxChildren = maxChildren;
        this.printer = printer;
        this.outputClosed = outputClosed;
    }

    /** A node whose children are being printed. */
    private final class Frame {
        final ChildSummary node;
        final int depth;
        final ChildCursor cursor;
        final Deque<ChildSummary> buffer = new ArrayDeque<>();
        long shown;

        Frame(ChildSummary node, int depth) {
            this.node = node;
            this.depth = depth;
            this.cursor = store.children(node.id());
        }

        /** Returns the next child to show, or null when all are shown or the per-node maximum is reached. */
        ChildSummary next() {
            if (shown >= maxChildren) {
                return null;
            }
            while (buffer.isEmpty() && !cursor.complete()) {
                int pageSize = (int) Math.min(MAX_PAGE_SIZE, maxChildren - shown);
                buffer.addAll(cursor.next(pageSize).children());
            }
            ChildSummary child = buffer.poll();
            if (child != null) {
                shown++;
            }
            return child;
        }

        /** Returns how many children were not shown: 0 once the scan is complete, else the rest of SCARD. */
        long more() {
            if (buffer.isEmpty() && cursor.complete()) {
                return 0;
            }
            return Math.max(node.childCount() - shown, buffer.size());
        }
    }

    /**
     * Prints the tree below {@code startId}.
     *
     * @return false when standard output was closed and the walk stopped early
     * @throws EntityNotFoundException when the id is neither an entity nor a top-level id
     */
    boolean print(String startId) throws IOException {
        ChildSummary top = store.summary(startId);
        boolean topLevel = !top.entityExists();
        if (topLevel && top.childCount() == 0 && !HotcoreStore.ROOT.equals(startId)) {
            throw new EntityNotFoundException(startId, "it is neither an entity nor a top-level id; list top-level"
                    + " ids with 'roots'");
        }
        Deque<Frame> stack = new ArrayDeque<>();
        Set<String> onPath = new HashSet<>();
        boolean expandTop = top.childCount() > 0 && maxDepth > 0;
        printer.open(top, 0, topLevel, expandTop, false);
        if (!expandTop) {
            printer.close(top, 0, false, 0);
            return true;
        }
        stack.push(new Frame(top, 0));
        onPath.add(top.id());

        long printed = 1;
        while (!stack.isEmpty()) {
            Frame frame = stack.peek();
            ChildSummary child = frame.next();
            if (child == null) {
                stack.pop();
                onPath.remove(frame.node.id());
                printer.close(frame.node, frame.depth, true, frame.more());
                continue;
            }
            int depth = frame.depth + 1;
            boolean cycle = onPath.contains(child.id());
            boolean expand = !cycle && child.childCount() > 0 && depth < maxDepth;
            printer.open(child, depth, false, expand, cycle);
            if (expand) {
                stack.push(new Frame(child, depth));
                onPath.add(child.id());
            } else {
                printer.close(child, depth, false, 0);
            }
            printed++;
            if (printed % 200 == 0 && outputClosed.getAsBoolean()) {
                return false;
            }
        }
        return !outputClosed.getAsBoolean();
    }

    /** Indented text, two spaces per level. */
    static final class TextPrinter implements Printer {
        private final PrintWriter out;

        TextPrinter(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void open(ChildSummary node, int depth, boolean topLevel, boolean expanded, boolean cycle) {
            out.println("  ".repeat(depth) + describe(node, topLevel, cycle));
        }

        @Override
        public void close(ChildSummary node, int depth, boolean expanded, long more) {
            if (expanded && more > 0) {
                out.println("  ".repeat(depth + 1) + "… " + more + " more");
            }
        }

        static String describe(ChildSummary node, boolean topLevel, boolean cycle) {
            String id = Values.escapeControls(node.id());
            String children = node.childCount() == 1 ? "1 child" : node.childCount() + " children";
            if (topLevel) {
                return id + " (top-level id, " + children + ")";
            }
            StringBuilder line = new StringBuilder();
            if (node.name() != null) {
                line.append(Values.escapeControls(node.name())).append(' ');
            }
            if (node.type() != null) {
                line.append('[').append(Values.escapeControls(node.type())).append("] ");
            }
            line.append(id);
            if (!node.entityExists()) {
                line.append(" (missing entity: listed as a child, but e:").append(id).append(" does not exist)");
            }
            if (node.childCount() > 0) {
                line.append(" (").append(children).append(')');
            }
            if (cycle) {
                line.append(" (cycle: this id is its own ancestor, not expanded again)");
            }
            return line.toString();
        }
    }

    /** Nested JSON objects, written as the walk goes. */
    static final class JsonPrinter implements Printer {
        private final JsonGenerator generator;

        JsonPrinter(JsonGenerator generator) {
            this.generator = generator;
        }

        @Override
        public void open(ChildSummary node, int depth, boolean topLevel, boolean expanded, boolean cycle)
                throws IOException {
            generator.writeStartObject();
            generator.writeStringField("id", node.id());
            if (topLevel) {
                generator.writeBooleanField("topLevel", true);
            } else {
                generator.writeStringField("name", node.name());
                generator.writeStringField("type", node.type());
                generator.writeBooleanField("entity", node.entityExists());
            }
            generator.writeNumberField("childCount", node.childCount());
            if (cycle) {
                generator.writeBooleanField("cycle", true);
            }
            if (expanded) {
                generator.writeArrayFieldStart("children");
            }
        }

        @Override
        public void close(ChildSummary node, int depth, boolean expanded, long more) throws IOException {
            if (expanded) {
                generator.writeEndArray();
                generator.writeNumberField("more", more);
            }
            generator.writeEndObject();
        }
    }
}
