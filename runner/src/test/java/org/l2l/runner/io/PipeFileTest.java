package org.l2l.runner.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void stackTracesSurviveEscaping() {
        String trace = "java.lang.IllegalStateException: a\\b\n\tat X.y(X.java:3)\n";
        String line = Messages.escape(trace);
        assertTrue(line.indexOf('\n') < 0);
        assertEquals(trace, Messages.unescape(line));
    }
}
