package org.l2l.runner.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.io.Output;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Individual;
import org.l2l.core.Parameters;
import org.l2l.core.SimulationResult;

class KryoCodecTest {
    @TempDir
    Path tmp;

    /** The generation stored in the golden file; never change it, add a new golden file for a new format. */
    static GenerationResult golden() {
        FitnessWeights w = FitnessWeights.of(-1, 2);
        Individual a = new Individual(3, 0, Parameters.builder().scalar("x", 0.25).array("coords", 1.5, -2.0).build());
        Individual b = new Individual(3, 1, Parameters.builder().scalar("x", -1).array("coords", 0, 1e-300).build());
        return new GenerationResult(3, List.of(
                Evaluation.success(a, new SimulationResult(new double[] {4.0, 0.5},
                        Map.of("spikes", 12L, "trace", new double[] {1, 2, 3}, "ok", true, "note", "fine", "v", -65.5)), w),
                Evaluation.failed(b, w, "IllegalStateException: boom")));
    }

    @Test
    void roundTripsAGeneration() {
        KryoCodec c = new KryoCodec();
        Path f = tmp.resolve("g.kryo");
        c.write(f, golden());
        GenerationResult r = c.read(f, GenerationResult.class);
        assertEquals(2, r.size());
        Evaluation e = r.evaluations().get(0);
        assertEquals(golden().evaluations().get(0).individual(), e.individual());
        assertArrayEquals(new double[] {4.0, 0.5}, e.fitness());
        assertArrayEquals(new double[] {-4.0, 1.0}, e.weightedFitness());
        assertArrayEquals(new double[] {1, 2, 3}, (double[]) e.extra().get("trace"));
        assertEquals(12L, e.extra().get("spikes"));
        assertTrue(r.evaluations().get(1).failed());
        assertEquals(Double.NEGATIVE_INFINITY, r.evaluations().get(1).weightedFitness()[0]);

        Path rf = tmp.resolve("record.kryo");
        byte[] state = {1, 2, 3, 4};
        c.write(rf, new KryoCodec.GenerationRecord(golden(), state, golden().evaluations().get(0), 99));
        KryoCodec.GenerationRecord rec = c.read(rf, KryoCodec.GenerationRecord.class);
        assertArrayEquals(state, rec.optimizerState());
        assertEquals(99, rec.evaluationsSoFar());
        assertEquals(golden().evaluations().get(0).individual(), rec.bestSoFar().individual());
        c.write(rf, new KryoCodec.GenerationRecord(golden(), null, null, 0));
        assertEquals(null, c.read(rf, KryoCodec.GenerationRecord.class).optimizerState());
    }

    @Test
    void goldenFileOfFormatVersion1StillReads() throws Exception {
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("/golden/generation-v1.kryo")) {
            bytes = in.readAllBytes();
        }
        GenerationResult r = new KryoCodec().decode(bytes, GenerationResult.class, Path.of("generation-v1.kryo"));
        GenerationResult g = golden();
        for (int i = 0; i < g.size(); i++) {
            assertEquals(g.evaluations().get(i).individual(), r.evaluations().get(i).individual());
            assertArrayEquals(g.evaluations().get(i).fitness(), r.evaluations().get(i).fitness());
            assertEquals(g.evaluations().get(i).failure(), r.evaluations().get(i).failure());
        }
        assertEquals(g.evaluations().get(0).extra().keySet(), r.evaluations().get(0).extra().keySet());
    }

    @Test
    void truncatedOrCorruptFilesAreRejectedNamingTheFile() throws Exception {
        KryoCodec c = new KryoCodec();
        byte[] good = c.encode(golden());
        Path f = tmp.resolve("gen-000003.kryo");
        Files.write(f, Arrays.copyOf(good, good.length - 7));
        RunFileException e = assertThrows(RunFileException.class, () -> c.read(f, GenerationResult.class));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        byte[] flipped = good.clone();
        flipped[20] ^= 0x10;
        Files.write(f, flipped);
        assertThrows(RunFileException.class, () -> c.read(f, GenerationResult.class));
        Files.write(f, "not a run file at all".getBytes());
        assertTrue(assertThrows(RunFileException.class, () -> c.read(f, GenerationResult.class)).getMessage()
                .contains("not an l2l run file"));
    }

    @Test
    void aFileNamingAnUnregisteredClassIsRejected() {
        // A well-formed file (magic, version, valid checksum) whose payload names class ID 99.
        Output out = new Output(64, -1);
        out.writeBytes(new byte[] {'L', '2', 'L', 'K'});
        out.writeInt(KryoCodec.FORMAT_VERSION);
        out.writeVarInt(99 + 2, true); // Kryo writes registered IDs offset by 2
        out.writeString("payload");
        CRC32 crc = new CRC32();
        crc.update(out.getBuffer(), 0, out.position());
        out.writeInt((int) crc.getValue());
        RunFileException e = assertThrows(RunFileException.class,
                () -> new KryoCodec().decode(out.toBytes(), GenerationResult.class, Path.of("crafted.kryo")));
        assertTrue(e.getMessage().contains("crafted.kryo"), e.getMessage());
        assertTrue(e.getMessage().contains("unregistered class ID"), e.getMessage());
    }

    @Test
    void anUnsupportedFormatVersionIsNamed() {
        byte[] b = new KryoCodec().encode(golden());
        Output out = new Output(b.length, -1);
        out.writeBytes(b, 0, 4);
        out.writeInt(7);
        out.writeBytes(b, 8, b.length - 12);
        CRC32 crc = new CRC32();
        crc.update(out.getBuffer(), 0, out.position());
        out.writeInt((int) crc.getValue());
        RunFileException e = assertThrows(RunFileException.class,
                () -> new KryoCodec().decode(out.toBytes(), GenerationResult.class, Path.of("future.kryo")));
        assertTrue(e.getMessage().contains("format version 7"), e.getMessage());
    }
}
