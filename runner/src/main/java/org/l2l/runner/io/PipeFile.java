package org.l2l.runner.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One direction of a runner–worker "pipe": an append-only text file on the shared filesystem with one
 * writer and one reader, one message a line. Files, not FIFOs, so the two ends may sit on different
 * nodes of a cluster.
 *
 * <p>The writer appends whole lines, a batch of lines in one write. The reader keeps its offset and a partial-line
 * buffer, so a line seen half-written is completed on a later poll. Polling costs one positional read,
 * whether or not anything is new.
 */
public final class PipeFile implements Closeable {
    private final Path path;
    private final FileChannel channel;
    private final boolean writer;
    /** Reader: the next byte to read. Writer: the file's end after the last append (this writer is its only one). */
    private long offset;
    /** One read buffer per thread, shared by the pipe files it reads: a pool of thousands needs no buffer per file. */
    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocate(64 * 1024));
    private final java.io.ByteArrayOutputStream lineBytes = new java.io.ByteArrayOutputStream(0);

    private PipeFile(Path path, FileChannel channel, boolean writer) {
        this.path = path;
        this.channel = channel;
        this.writer = writer;
    }

    /** Opens {@code path} for appending, creating it empty if it does not exist. */
    public static PipeFile openWriter(Path path) {
        try {
            PipeFile f = new PipeFile(path, FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND), true);
            f.offset = f.channel.size();
            return f;
        } catch (IOException e) {
            throw RunFileException.writing(path, "cannot open pipe file for writing", e);
        }
    }

    /** Opens {@code path} for reading from its start, creating it empty if it does not exist. */
    public static PipeFile openReader(Path path) {
        try {
            return new PipeFile(path, FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), false);
        } catch (IOException e) {
            throw RunFileException.writing(path, "cannot open pipe file for reading", e); // the runner's own file: never bad input
        }
    }

    /** The file's path. */
    public Path path() {
        return path;
    }

    /** Appends one message; {@code line} must not contain a newline. */
    public void append(String line) {
        appendAll(List.of(line));
    }

    /**
     * Appends several messages with one write call, so a batch costs one filesystem call; no line may
     * contain a newline. Does nothing for an empty list.
     */
    public void appendAll(List<String> lines) {
        if (!writer) throw new IllegalStateException(path + " was opened for reading");
        if (lines.isEmpty()) return;
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            if (line.indexOf('\n') >= 0) throw new IllegalArgumentException("a pipe message must be one line: " + line);
            sb.append(line).append('\n');
        }
        ByteBuffer b = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
        try {
            while (b.hasRemaining()) offset += channel.write(b);
        } catch (IOException e) {
            throw RunFileException.writing(path, "cannot append to the pipe file", e);
        }
    }

    /**
     * The complete lines appended since the last call; empty if there are none. One positional read when
     * nothing is new or all that is new fits the 64 KiB buffer: no {@code fstat}, no second read.
     */
    public List<String> poll() {
        List<String> lines = List.of();
        ByteBuffer buffer = BUFFER.get();
        try {
            int n;
            while ((n = channel.read(buffer.clear(), offset)) > 0) {
                if (lines.isEmpty()) lines = new ArrayList<>();
                offset += n;
                buffer.flip();
                while (buffer.hasRemaining()) {
                    byte c = buffer.get();
                    if (c == '\n') {
                        lines.add(lineBytes.toString(StandardCharsets.UTF_8));
                        lineBytes.reset();
                    } else {
                        lineBytes.write(c);
                    }
                }
                if (n < buffer.capacity()) break; // read to the end as it was; a later poll sees what follows
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pipe file " + path, e);
        }
        return lines;
    }

    /** Whether a partial line is pending: the reader stands inside a line. */
    public boolean hasPartialLine() {
        return lineBytes.size() > 0;
    }

    /**
     * Reader: where the next line starts, if no partial line is pending. Writer: where the next appended
     * line will start (the writer being the file's only one).
     */
    public long offset() {
        return offset;
    }

    /**
     * Reader: takes the line {@code line}, known from elsewhere to be the file's next one (see
     * {@link Messages#notices}), as read, without reading it.
     */
    public void skip(String line) {
        if (writer) throw new IllegalStateException(path + " was opened for writing");
        if (hasPartialLine()) throw new IllegalStateException(path + ": a partial line is pending");
        offset += Messages.byteLength(line) + 1;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close pipe file " + path, e);
        }
    }
}
