package org.l2l.runner.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.core.Individual;
import org.l2l.core.Parameters;
import org.l2l.core.SimulationResult;

class RecordFileTest {
    @TempDir
    Path tmp;

    private final KryoCodec codec = new KryoCodec();

    private byte[] frameOf(Object value) {
        return RecordFile.frame(codec.encodeRecord(value));
    }

    @Test
    void recordsAppendedInOneWriteAreReadBackByOffsetAndLength() {
        Path p = tmp.resolve("individuals.data");
        Individual a = new Individual(0, 0, Parameters.builder().scalar("x", 1.5).build());
        Individual b = new Individual(0, 1, Parameters.builder().array("c", 1, 2, 3).build());
        byte[] fa = frameOf(a), fb = frameOf(b);
        try (RecordFile w = RecordFile.create(p); RecordFile r = RecordFile.openReader(p)) {
            assertEquals(RecordFile.HEADER_BYTES, w.end());
            long first = w.append(List.of(fa, fb));
            assertEquals(RecordFile.HEADER_BYTES, first);
            assertEquals(first + fa.length + fb.length, w.end());
            byte[] pb = r.read(first + fa.length, fb.length);
            assertEquals(b, codec.decodeRecord(pb, 0, pb.length, Individual.class, p));
            byte[] pa = r.read(first, fa.length);
            assertEquals(a, codec.decodeRecord(pa, 0, pa.length, Individual.class, p));
        }
    }

    @Test
    void truncatedCorruptAndMisplacedRecordsAreRejectedNamingTheFile() throws Exception {
        Path p = tmp.resolve("worker-0.results");
        byte[] good = frameOf(new KryoCodec.ResultRecord(2, 3, 0, SimulationResult.of(4.0)));
        byte[] bad = good.clone();
        bad[bad.length / 2] ^= 0x55;
        try (RecordFile w = RecordFile.create(p); RecordFile r = RecordFile.openReader(p)) {
            long at = w.append(List.of(good));
            long badAt = w.append(List.of(bad));
            RunFileException corrupt = assertThrows(RunFileException.class, () -> r.read(badAt, bad.length));
            assertTrue(corrupt.getMessage().contains("checksum") && corrupt.getMessage().contains("worker-0.results"),
                    corrupt.getMessage());
            assertThrows(RunFileException.class, () -> r.read(at + 1, good.length), "not where a record starts");
            assertThrows(RunFileException.class, () -> r.read(at, good.length - 1), "a length other than the frame's");
            long halfAt = w.append(List.of(java.util.Arrays.copyOf(good, good.length / 2)));
            RunFileException truncated = assertThrows(RunFileException.class, () -> r.read(halfAt, good.length));
            assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
            byte[] ok = r.read(at, good.length);
            assertEquals(4.0, codec.decodeRecord(ok, 0, ok.length, KryoCodec.ResultRecord.class, p).result().fitness()[0]);
        }
    }

    @Test
    void aFileWithoutTheHeaderIsNotRead() throws Exception {
        Path p = tmp.resolve("other.data");
        byte[] good = frameOf(SimulationResult.of(1));
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {'X', 'X', 'X', 'X', 0, 0, 0, 1}));
            ch.write(ByteBuffer.wrap(good));
        }
        assertEquals(8 + good.length, Files.size(p));
        try (RecordFile r = RecordFile.openReader(p)) {
            RunFileException e = assertThrows(RunFileException.class, () -> r.read(8, good.length));
            assertTrue(e.getMessage().contains("magic"), e.getMessage());
        }
    }
}
