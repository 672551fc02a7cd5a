package org.l2l.runner.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * A whole run in one zip, and reading a run from a directory or from such a zip alike.
 *
 * <p>The zip holds the run directory under its own name ({@code NAME/run.json},
 * {@code NAME/generations/gen-000000.kryo}, ...), without the transient {@code work/} files and the lock.
 */
public final class RunArchive {
    private RunArchive() {}

    /** Writes {@code runDir} into {@code zip} (atomically: temporary file, then rename). Returns the entry count. */
    public static int write(Path runDir, Path zip) {
        RunDirectory dir = new RunDirectory(runDir);
        if (!dir.exists()) throw new IllegalArgumentException(runDir + " is not an l2l run directory (it has no run.json)");
        Path root = dir.root();
        String top = root.getFileName().toString();
        return AtomicZip.write(zip.toAbsolutePath(), "the run archive", out -> {
            int count = 0;
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.sorted().toList()) {
                    if (!Files.isRegularFile(p)) continue;
                    Path rel = root.relativize(p);
                    if (rel.startsWith("work") || rel.equals(Path.of("run.lock"))
                            || p.getFileName().toString().endsWith(".tmp")) {
                        continue;
                    }
                    ZipArchiveEntry e = new ZipArchiveEntry(top + "/" + rel.toString().replace('\\', '/'));
                    e.setTime(Files.getLastModifiedTime(p).toMillis());
                    out.putArchiveEntry(e);
                    Files.copy(p, out);
                    out.closeArchiveEntry();
                    count++;
                }
            }
            return count;
        });
    }

    /** A run to read: a run directory or a run archive. */
    public interface Source extends AutoCloseable {
        /** Where it is. */
        Path location();

        /** The bytes of a file of the run, by its path relative to the run directory, if present. */
        Optional<byte[]> read(String relativePath);

        /**
         * The files under a directory of the run, as paths relative to the run directory ({@code /}-separated,
         * sorted), at any depth; empty if the directory is absent.
         */
        List<String> list(String relativeDir);

        /** Streams a file of the run (for files too large to read whole); fails naming the file if it is absent. */
        InputStream open(String relativePath);

        /** When a file of the run was last modified, if it is present and the time is known. */
        Optional<Instant> modified(String relativePath);

        @Override
        void close();
    }

    /** Opens a run directory or a zip written by {@link #write}. */
    public static Source open(Path path) {
        if (Files.isDirectory(path)) {
            RunDirectory dir = new RunDirectory(path);
            if (!dir.exists()) throw new IllegalArgumentException(path + " is not an l2l run directory (it has no run.json)");
            return new Source() {
                @Override
                public Path location() {
                    return dir.root();
                }

                @Override
                public Optional<byte[]> read(String rel) {
                    Path p = dir.root().resolve(rel);
                    try {
                        return Files.exists(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
                    } catch (IOException e) {
                        throw new RunFileException(p, "cannot be read", e);
                    }
                }

                @Override
                public List<String> list(String relDir) {
                    Path d = dir.root().resolve(relDir);
                    if (!Files.isDirectory(d)) return List.of();
                    try (Stream<Path> s = Files.walk(d)) {
                        return s.filter(Files::isRegularFile)
                                .map(p -> dir.root().relativize(p).toString().replace('\\', '/')).sorted().toList();
                    } catch (IOException | java.io.UncheckedIOException e) {
                        throw new RunFileException(d, "cannot be listed", e);
                    }
                }

                @Override
                public InputStream open(String rel) {
                    Path p = dir.root().resolve(rel);
                    try {
                        return Files.newInputStream(p);
                    } catch (IOException e) {
                        throw new RunFileException(p, "cannot be read", e);
                    }
                }

                @Override
                public Optional<Instant> modified(String rel) {
                    Path p = dir.root().resolve(rel);
                    try {
                        return Files.exists(p) ? Optional.of(Files.getLastModifiedTime(p).toInstant()) : Optional.empty();
                    } catch (IOException e) {
                        throw new RunFileException(p, "cannot be read", e);
                    }
                }

                @Override
                public void close() {}
            };
        }
        if (!Files.isRegularFile(path)) throw new IllegalArgumentException(path + ": no such run directory or archive");
        try {
            ZipFile zip = ZipFile.builder().setPath(path).get();
            Map<String, ZipArchiveEntry> byRel = new HashMap<>();
            String top = null;
            for (ZipArchiveEntry e : java.util.Collections.list(zip.getEntries())) {
                String name = e.getName();
                int slash = name.indexOf('/');
                if (slash < 0) continue;
                if (name.substring(slash + 1).equals("run.json")) top = name.substring(0, slash);
                byRel.put(name, e);
            }
            if (top == null) {
                zip.close();
                throw new IllegalArgumentException(path + " is not an l2l run archive (it has no NAME/run.json)");
            }
            String prefix = top + "/";
            return new Source() {
                @Override
                public Path location() {
                    return path.toAbsolutePath();
                }

                @Override
                public Optional<byte[]> read(String rel) {
                    ZipArchiveEntry e = byRel.get(prefix + rel);
                    if (e == null) return Optional.empty();
                    try (InputStream in = zip.getInputStream(e)) {
                        return Optional.of(in.readAllBytes());
                    } catch (IOException ex) {
                        throw new RunFileException(path, "cannot read " + e.getName(), ex);
                    }
                }

                @Override
                public List<String> list(String relDir) {
                    String p = prefix + (relDir.endsWith("/") ? relDir : relDir + "/");
                    return byRel.entrySet().stream().filter(e -> e.getKey().startsWith(p) && !e.getValue().isDirectory())
                            .map(e -> e.getKey().substring(prefix.length())).sorted().toList();
                }

                @Override
                public InputStream open(String rel) {
                    ZipArchiveEntry e = byRel.get(prefix + rel);
                    if (e == null) throw new RunFileException(path, "has no entry " + prefix + rel, null);
                    try {
                        return zip.getInputStream(e);
                    } catch (IOException ex) {
                        throw new RunFileException(path, "cannot read " + e.getName(), ex);
                    }
                }

                @Override
                public Optional<Instant> modified(String rel) {
                    ZipArchiveEntry e = byRel.get(prefix + rel);
                    return e == null || e.getTime() < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(e.getTime()));
                }

                @Override
                public void close() {
                    try {
                        zip.close();
                    } catch (IOException e) {
                        // read-only: nothing is lost
                    }
                }
            };
        } catch (IOException e) {
            throw new RunFileException(path, "is not a readable zip archive", e);
        }
    }

    /** The path of generation {@code g}'s file relative to the run directory (the one definition of that name). */
    public static String generationPath(int g) {
        return String.format("generations/gen-%06d.kryo", g);
    }

    /** The path of batch {@code b}'s file (an asynchronous run) inside a run directory or archive. */
    public static String batchPath(int b) {
        return String.format("batches/batch-%06d.kryo", b);
    }
}
