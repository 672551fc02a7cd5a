package org.l2l.runner;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.l2l.core.Individual;
import org.l2l.core.SimulationResult;
import org.l2l.runner.io.KryoCodec;
import org.l2l.runner.io.Messages;
import org.l2l.runner.io.PipeFile;
import org.l2l.runner.io.RecordFile;
import org.l2l.runner.io.RunDirectory;

/**
 * A worker that misbehaves on the wire, for tests. It is started as the runner's launch prefix
 * ({@code srun}), so it receives the real worker command after its mode and takes the run directory
 * and worker id from it. Fitness is the individual's {@code x}. Modes, applied to attempt 0 only:
 * {@code corrupt} (a byte of the result record flipped), {@code truncated} (half the result record
 * written, the whole announced), {@code missing} (OK without where the result is),
 * {@code late} (FAIL, then, after its next reply, a valid-looking OK for attempt 0 with fitness 999),
 * {@code duplicate} (OK sent twice); and, for every attempt, {@code quiet} (results never announced in the
 * notification file, as if every notification were lost: the pool's sweep must find them).
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
        try (PipeFile in = PipeFile.openReader(dir.workerIn(id)); PipeFile out = PipeFile.openWriter(dir.workerOut(id));
             PipeFile notify = PipeFile.openWriter(dir.notifyFile());
             RecordFile individuals = RecordFile.openReader(dir.individualsFile());
             RecordFile results = RecordFile.create(dir.workerResults(id))) {
            send(out, notify, id, List.of("READY " + ProcessHandle.current().pid() + " fake"));
            boolean quiet = mode.equals("quiet");
            while (true) {
                var lines = in.poll();
                if (lines.isEmpty()) {
                    Thread.sleep(1);
                    continue;
                }
                for (String line : lines) {
                    String[] f = line.split(" ");
                    if (f[0].equals("EXIT")) {
                        send(out, notify, id, List.of("BYE"));
                        return;
                    }
                    int g = Integer.parseInt(f[1]), i = Integer.parseInt(f[2]), a = Integer.parseInt(f[3]);
                    byte[] record = individuals.read(Long.parseLong(f[4]), Integer.parseInt(f[5]));
                    Individual ind = codec.decodeRecord(record, 0, record.length, Individual.class, individuals.path());
                    SimulationResult r = SimulationResult.of(ind.params().scalar("x"));
                    byte[] good = RecordFile.frame(codec.encodeRecord(new KryoCodec.ResultRecord(g, i, a, r)));
                    long at = results.end();
                    String ok = Messages.ok(g, i, a, 1000, at, good.length);
                    if (quiet) {
                        results.append(List.of(good));
                        out.append(ok);
                    } else if (a > 0 || mode.equals("none")) {
                        results.append(List.of(good));
                        send(out, notify, id, List.of(ok));
                    } else {
                        switch (mode) {
                            case "corrupt" -> {
                                byte[] bad = good.clone();
                                bad[bad.length / 2] ^= 0x55;
                                results.append(List.of(bad));
                                send(out, notify, id, List.of(ok));
                            }
                            case "truncated" -> {
                                results.append(List.of(Arrays.copyOf(good, good.length / 2)));
                                send(out, notify, id, List.of(ok));
                            }
                            case "missing" -> send(out, notify, id, List.of("OK " + g + " " + i + " " + a + " 1000"));
                            case "duplicate" -> {
                                results.append(List.of(good));
                                send(out, notify, id, List.of(ok, ok));
                            }
                            case "late" -> {
                                byte[] why = RecordFile.frame(codec.encodeRecord(
                                        new KryoCodec.FailureRecord(g, i, a, "planned failure before a late reply")));
                                results.append(List.of(why));
                                send(out, notify, id, List.of(Messages.fail(g, i, a, 1000, at, why.length)));
                                byte[] late = RecordFile.frame(codec.encodeRecord(
                                        new KryoCodec.ResultRecord(g, i, a, SimulationResult.of(999))));
                                long lateAt = results.end();
                                results.append(List.of(late));
                                pendingLate = Messages.ok(g, i, a, 1000, lateAt, late.length);
                                continue;
                            }
                            default -> throw new IllegalArgumentException(mode);
                        }
                    }
                    if (pendingLate != null) {
                        send(out, notify, id, List.of(pendingLate));
                        pendingLate = null;
                    }
                }
            }
        }
    }

    private static void send(PipeFile out, PipeFile notify, int id, List<String> lines) {
        out.appendAll(lines);
        notify.append(Integer.toString(id));
    }
}
