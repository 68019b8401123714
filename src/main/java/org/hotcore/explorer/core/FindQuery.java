package org.hotcore.explorer.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A search with the semantics of hotcore's {@code find}: every criterion must hold (AND). A value with {@code *},
 * {@code ?} or {@code [} is a Redis glob over the values of that attribute; any other value must match exactly.
 * The attribute {@code parent} selects the children of the given id.
 */
public record FindQuery(List<Criterion> criteria) {

    /** The pseudo-attribute hotcore's find reads as "child of". */
    public static final String PARENT = "parent";

    public FindQuery {
        if (criteria.isEmpty()) {
            throw new IllegalArgumentException("invalid search: give at least one term such as name=Alice or"
                    + " name=A*");
        }
        criteria = List.copyOf(criteria);
    }

    /**
     * One term.
     *
     * @param attribute the attribute name
     * @param pattern the exact value, or a glob when {@link #glob()} is true
     */
    public record Criterion(Bytes attribute, Bytes pattern) {

        public boolean glob() {
            return !isParent() && Keys.isGlob(pattern.utf8());
        }

        public boolean isParent() {
            return attribute.equals(Bytes.utf8(PARENT));
        }

        @Override
        public String toString() {
            return attribute.escaped() + "=" + pattern.escaped();
        }
    }

    /**
     * Parses terms of the form {@code attribute=pattern}; the first {@code =} separates them, so values may contain
     * more. Backslash escapes such as {@code \xff} give raw bytes.
     *
     * @throws IllegalArgumentException naming the term that is not of that form
     */
    public static FindQuery parse(List<String> terms) {
        List<Criterion> criteria = new ArrayList<>();
        for (String part : terms) {
            int equals = part.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("invalid search term '" + part + "': expected attribute=pattern,"
                        + " for example name=Alice or name=A*");
            }
            criteria.add(new Criterion(Bytes.unescape(part.substring(0, equals)),
                    Bytes.unescape(part.substring(equals + 1))));
        }
        return new FindQuery(criteria);
    }

    /**
     * Parses a search box line: terms separated by white space, where a new term starts at a word followed by
     * {@code =}, so {@code name=Project 9 type=project} gives two terms.
     */
    public static FindQuery parseLine(String line) {
        List<String> terms = new ArrayList<>();
        for (String part : line.strip().split("\\s+(?=[^\\s=]+=)")) {
            if (!part.isBlank()) {
                terms.add(part);
            }
        }
        return parse(terms);
    }

    @Override
    public String toString() {
        return String.join(" ", criteria.stream().map(Criterion::toString).toList());
    }
}
