package org.l2l.runner.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Whole-file writes that readers never see half-done: write a temporary sibling, then rename it. */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes {@code bytes} to {@code file} atomically, replacing any existing file. */
    public static void write(Path file, byte[] bytes) {
        Path tmp = temporary(file);
        try {
            Files.write(tmp, bytes);
        } catch (IOException e) {
            throw RunFileException.writing(file, "cannot be written", e);
        }
        replace(tmp, file);
    }

    /** The temporary sibling through which {@code file} is written: {@code NAME.tmp}. */
    public static Path temporary(Path file) {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    /** Renames the written temporary file {@code tmp} to {@code file}, atomically where the filesystem can. */
    static void replace(Path tmp, Path file) {
        try {
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw RunFileException.writing(file, "cannot be written", e);
        }
    }

    /** Writes a UTF-8 text file atomically. */
    public static void writeString(Path file, String text) {
        write(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
