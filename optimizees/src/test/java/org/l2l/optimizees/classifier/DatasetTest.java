package org.l2l.optimizees.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {
    @TempDir
    Path dir;

    private Path csv(String content) throws IOException {
        Path f = dir.resolve("data.csv");
        Files.writeString(f, content);
        return f;
    }

    private String error(String content, String labelColumn) throws IOException {
        Path f = csv(content);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dataset.readCsv(f, labelColumn));
        assertTrue(e.getMessage().contains(f.toString()), "names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void readsTheLastColumnAsLabelAndSortsNumericClassesNumerically() throws IOException {
        Dataset d = Dataset.readCsv(csv("a,b,y\n1,2,10\n3.5,-4,2\n\n0,0,10\n"), "");
        assertEquals(List.of("a", "b"), d.featureNames());
        assertEquals(List.of("2", "10"), d.classes());
        assertEquals(3, d.size());
        assertArrayEquals(new double[] {3.5, -4}, d.features(1));
        assertEquals(1, d.label(0));
        assertEquals(0, d.label(1));
    }

    @Test
    void readsANamedLabelColumnAnywhereWithTextLabels() throws IOException {
        Dataset d = Dataset.readCsv(csv("species,len,width\nsetosa,5.1,3.5\nvirginica,6.3,2.9\nsetosa,4.9,3\n"), "species");
        assertEquals(List.of("len", "width"), d.featureNames());
        assertEquals(List.of("setosa", "virginica"), d.classes());
        assertArrayEquals(new double[] {6.3, 2.9}, d.features(1));
        assertEquals(1, d.label(1));
    }

    @Test
    void aBadNumberNamesTheLineAndColumn() throws IOException {
        String m = error("a,b,y\n1,2,0\n3,x7,1\n", "");
        assertTrue(m.contains("line 3, column 2 (b)") && m.contains("\"x7\""), m);
        m = error("a,b,y\n1,NaN,0\n3,1,1\n", "");
        assertTrue(m.contains("line 2, column 2 (b)") && m.contains("not a finite number"), m);
    }

    @Test
    void aRowWithTheWrongNumberOfColumnsNamesTheLine() throws IOException {
        String m = error("a,b,y\n1,2,0\n3,1\n", "");
        assertTrue(m.contains("line 3: 2 columns, but the header has 3"), m);
    }

    @Test
    void anUnknownLabelColumnListsTheColumns() throws IOException {
        String m = error("a,b,y\n1,2,0\n3,1,1\n", "label");
        assertTrue(m.contains("no column \"label\"") && m.contains("[a, b, y]"), m);
    }

    @Test
    void emptyFilesMissingRowsEmptyLabelsAndSingleClassesAreRejected() throws IOException {
        assertTrue(error("", "").contains("header"));
        assertTrue(error("a,y\n", "").contains("no data rows"));
        assertTrue(error("a,y\n1,\n", "").contains("line 2, column 2 (y): the label is empty"));
        assertTrue(error("a,y\n1,0\n2,0\n", "").contains("at least 2 classes"));
        assertTrue(error("y\n1\n", "").contains("at least one feature column"));
    }

    @Test
    void aMissingFileIsNamed() {
        Path f = dir.resolve("missing.csv");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dataset.readCsv(f, ""));
        assertTrue(e.getMessage().contains("missing.csv") && e.getMessage().contains("cannot read"), e.getMessage());
    }

    @Test
    void glyphDigitsAreDeterministicBalancedAndSmallIntegers() {
        Dataset a = GlyphDigits.generate(5, 7);
        assertEquals(a, GlyphDigits.generate(5, 7));
        assertNotEquals(a, GlyphDigits.generate(5, 8));
        assertEquals(50, a.size());
        assertEquals(64, a.featureCount());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(i % 10, a.label(i));
            for (double v : a.features(i)) assertTrue(v >= 0 && v <= 9 && v == Math.rint(v), "pixel " + v);
        }
    }

    @Test
    void theShippedCsvIsExactlyTheBuiltInDataSet() {
        // surefire runs in the module directory; the example data lives at the repository root
        Path shipped = Path.of("..", "examples", "data", "glyph-digits.csv");
        assertTrue(Files.isRegularFile(shipped), "missing " + shipped.toAbsolutePath());
        assertEquals(GlyphDigits.standard(), Dataset.readCsv(shipped, GlyphDigits.LABEL_COLUMN));
    }

    @Test
    void writeCsvRoundTrips() throws IOException {
        Dataset a = GlyphDigits.generate(3, 1);
        Path f = dir.resolve("g.csv");
        GlyphDigits.writeCsv(a, f);
        assertEquals(a, Dataset.readCsv(f, ""));
    }
}
