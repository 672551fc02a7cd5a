package org.l2l.runner.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.l2l.core.Individual;
import org.l2l.runner.io.KryoCodec;
import org.l2l.runner.io.Messages;
import org.l2l.runner.io.PipeFile;
import org.l2l.runner.io.RecordFile;
import org.l2l.runner.io.RunDirectory;
import org.l2l.runner.io.RunFileException;

/**
 * The driver's side of the files shared with the workers (see {@link Messages} and {@link RecordFile}):
 * the individuals file it appends, the notification file it follows, and each worker's pipe files and
 * result file. Every call here is one filesystem call or a bounded few; nothing here walks all workers.
 */
final class Transport implements AutoCloseable {
    private final RunDirectory dir;
    private final KryoCodec codec = new KryoCodec();
    private RecordFile individuals;
    private PipeFile notify;
    private final List<byte[]> frames = new ArrayList<>();
    private long pendingEnd;
    /** The records of the batch being handled, read together, and whose result file they are from. */
    private RecordFile.Span span;
    private WorkerProcess spanWorker;
    /** Filesystem calls made on the data files and input pipe files, for measurements. */
    long dataReads;
    long dataWrites;

    Transport(RunDirectory dir) {
        this.dir = dir;
    }

    /** Creates the run-wide files afresh: the individuals file and the notification file. */
    void open() {
        try {
            Files.deleteIfExists(dir.notifyFile());
        } catch (IOException e) {
            throw RunFileException.writing(dir.notifyFile(), "cannot remove an old notification file", e);
        }
        individuals = RecordFile.create(dir.individualsFile());
        pendingEnd = individuals.end();
        notify = PipeFile.openReader(dir.notifyFile());
    }

    /** Removes worker {@code w}'s old pipe and result files and opens its new pipe files (before launching it). */
    void prepare(WorkerProcess w) {
        try {
            Files.deleteIfExists(dir.workerIn(w.id));
            Files.deleteIfExists(dir.workerOut(w.id));
            Files.deleteIfExists(dir.workerResults(w.id));
        } catch (IOException e) {
            throw RunFileException.writing(dir.workersDir(), "cannot prepare files of worker " + w.id, e);
        }
        w.in = PipeFile.openWriter(dir.workerIn(w.id));
        w.out = PipeFile.openReader(dir.workerOut(w.id));
    }

    /**
     * Queues {@code ind} for the individuals file and returns where it will be: {@code {offset, length}}.
     * Written by the next {@link #flushIndividuals}, before any {@code RUN} line points to it.
     */
    long[] addIndividual(Individual ind) {
        byte[] frame = RecordFile.frame(codec.encodeRecord(ind));
        frames.add(frame);
        long offset = pendingEnd;
        pendingEnd += frame.length;
        return new long[] {offset, frame.length};
    }

    /** Appends the queued individuals with one write. */
    void flushIndividuals() {
        if (frames.isEmpty()) return;
        individuals.append(frames);
        dataWrites++;
        frames.clear();
    }

    /**
     * The notices appended since the last call (one read of the notification file); malformed lines,
     * which concurrent appends from several nodes may produce on some filesystems, are skipped: the gap
     * they leave, or the pool's sweep, makes the pool read those workers' {@code .out} files.
     */
    List<Messages.Notice> notifications() {
        List<String> lines = notify.poll();
        List<Messages.Notice> notices = new ArrayList<>(lines.size());
        for (String line : lines) {
            Messages.Notice n = Messages.parseNotice(line);
            if (n != null) notices.add(n);
        }
        return notices;
    }

    /**
     * Reads together the result records that a batch of {@code lines} from worker {@code w} points to, if
     * there are several (a worker appends a batch of results with one write): one read instead of one
     * per result. Lines pointing elsewhere are read one by one by {@link #readResult}.
     */
    void prefetch(WorkerProcess w, List<String> lines) {
        span = null;
        long[] range = Messages.span(lines, 256 * 1024);
        if (range == null) return;
        try {
            if (w.results == null) w.results = RecordFile.openReader(dir.workerResults(w.id));
            dataReads++;
            span = w.results.readSpan(range[0], range[1]);
            spanWorker = w;
        } catch (RunFileException e) {
            span = null; // each record is then read, and judged, on its own
        }
    }

    /** Reads and decodes the record of worker {@code w}'s result file at {@code offset} (one read, or none if prefetched). */
    <T> T readResult(WorkerProcess w, long offset, int length, Class<T> type) {
        if (w.results == null) w.results = RecordFile.openReader(dir.workerResults(w.id));
        boolean prefetched = span != null && spanWorker == w && span.covers(offset, length);
        if (!prefetched) dataReads++;
        byte[] payload = prefetched ? span.record(offset, length) : w.results.read(offset, length);
        return codec.decodeRecord(payload, 0, payload.length, type, w.results.path());
    }

    /** Removes worker {@code id}'s pipe and result files (after the run, whose results are in the generation files). */
    void delete(int id) throws IOException {
        Files.deleteIfExists(dir.workerIn(id));
        Files.deleteIfExists(dir.workerOut(id));
        Files.deleteIfExists(dir.workerResults(id));
    }

    @Override
    public void close() {
        if (individuals != null) individuals.close();
        if (notify != null) notify.close();
        try {
            Files.deleteIfExists(dir.individualsFile());
            Files.deleteIfExists(dir.notifyFile());
        } catch (IOException e) {
            // the transport of a finished run; leaving it is harmless
        }
    }
}
