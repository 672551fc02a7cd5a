package org.l2l.core.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
    private static List<List<String>> rows(CsvReader csv) {
        List<List<String>> out = new ArrayList<>();
        while (csv.next()) {
            List<String> r = new ArrayList<>();
            for (int i = 0; i < csv.size(); i++) r.add(csv.get(i));
            out.add(r);
        }
        return out;
    }

    @Test
    void aColumnNameWithACommaStaysOneColumnThroughWriteAndRead() {
        StringWriter text = new StringWriter();
        try (CsvWriter w = new CsvWriter(text)) {
            w.row("name", "min, max", "say \"hi\"");
            w.row("x", "1,5", "line\nbreak");
        }
        assertEquals("name,\"min, max\",\"say \"\"hi\"\"\"\nx,\"1,5\",\"line\nbreak\"\n", text.toString());
        CsvReader r = CsvReader.of(text.toString(), "t.csv", false);
        assertEquals(List.of("name", "min, max", "say \"hi\""), r.header());
        assertEquals(1, r.requireColumn("min, max"));
        assertEquals(List.of(List.of("x", "1,5", "line\nbreak")), rows(r));
    }

    @Test
    void commentAndBlankLinesAreSkippedOnlyWhenAsked() {
        String text = "# a table\nname,v\n\n# the first\na,1\n\r\nb,\"#2\"\n";
        CsvReader r = CsvReader.of(text, "t.csv", true);
        assertEquals(List.of("name", "v"), r.header());
        assertEquals(List.of(List.of("a", "1"), List.of("b", "#2")), rows(r));
        CsvReader plain = CsvReader.of(text, "t.csv", false);
        assertEquals(List.of("# a table"), plain.header());
    }

    @Test
    void linesAreCountedThroughQuotedBreaksAndComments() {
        CsvReader r = CsvReader.of("# c\nname,v\n\"a\nb\",1\nc,oops\n", "t.csv", true);
        int v = r.requireColumn("v");
        assertTrue(r.next());
        assertEquals(3, r.line());
        assertEquals(1, r.number(v));
        assertTrue(r.next());
        assertEquals(5, r.line());
        CsvException e = assertThrows(CsvException.class, () -> r.number(v));
        assertEquals("t.csv: line 5: column 'v' is not a number: 'oops'", e.getMessage());
        assertFalse(r.next());
    }

    @Test
    void malformedInputIsNamedBySourceAndLine() {
        assertEquals("t.csv: line 1: is empty: a CSV header row is expected",
                assertThrows(CsvException.class, () -> CsvReader.of("", "t.csv", false)).getMessage());
        assertTrue(assertThrows(CsvException.class, () -> CsvReader.of("\n# only a comment\n", "t.csv", true))
                .getMessage().contains("is empty"));
        assertTrue(assertThrows(CsvException.class, () -> CsvReader.of("a,a\n", "t.csv", false)).getMessage()
                .contains("names column 'a' twice"));
        CsvReader r = CsvReader.of("a,b\n1,2,3\n", "t.csv", false);
        assertEquals("t.csv: line 2: has 3 fields but the header has 2",
                assertThrows(CsvException.class, r::next).getMessage());
        CsvReader q = CsvReader.of("a\n\"open\n", "t.csv", false);
        assertTrue(assertThrows(CsvException.class, q::next).getMessage().contains("quoted field is not closed"));
        assertTrue(assertThrows(CsvException.class, () -> CsvReader.of("a\n", "t.csv", false).requireColumn("b"))
                .getMessage().contains("line 1: the header has no column 'b'"));
    }

    @Test
    void numbersBooleansAndMissingValuesReadAsPandasWritesThem() {
        CsvReader r = CsvReader.of("\uFEFF x ,n,b\ninf,3.0,True\n,,0\n", "t.csv", false);
        assertEquals(List.of("x", "n", "b"), r.header());
        assertTrue(r.next());
        assertEquals(Double.POSITIVE_INFINITY, r.number(0));
        assertEquals(3, r.integer(1));
        assertTrue(r.bool(2));
        assertTrue(r.next());
        assertTrue(Double.isNaN(r.number(0)));
        assertFalse(r.bool(2));
    }

    @Test
    void cellsAreQuotedOnlyWhenTheyNeedIt() {
        assertEquals("plain", CsvWriter.cell("plain"));
        assertEquals("\" padded\"", CsvWriter.cell(" padded"));
        assertEquals("", CsvWriter.cell(null));
        assertEquals("h\nv\n", CsvWriter.text(List.of("h"), List.of(List.of("v"))));
    }
}
