package org.l2l.runner;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import org.l2l.core.Evaluation;
import org.l2l.core.GenerationResult;
import org.l2l.runner.io.KryoCodec;
import org.l2l.runner.io.RunDirectory;

/** Every stored evaluation of a run, generational or asynchronous, by its identifier; for comparing two runs. */
final class StoredEvaluations {
    private StoredEvaluations() {}

    /**
     * {@code "GGGGGG/IIIIII" -> "params fitness failure"} over the generation files or, for an asynchronous run, the
     * batch files; fails if an individual is stored twice.
     */
    static Map<String, String> byId(RunDirectory dir) {
        KryoCodec codec = new KryoCodec();
        Map<String, String> out = new TreeMap<>();
        for (int g = 0; Files.exists(dir.generationFile(g)); g++) {
            GenerationResult r = codec.read(dir.generationFile(g), KryoCodec.GenerationRecord.class).result();
            for (Evaluation e : r.evaluations()) put(out, e);
        }
        for (int b = 0; Files.exists(dir.batchFile(b)); b++) {
            for (Evaluation e : codec.read(dir.batchFile(b), KryoCodec.BatchRecord.class).evaluations()) put(out, e);
        }
        return out;
    }

    private static void put(Map<String, String> out, Evaluation e) {
        String key = String.format("%06d/%06d", e.individual().generation(), e.individual().index());
        String old = out.put(key, e.individual().params() + " " + java.util.Arrays.toString(e.fitness())
                + (e.failed() ? " FAILED " + e.failure() : ""));
        assertNull(old, e.individual().label() + " is stored twice");
    }
}
