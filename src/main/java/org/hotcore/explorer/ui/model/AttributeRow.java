package org.hotcore.explorer.ui.model;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.hotcore.explorer.core.Bytes;

/**
 * One attribute of the selected entity. Name and value are kept as bytes, so a value that is not UTF-8 is written
 * back unchanged; the table shows their escaped form.
 */
public final class AttributeRow {

    /** Values of this many bytes and more are shown truncated. */
    public static final int LARGE_VALUE_BYTES = 64 * 1024;

    /** Characters of a large value shown in the table. */
    static final int PREVIEW_CHARS = 200;

    private final Bytes name;
    private final ReadOnlyObjectWrapper<Bytes> value;

    AttributeRow(Bytes name, Bytes value) {
        this.name = name;
        this.value = new ReadOnlyObjectWrapper<>(this, "value", value);
    }

    public Bytes getName() {
        return name;
    }

    /** The stored value as last read or written. */
    public ReadOnlyObjectProperty<Bytes> valueProperty() {
        return value.getReadOnlyProperty();
    }

    public Bytes getValue() {
        return value.get();
    }

    void value(Bytes newValue) {
        value.set(newValue);
    }

    /** Returns the name in escaped form: UTF-8 as it is, other bytes as {@code \xHH}. */
    public String displayName() {
        return name.escaped();
    }

    /** Tells whether the value has {@value #LARGE_VALUE_BYTES} bytes or more. */
    public boolean isLarge() {
        return value.get().length() >= LARGE_VALUE_BYTES;
    }

    /** Returns the value in escaped form, or for a large value its size followed by the first characters. */
    public String displayValue() {
        String escaped = value.get().escaped();
        if (!isLarge()) {
            return escaped;
        }
        return "(" + value.get().length() + " bytes, truncated) " + escaped.substring(0, Math.min(PREVIEW_CHARS,
                escaped.length())) + "…";
    }

    /** Returns the whole value in escaped form, as the editor shows it. */
    public String fullValue() {
        return value.get().escaped();
    }
}
