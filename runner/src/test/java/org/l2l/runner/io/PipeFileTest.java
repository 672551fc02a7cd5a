package org.l2l.runner.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipeFileTest {
    @TempDir
    Path tmp;

    @Test
    void readerSeesWholeLinesOnlyAndCompletesAHalfWrittenOne() throws Exception {
        Path p = tmp.resolve("w.out");
        try (PipeFile w = PipeFile.openWriter(p); PipeFile r = PipeFile.openReader(p)) {
            assertTrue(r.poll().isEmpty());
            w.append("READY 1 host");
            w.append("OK 0 1 0 10 99");
            assertEquals(List.of("READY 1 host", "OK 0 1 0 10 99"), r.poll());
            Files.write(p, "FAIL 0 2 0 at x".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
            assertTrue(r.poll().isEmpty(), "no partial line");
            assertTrue(r.hasPartialLine());
            Files.write(p, "\\nmore\nBYE\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
            assertEquals(List.of("FAIL 0 2 0 at x\\nmore", "BYE"), r.poll());
        }
    }

    @Test
    void aBatchIsAppendedWholeAndReadAsItsLines() throws Exception {
        Path p = tmp.resolve("w.in");
        try (PipeFile w = PipeFile.openWriter(p); PipeFile r = PipeFile.openReader(p)) {
            w.appendAll(List.of("RUN 0 1 0", "RUN 0 2 0", "RUN 0 3 0"));
            w.appendAll(List.of());
            assertEquals("RUN 0 1 0\nRUN 0 2 0\nRUN 0 3 0\n", Files.readString(p));
            assertEquals(List.of("RUN 0 1 0", "RUN 0 2 0", "RUN 0 3 0"), r.poll());
            assertThrows(IllegalArgumentException.class, () -> w.appendAll(List.of("RUN 0 4 0", "two\nlines")));
            assertEquals(List.of(), r.poll(), "a batch with a bad line writes nothing");
        }
    }

    @Test
    void controlLinesCarryIdsAndWhereTheDataIs() {
        assertEquals("RUN 4 5 1 8 120", Messages.run(4, 5, 1, 8, 120));
        assertEquals("OK 4 5 1 777 64 33", Messages.ok(4, 5, 1, 777, 64, 33));
        assertEquals("FAIL 4 5 1 777 97 500", Messages.fail(4, 5, 1, 777, 97, 500));
    }

}
