package org.l2l.runner.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AheadFilesTest {
    @TempDir
    Path dir;

    @Test
    void aPreparedFileIsWrittenAtomicallyAndTheTemporaryFileIsGone() throws Exception {
        Path f = dir.resolve("gen-1.kryo");
        try (AheadFiles files = new AheadFiles()) {
            files.prepare(f);
            files.write(f, new byte[] {1, 2, 3});
            assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
            assertFalse(Files.exists(AtomicFiles.temporary(f)));
        }
    }

    @Test
    void aStaleLongerTemporaryFileIsTruncatedNotMixedIn() throws Exception {
        Path f = dir.resolve("gen-2.kryo");
        Files.write(AtomicFiles.temporary(f), new byte[100]); // left by a killed driver
        try (AheadFiles files = new AheadFiles()) {
            files.prepare(f);
            files.write(f, new byte[] {7});
        }
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(f));
    }

    @Test
    void writingAnotherFileDiscardsThePreparedOneAndStillWrites() throws Exception {
        Path prepared = dir.resolve("gen-3.kryo"), other = dir.resolve("gen-4.kryo");
        try (AheadFiles files = new AheadFiles()) {
            files.prepare(prepared);
            files.write(other, new byte[] {4});
            assertArrayEquals(new byte[] {4}, Files.readAllBytes(other));
            assertFalse(Files.exists(AtomicFiles.temporary(prepared)), "the unused preparation is removed");
            assertFalse(Files.exists(prepared));
        }
    }

    @Test
    void closeRemovesAnUnusedPreparation() {
        Path f = dir.resolve("gen-5.kryo");
        AheadFiles files = new AheadFiles();
        files.prepare(f);
        files.close();
        assertFalse(Files.exists(AtomicFiles.temporary(f)));
        assertFalse(Files.exists(f));
    }

    @Test
    void aPreparationThatFailedFallsBackToThePlainWriteWhichNamesTheFile() throws Exception {
        Path missing = dir.resolve("no-such-dir").resolve("gen-6.kryo");
        try (AheadFiles files = new AheadFiles()) {
            files.prepare(missing);
            RunFileException e = assertThrows(RunFileException.class, () -> files.write(missing, new byte[] {1}));
            assertTrue(e.getMessage().contains("gen-6.kryo"), e.getMessage());
            // and once the directory exists, the same object writes normally
            Files.createDirectories(missing.getParent());
            files.write(missing, new byte[] {9});
            assertArrayEquals(new byte[] {9}, Files.readAllBytes(missing));
        }
    }
}
