package org.l2l.runner.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
    private static CsvReader csv(String text) {
        return new CsvReader(new StringReader(text), Path.of("f.csv"));
    }

    @Test
    void readsQuotedFieldsMissingValuesAndCountsLinesAcrossQuotedLineBreaks() {
        try (CsvReader r = csv("a,b,c\r\n1,\"x, \"\"y\"\"\",\n\n\"multi\nline\",2.5\n3,,true\n")) {
            assertEquals(List.of("a", "b", "c"), r.header());
            assertTrue(r.next());
            assertEquals(2, r.line());
            assertEquals(1, r.integer(r.column("a")));
            assertEquals("x, \"y\"", r.get(1));
            assertTrue(Double.isNaN(r.number(2)), "an empty cell is a missing value");
            assertTrue(r.next(), "the blank line is skipped");
            assertEquals(4, r.line());
            assertEquals("multi\nline", r.get(0));
            assertEquals(2.5, r.number(1));
            assertEquals("", r.get(2), "a short record has missing values");
            assertTrue(r.next());
            assertEquals(6, r.line());
            assertTrue(r.bool(2));
            assertFalse(r.next());
        }
    }

    @Test
    void errorsNameTheFileAndLine() {
        try (CsvReader r = csv("x,flag\n1,true\nnope,maybe\n")) {
            r.next();
            r.next();
            var e = assertThrows(RunFileException.class, () -> r.number(0));
            assertTrue(e.getMessage().startsWith("f.csv: line 3: column 'x' is not a number: 'nope'"), e.getMessage());
            e = assertThrows(RunFileException.class, () -> r.bool(1));
            assertTrue(e.getMessage().startsWith("f.csv: line 3: column 'flag'"), e.getMessage());
        }
        try (CsvReader r = csv("x\n1,2\n")) {
            var e = assertThrows(RunFileException.class, r::next);
            assertEquals("f.csv: line 2: has 2 fields but the header has 1", e.getMessage());
        }
        try (CsvReader r = csv("x,y\n")) {
            var e = assertThrows(RunFileException.class, () -> r.requireColumn("z"));
            assertTrue(e.getMessage().startsWith("f.csv: line 1: the header has no column 'z'"), e.getMessage());
        }
        assertThrows(RunFileException.class, () -> csv(""));
        assertThrows(RunFileException.class, () -> csv("x,x\n"));
    }

    @Test
    void readsFloatsWrittenForWholeNumbersAndInfinities() {
        try (CsvReader r = csv("i,v\n3.0,-inf\n")) {
            r.next();
            assertEquals(3, r.integer(0));
            assertEquals(Double.NEGATIVE_INFINITY, r.number(1));
        }
    }
}
