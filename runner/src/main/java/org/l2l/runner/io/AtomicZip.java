package org.l2l.runner.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Zips that readers never see half-written: the entries go into the temporary sibling
 * ({@link AtomicFiles#temporary}), which then replaces the zip. The run archive and the per-generation log zips are
 * written this way.
 */
public final class AtomicZip {
    private AtomicZip() {}

    /** Writes the entries of a zip. */
    @FunctionalInterface
    public interface Entries<T> {
        /** Writes every entry to {@code out}; returns what the caller wants to know of them (a count, or null). */
        T write(ZipArchiveOutputStream out) throws IOException;
    }

    /**
     * Writes {@code zip} with {@code entries}, replacing an existing one only once it is complete. Returns what
     * {@code entries} returned.
     *
     * @param what the zip, for the message of a failure, such as {@code "the run archive"}
     * @throws RunFileException naming {@code zip} if it cannot be written; an earlier {@code zip} is then left as it
     *     was and the temporary file is removed
     */
    public static <T> T write(Path zip, String what, Entries<T> entries) {
        Path tmp = AtomicFiles.temporary(zip);
        T result;
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(Files.newOutputStream(tmp))) {
            result = entries.write(out);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof RunFileException r) throw r;
            throw RunFileException.writing(zip, "cannot write " + what, e);
        }
        AtomicFiles.replace(tmp, zip);
        return result;
    }
}
