package org.hotcore.explorer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.hotcore.explorer.core.Bytes;
import org.junit.jupiter.api.Test;

/** Parsing of ATTR=VALUE arguments and the escaped output form. */
class ValuesTest {

    @Test
    void assignmentSplitsAtFirstEquals() {
        Map<Bytes, Bytes> parsed = Values.parseAssignments(List.of("formula=a=b", "empty="));

        assertThat(parsed).containsEntry(Bytes.utf8("formula"), Bytes.utf8("a=b"))
                .containsEntry(Bytes.utf8("empty"), Bytes.utf8(""));
    }

    @Test
    void assignmentUnescapesBytes() {
        Map<Bytes, Bytes> parsed = Values.parseAssignments(List.of("n\\x3dm=caf\\xE9", "path=a\\\\b"));

        assertThat(parsed).containsEntry(Bytes.utf8("n=m"), Bytes.of(new byte[] {'c', 'a', 'f', (byte) 0xe9}))
                .containsEntry(Bytes.utf8("path"), Bytes.utf8("a\\b"));
    }

    @Test
    void repeatedAttributeKeepsLastValue() {
        assertThat(Values.parseAssignments(List.of("a=1", "a=2"))).containsExactly(Map.entry(Bytes.utf8("a"),
                Bytes.utf8("2")));
    }

    @Test
    void malformedAssignmentsAreRejected() {
        assertThatThrownBy(() -> Values.parseAssignments(List.of("name"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected ATTR=VALUE");
        assertThatThrownBy(() -> Values.parseAssignments(List.of("=x"))).hasMessageContaining("name before '=' is"
                + " empty");
        assertThatThrownBy(() -> Values.parseAssignments(List.of("a=\\xg0"))).hasMessageContaining("invalid escape"
                + " '\\xg0' in 'a=\\xg0'");
        assertThatThrownBy(() -> Values.parseAssignments(List.of("a=\\x"))).hasMessageContaining("invalid escape");
        assertThatThrownBy(() -> Values.parseAssignments(List.of("a=\\xa"))).hasMessageContaining("invalid escape");
    }

    @Test
    void namesRejectEquals() {
        assertThat(Values.parseNames(List.of("a", "b\\x3dc"))).containsExactly(Bytes.utf8("a"), Bytes.utf8("b=c"));
        assertThatThrownBy(() -> Values.parseNames(List.of("a=b"))).hasMessageContaining("unset takes names only");
        assertThatThrownBy(() -> Values.parseNames(List.of(""))).hasMessageContaining("invalid attribute name");
    }

    @Test
    void displayEscapesControlsAndInvalidBytes() {
        Bytes value = Bytes.of(new byte[] {'a', '\t', 'b', '\n', (byte) 0xff, '\\', 0x7f});

        String shown = Values.display(value);

        assertThat(shown).isEqualTo("a\\x09b\\x0a\\xff\\\\\\x7f");
        assertThat(Bytes.unescape(shown)).isEqualTo(value);
    }

    @Test
    void displayNameEscapesEqualsAndLeadingHash() {
        assertThat(Values.displayName(Bytes.utf8("a=b"))).isEqualTo("a\\x3db");
        assertThat(Values.displayName(Bytes.utf8("#tag"))).isEqualTo("\\x23tag");
        assertThat(Values.displayName(Bytes.utf8("x#y"))).isEqualTo("x#y");
    }

    @Test
    void displayedLineReadsBackToSameBytes() {
        Bytes name = Bytes.utf8("#a=b");
        Bytes value = Bytes.of(new byte[] {'=', (byte) 0xc3, '\r', '\n', 'z'});

        Map<Bytes, Bytes> parsed = Values.parseAssignments(List.of(Values.displayName(name) + "="
                + Values.display(value)));

        assertThat(parsed).containsExactly(Map.entry(name, value));
    }
}
