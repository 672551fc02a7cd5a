package org.l2l.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.l2l.core.Individual;
import org.l2l.core.SimulationResult;
import org.l2l.runner.io.KryoCodec;
import org.l2l.runner.io.PipeFile;
import org.l2l.runner.io.RunDirectory;

/**
 * A worker that misbehaves on the wire, for tests. It is started as the runner's launch prefix
 * ({@code srun}), so it receives the real worker command after its mode and takes the run directory
 * and worker id from it. Fitness is the individual's {@code x}. Modes, applied to attempt 0 only:
 * {@code corrupt} (result bytes flipped), {@code truncated}, {@code missing} (OK without a file),
 * {@code late} (FAIL, then, after its next reply, a valid-looking OK for attempt 0 with fitness 999),
 * {@code duplicate} (OK sent twice).
 */
public final class FakeWorker {
    private FakeWorker() {}

    /** {@code FakeWorker MODE <worker command...> RUN_DIR ID --exit-with-driver}. */
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        RunDirectory dir = new RunDirectory(Path.of(args[args.length - 3]));
        int id = Integer.parseInt(args[args.length - 2]);
        KryoCodec codec = new KryoCodec();
        String pendingLate = null;
        try (PipeFile in = PipeFile.openReader(dir.workerIn(id)); PipeFile out = PipeFile.openWriter(dir.workerOut(id))) {
            out.append("READY " + ProcessHandle.current().pid() + " fake");
            while (true) {
                var lines = in.poll();
                if (lines.isEmpty()) {
                    Thread.sleep(1);
                    continue;
                }
                for (String line : lines) {
                    String[] f = line.split(" ");
                    if (f[0].equals("EXIT")) {
                        out.append("BYE");
                        return;
                    }
                    int g = Integer.parseInt(f[1]), i = Integer.parseInt(f[2]), a = Integer.parseInt(f[3]);
                    Individual ind = codec.read(dir.individualsFile(g), KryoCodec.IndividualBatch.class).individuals().get(i);
                    SimulationResult r = SimulationResult.of(ind.params().scalar("x"));
                    byte[] good = codec.encode(new KryoCodec.ResultRecord(g, i, a, r));
                    String ok = "OK " + g + " " + i + " " + a + " " + good.length + " " + crc(good);
                    Path file = dir.resultFile(g, i, a);
                    if (a > 0 || mode.equals("none")) {
                        Files.write(file, good);
                        out.append(ok);
                    } else {
                        switch (mode) {
                            case "corrupt" -> {
                                byte[] bad = good.clone();
                                bad[bad.length / 2] ^= 0x55;
                                Files.write(file, bad);
                                out.append(ok);
                            }
                            case "truncated" -> {
                                Files.write(file, Arrays.copyOf(good, good.length / 2));
                                out.append(ok);
                            }
                            case "missing" -> out.append(ok);
                            case "duplicate" -> {
                                Files.write(file, good);
                                out.append(ok);
                                out.append(ok);
                            }
                            case "late" -> {
                                out.append("FAIL " + g + " " + i + " " + a + " planned failure before a late reply");
                                byte[] wrong = codec.encode(new KryoCodec.ResultRecord(g, i, a, SimulationResult.of(999)));
                                Files.write(file, wrong);
                                pendingLate = "OK " + g + " " + i + " " + a + " " + wrong.length + " " + crc(wrong);
                                continue;
                            }
                            default -> throw new IllegalArgumentException(mode);
                        }
                    }
                    if (pendingLate != null) {
                        out.append(pendingLate);
                        pendingLate = null;
                    }
                }
            }
        }
    }

    private static long crc(byte[] b) {
        CRC32 c = new CRC32();
        c.update(b);
        return c.getValue();
    }
}
