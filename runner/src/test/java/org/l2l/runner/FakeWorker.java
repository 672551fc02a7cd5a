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
 * notification file, as if every notification were lost: the pool's sweep must find them), {@code lossy}
 * (every second notice lost, so notices arrive after gaps: the pool must read the {@code .out} file),
 * {@code bare} (notices are bare worker ids, without the lines: the pool reads the {@code .out} file each
 * time) and {@code stranger} (every notice carries another process's token: never taken as the worker's
 * lines). Otherwise it announces its lines as a real worker does, as notices that the pool takes as read.
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
        String token = Long.toHexString(ProcessHandle.current().pid() * 31 + System.nanoTime());
        Notices notices = new Notices(mode, id, token);
        try (PipeFile in = PipeFile.openReader(dir.workerIn(id)); PipeFile out = PipeFile.openWriter(dir.workerOut(id));
             PipeFile notify = PipeFile.openWriter(dir.notifyFile());
             RecordFile individuals = RecordFile.openReader(dir.individualsFile());
             RecordFile results = RecordFile.create(dir.workerResults(id))) {
            notices.send(out, notify, List.of(Messages.ready(ProcessHandle.current().pid(), "fake", token)));
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
                        notices.send(out, notify, List.of("BYE"));
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
                    } else if (a > 0 || !java.util.Set.of("corrupt", "truncated", "missing", "late", "duplicate").contains(mode)) {
                        results.append(List.of(good));
                        notices.send(out, notify, List.of(ok));
                    } else {
                        switch (mode) {
                            case "corrupt" -> {
                                byte[] bad = good.clone();
                                bad[bad.length / 2] ^= 0x55;
                                results.append(List.of(bad));
                                notices.send(out, notify, List.of(ok));
                            }
                            case "truncated" -> {
                                results.append(List.of(Arrays.copyOf(good, good.length / 2)));
                                notices.send(out, notify, List.of(ok));
                            }
                            case "missing" -> notices.send(out, notify, List.of("OK " + g + " " + i + " " + a + " 1000"));
                            case "duplicate" -> {
                                results.append(List.of(good));
                                notices.send(out, notify, List.of(ok, ok));
                            }
                            case "late" -> {
                                byte[] why = RecordFile.frame(codec.encodeRecord(
                                        new KryoCodec.FailureRecord(g, i, a, "planned failure before a late reply")));
                                results.append(List.of(why));
                                notices.send(out, notify, List.of(Messages.fail(g, i, a, 1000, at, why.length)));
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
                        notices.send(out, notify, List.of(pendingLate));
                        pendingLate = null;
                    }
                }
            }
        }
    }

    /** How this fake worker announces what it appends to its {@code .out} file. */
    private static final class Notices {
        private final String mode;
        private final int id;
        private final String token;
        private int sent;

        Notices(String mode, int id, String token) {
            this.mode = mode;
            this.id = id;
            this.token = token;
        }

        void send(PipeFile out, PipeFile notify, List<String> lines) {
            long at = out.offset();
            out.appendAll(lines);
            sent++;
            switch (mode) {
                case "bare" -> notify.append(Integer.toString(id));
                case "lossy" -> {
                    if (sent % 2 == 1 || lines.get(0).startsWith("READY")) notify.appendAll(Messages.notices(id, token, at, lines));
                }
                case "stranger" -> notify.appendAll(Messages.notices(id, token + "0", at, lines));
                default -> notify.appendAll(Messages.notices(id, token, at, lines));
            }
        }
    }
}
