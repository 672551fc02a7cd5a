package org.l2l.runner;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;
import org.l2l.core.Individual;
import org.l2l.core.SimulationResult;
import org.l2l.runner.io.KryoCodec;
import org.l2l.runner.io.Messages;
import org.l2l.runner.io.PipeFile;
import org.l2l.runner.io.RunDirectory;

/**
 * A worker that misbehaves on the wire, for tests. It is started as the runner's launch prefix
 * ({@code srun}), so it receives the real worker command after its mode and takes the run directory
 * and worker id from it. Fitness is the individual's {@code x}. Modes, applied to attempt 0 only:
 * {@code corrupt} (result bytes flipped), {@code truncated} (half the result bytes, with the whole
 * result's length and checksum), {@code missing} (OK without the result),
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
                    Individual ind = codec.decode(Base64.getDecoder().decode(f[4]), Individual.class, dir.workerIn(id));
                    SimulationResult r = SimulationResult.of(ind.params().scalar("x"));
                    byte[] good = codec.encode(new KryoCodec.ResultRecord(g, i, a, r));
                    String ok = Messages.ok(g, i, a, 1000, good);
                    String announced = "OK " + g + " " + i + " " + a + " 1000 " + good.length + " " + crc(good) + " ";
                    if (a > 0 || mode.equals("none")) {
                        out.append(ok);
                    } else {
                        switch (mode) {
                            case "corrupt" -> {
                                byte[] bad = good.clone();
                                bad[bad.length / 2] ^= 0x55;
                                out.append(announced + Base64.getEncoder().encodeToString(bad));
                            }
                            case "truncated" -> out.append(announced + Base64.getEncoder().encodeToString(
                                    Arrays.copyOf(good, good.length / 2)));
                            case "missing" -> out.append(announced.strip());
                            case "duplicate" -> out.appendAll(List.of(ok, ok));
                            case "late" -> {
                                out.append("FAIL " + g + " " + i + " " + a + " planned failure before a late reply");
                                pendingLate = Messages.ok(g, i, a, 1000,
                                        codec.encode(new KryoCodec.ResultRecord(g, i, a, SimulationResult.of(999))));
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
