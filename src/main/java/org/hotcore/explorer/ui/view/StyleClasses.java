package org.hotcore.explorer.ui.view;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import javafx.css.PseudoClass;

/** Style classes and pseudo-classes of the explorer's views, as the stylesheets name them. */
public final class StyleClasses {

    public static final String EXPLORER = "explorer";
    public static final String ENTITY_TREE = "entity-tree";
    public static final String ENTITY_CELL = "entity-cell";
    public static final String ENTITY_ICON = "entity-icon";
    public static final String FOCUS_BAR = "focus-bar";
    /** Number of distinct colour and icon pairs for entity types. */
    public static final int PALETTE_SIZE = 6;

    public static final String DETAILS = "details-pane";
    public static final String DETAILS_TITLE = "details-title";
    public static final String BREADCRUMB = "breadcrumb";
    public static final String BREADCRUMB_SEPARATOR = "breadcrumb-separator";
    public static final String FIELD_LABEL = "field-label";
    public static final String ATTRIBUTE_TABLE = "attribute-table";
    public static final String ESCAPED_VALUE = "escaped-value";

    public static final String SEARCH = "search-pane";
    public static final String SEARCH_RESULTS = "search-results";

    public static final String JOBS_PANEL = "jobs-panel";
    public static final String JOB_ROW = "job-row";
    public static final String JOB_TITLE = "job-title";
    public static final String JOB_DETAIL = "job-detail";
    public static final String JOB_CANCEL = "job-cancel";
    public static final String JOB_DISMISS = "job-dismiss";
    public static final PseudoClass JOB_FAILED = PseudoClass.getPseudoClass("failed");

    public static final String STATUS_BAR = "status-bar";
    public static final String STATUS_ERROR = "status-error";
    public static final String BANNER = "banner";
    public static final String BANNER_DANGER = "banner-danger";
    public static final String BANNER_WARNING = "banner-warning";

    /** A row of a top-level id. */
    public static final PseudoClass TOP_LEVEL = PseudoClass.getPseudoClass("top-level");
    /** The "Load more" row at the end of a node's loaded children. */
    public static final PseudoClass LOAD_MORE = PseudoClass.getPseudoClass("load-more");
    /** The colour and icon pairs of entity types, {@code palette-0} and on. */
    private static final List<PseudoClass> PALETTE = IntStream.range(0, PALETTE_SIZE)
            .mapToObj(slot -> PseudoClass.getPseudoClass("palette-" + slot)).toList();

    public static final PseudoClass MISSING = PseudoClass.getPseudoClass("missing");
    public static final PseudoClass LOADING = PseudoClass.getPseudoClass("loading");
    public static final PseudoClass LARGE = PseudoClass.getPseudoClass("large");
    /** A tree row inside a subtree that a delete job is removing. */
    public static final PseudoClass DELETING = PseudoClass.getPseudoClass("deleting");
    /** A tree row cut and waiting to be pasted. */
    public static final PseudoClass CUT = PseudoClass.getPseudoClass("cut");
    /** A tree row under a drag that would accept the dragged entities. */
    public static final PseudoClass DROP_TARGET = PseudoClass.getPseudoClass("drop-target");
    /** A tree row under a drag that cannot take the dragged entities. */
    public static final PseudoClass DROP_REJECTED = PseudoClass.getPseudoClass("drop-rejected");

    private StyleClasses() {
    }

    /** Palette slots of common hotcore types, so they never share a colour; other types are hashed. */
    private static final Map<String, Integer> KNOWN_TYPES = Map.ofEntries(
            Map.entry("container", 1), Map.entry("folder", 1), Map.entry("user", 0), Map.entry("person", 0),
            Map.entry("project", 2), Map.entry("office", 3), Map.entry("location", 3), Map.entry("site", 3),
            Map.entry("event", 4), Map.entry("item", 4), Map.entry("device", 5), Map.entry("sample", 5));

    /** Returns the palette pseudo-class of a type, so every type gets one of a few stable colours and icons. */
    public static PseudoClass palette(String type) {
        Integer known = KNOWN_TYPES.get(type.toLowerCase(Locale.ROOT));
        return PALETTE.get(known != null ? known : Math.floorMod(type.hashCode(), PALETTE_SIZE));
    }

    /** Returns every palette pseudo-class. */
    public static List<PseudoClass> palettes() {
        return PALETTE;
    }
}
