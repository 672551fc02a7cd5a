package org.l2l.runner.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessagesTest {
    @TempDir
    Path dir;

    @Test
    void noticesPointToWhereEachLineStartsInTheOutFile() {
        Path file = dir.resolve("worker-0.out");
        try (PipeFile out = PipeFile.openWriter(file); PipeFile reader = PipeFile.openReader(file)) {
            out.appendAll(List.of("READY 1 h t"));
            assertEquals(List.of("READY 1 h t"), reader.poll());
            long at = out.offset();
            List<String> lines = List.of("OK 0 0 0 5 0 22", "FAIL 0 1 0 5 22 40 é");
            out.appendAll(lines);
            List<String> notices = Messages.notices(3, "ab12", at, lines);
            for (String n : notices) {
                Messages.Notice p = Messages.parseNotice(n);
                assertEquals(3, p.worker());
                assertEquals("ab12", p.token());
                assertEquals(reader.offset(), p.offset(), "the notice continues the file where the reader stands");
                reader.skip(p.line());
            }
            assertEquals(out.offset(), reader.offset());
            assertEquals(List.of(), reader.poll(), "nothing is read twice");
            out.append("BYE");
            assertEquals(List.of("BYE"), reader.poll());
        }
    }

    @Test
    void aBareIdIsAHintAndGarbleIsRefused() {
        Messages.Notice bare = Messages.parseNotice("17");
        assertEquals(17, bare.worker());
        assertNull(bare.line());
        assertNull(Messages.parseNotice("17 tok"));
        assertNull(Messages.parseNotice("17 tok x OK"));
        assertNull(Messages.parseNotice("1x7"));
        assertNull(Messages.parseNotice("3 tok -5 OK"));
        assertEquals("OK 1 2 3", Messages.parseNotice("3 tok 40 OK 1 2 3").line());
    }

    @Test
    void byteLengthIsTheUtf8Length() {
        for (String s : List.of("", "ascii", "é", "日本", "a\uD83D\uDE00b")) {
            assertEquals(s.getBytes(StandardCharsets.UTF_8).length, Messages.byteLength(s), s);
        }
    }
}
