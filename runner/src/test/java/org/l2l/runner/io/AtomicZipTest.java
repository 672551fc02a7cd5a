package org.l2l.runner.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicZipTest {
    @TempDir
    Path tmp;

    private static void entry(ZipArchiveOutputStream out, String name, String text) throws IOException {
        out.putArchiveEntry(new ZipArchiveEntry(name));
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeArchiveEntry();
    }

    private static String read(Path zip, String name) throws IOException {
        try (ZipFile z = ZipFile.builder().setPath(zip).get(); InputStream in = z.getInputStream(z.getEntry(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void writesTheEntriesThroughTheTemporarySiblingAndReturnsTheBodysResult() throws IOException {
        Path zip = tmp.resolve("a.zip");
        int n = AtomicZip.write(zip, "the test zip", out -> {
            assertTrue(Files.exists(AtomicFiles.temporary(zip)), "written to NAME.tmp first");
            assertFalse(Files.exists(zip), "the zip appears only when complete");
            entry(out, "x.txt", "hello");
            return 1;
        });
        assertEquals(1, n);
        assertEquals("hello", read(zip, "x.txt"));
        assertFalse(Files.exists(AtomicFiles.temporary(zip)));
    }

    @Test
    void aFailedWriteLeavesTheEarlierZipAndNoTemporaryFileAndNamesTheZip() throws IOException {
        Path zip = tmp.resolve("b.zip");
        AtomicZip.write(zip, "the test zip", out -> {
            entry(out, "x.txt", "first");
            return null;
        });
        byte[] before = Files.readAllBytes(zip);
        RunFileException e = assertThrows(RunFileException.class, () -> AtomicZip.write(zip, "the test zip", out -> {
            entry(out, "x.txt", "second");
            throw new IOException("disk full");
        }));
        assertEquals(zip, e.file());
        assertTrue(e.getMessage().contains("cannot write the test zip"), e.getMessage());
        assertTrue(e.getCause().getMessage().contains("disk full"), String.valueOf(e.getCause()));
        assertArrayEquals(before, Files.readAllBytes(zip));
        assertFalse(Files.exists(AtomicFiles.temporary(zip)));
    }
}
