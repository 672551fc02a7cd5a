package org.l2l.runner.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.l2l.runner.io.AtomicZip;
import org.l2l.runner.io.RunFileException;

/**
 * Puts what each worker logged during a generation into that generation's zip. Worker logs are
 * continuous files (workers live across generations); the archiver remembers how far each was
 * archived and zips only the new part, as {@code worker-N.log} entries.
 */
public final class LogArchiver {
    private final Map<Path, Long> archived = new HashMap<>();

    /** Treats what the logs hold now as archived already (a resumed run's earlier generations). */
    public void skipExisting(Iterable<Path> logs) {
        for (Path log : logs) {
            try {
                if (Files.exists(log)) archived.put(log, Files.size(log));
            } catch (IOException e) {
                throw new RunFileException(log, "cannot read worker log", e);
            }
        }
    }

    /**
     * Zips the new part of each log into {@code zip}, entry names being the map's keys. Writes nothing
     * and returns false when no log grew.
     */
    public boolean archive(Path zip, SortedMap<String, Path> logs) {
        Map<String, long[]> slices = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Path> e : logs.entrySet()) {
            long from = archived.getOrDefault(e.getValue(), 0L);
            long to;
            try {
                to = Files.exists(e.getValue()) ? Files.size(e.getValue()) : 0;
            } catch (IOException ex) {
                throw new RunFileException(e.getValue(), "cannot read worker log", ex);
            }
            if (to > from) slices.put(e.getKey(), new long[] {from, to});
        }
        if (slices.isEmpty()) return false;
        AtomicZip.write(zip, "the log archive", out -> {
            for (Map.Entry<String, long[]> s : slices.entrySet()) {
                Path log = logs.get(s.getKey());
                long from = s.getValue()[0], to = s.getValue()[1];
                out.putArchiveEntry(new ZipArchiveEntry(s.getKey()));
                try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ)) {
                    ch.position(from);
                    InputStream in = Channels.newInputStream(ch);
                    byte[] buf = new byte[64 * 1024];
                    long left = to - from;
                    while (left > 0) {
                        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                        if (n < 0) break;
                        out.write(buf, 0, n);
                        left -= n;
                    }
                }
                out.closeArchiveEntry();
                archived.put(log, to);
            }
            return null;
        });
        return true;
    }
}
