package org.l2l.runner.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
    void anOkReplyCarriesItsResultWithLengthAndChecksum() {
        byte[] bytes = {1, 2, 3, (byte) 200};
        String[] f = Messages.ok(4, 5, 1, 777, bytes).split(" ");
        assertEquals(List.of("OK", "4", "5", "1", "777", "4"), List.of(f).subList(0, 6));
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        assertEquals(crc.getValue(), Long.parseLong(f[6]));
        assertArrayEquals(bytes, java.util.Base64.getDecoder().decode(f[7]));
    }

    @Test
    void stackTracesSurviveEscaping() {
        String trace = "java.lang.IllegalStateException: a\\b\n\tat X.y(X.java:3)\n";
        String line = Messages.escape(trace);
        assertTrue(line.indexOf('\n') < 0);
        assertEquals(trace, Messages.unescape(line));
    }
}
