package org.l2l.runner.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32;

/**
 * An append-only binary data file of framed records, with one writer and any number of readers: the
 * individuals file the driver appends and the result file each worker appends. Records are found by the
 * {@code offset length} that a pipe-file message carries, so a reader never scans the file.
 *
 * <p>Layout: a header of the magic bytes {@code L2LR} and the format version (int), then records, each
 * {@code int payloadLength, payload, int crc32(payload)}; the payload is a {@link KryoCodec#encodeRecord}
 * encoding. A record's announced length is its whole frame ({@code payloadLength + 8}). One CRC per record,
 * checked by {@link #read}, which rejects a truncated, corrupt or misplaced record with a
 * {@link RunFileException} naming the file.
 *
 * <p>The writer appends a batch of records with one write call and knows each record's offset without
 * asking the filesystem (it is the only writer and started the file). A read is one positional read.
 */
public final class RecordFile implements Closeable {
    /** The header's size in bytes: magic and format version. */
    public static final int HEADER_BYTES = 8;
    /** A record's frame around its payload: its length before, its CRC-32 after. */
    public static final int FRAME_BYTES = 8;
    private static final byte[] MAGIC = {'L', '2', 'L', 'R'};
    /** The records cannot be longer than this (a damaged length must not allocate gigabytes). */
    private static final int MAX_RECORD_BYTES = 1 << 30;

    private final Path path;
    private final FileChannel channel;
    private final boolean writer;
    private long end;
    /** One read buffer per thread, shared by the files it reads (a pool reads thousands of result files). */
    private static final ThreadLocal<ByteBuffer[]> BUFFER = ThreadLocal.withInitial(() -> new ByteBuffer[] {ByteBuffer.allocate(4096)});

    private RecordFile(Path path, FileChannel channel, boolean writer, long end) {
        this.path = path;
        this.channel = channel;
        this.writer = writer;
        this.end = end;
    }

    /** Creates {@code path} anew (truncating an old file) with its header, for appending. */
    public static RecordFile create(Path path) {
        try {
            FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).put(MAGIC).putInt(KryoCodec.FORMAT_VERSION).flip();
            while (header.hasRemaining()) ch.write(header);
            return new RecordFile(path, ch, true, HEADER_BYTES);
        } catch (IOException e) {
            throw new RunFileException(path, "cannot create data file", e);
        }
    }

    /** Opens {@code path} for reading records; the header is checked by the first {@link #read}. */
    public static RecordFile openReader(Path path) {
        try {
            return new RecordFile(path, FileChannel.open(path, StandardOpenOption.READ), false, -1);
        } catch (IOException e) {
            throw new RunFileException(path, "cannot open data file", e);
        }
    }

    /** The file's path. */
    public Path path() {
        return path;
    }

    /** The offset at which the next record will be appended. */
    public long end() {
        return end;
    }

    /** The whole frame of {@code payload}: the bytes one record takes in the file. */
    public static byte[] frame(byte[] payload) {
        CRC32 crc = new CRC32();
        crc.update(payload);
        return ByteBuffer.allocate(payload.length + FRAME_BYTES).putInt(payload.length).put(payload)
                .putInt((int) crc.getValue()).array();
    }

    /**
     * Appends the given frames (from {@link #frame}) with one write call; returns the offset of the first.
     * The next frame starts where the previous ends.
     */
    public long append(List<byte[]> frames) {
        if (!writer) throw new IllegalStateException(path + " was opened for reading");
        long first = end;
        int total = 0;
        for (byte[] f : frames) total += f.length;
        ByteBuffer b = ByteBuffer.allocate(total);
        for (byte[] f : frames) b.put(f);
        b.flip();
        try {
            while (b.hasRemaining()) end += channel.write(b, end);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to data file " + path, e);
        }
        return first;
    }

    /**
     * Reads the payload of the record at {@code offset} whose frame is {@code length} bytes long, with one
     * positional read, and checks its framing and CRC.
     *
     * @throws RunFileException if the record is truncated, corrupt or not where it was said to be
     */
    public byte[] read(long offset, int length) {
        if (offset < HEADER_BYTES || length < FRAME_BYTES || length > MAX_RECORD_BYTES) {
            throw new RunFileException(path, "no record can be at offset " + offset + " with length " + length, null);
        }
        ByteBuffer b = readRange(offset, length);
        return check(b.array(), 0, b.limit(), offset, length);
    }

    /**
     * Reads the bytes from {@code from} to {@code to} with one positional read (fewer if the file ends
     * before), so that several records appended together are read together; {@link Span#record} then
     * checks each.
     */
    public Span readSpan(long from, long to) {
        if (from < HEADER_BYTES || to < from || to - from > MAX_RECORD_BYTES) {
            throw new RunFileException(path, "no records can be between " + from + " and " + to, null);
        }
        ByteBuffer b = readRange(from, (int) (to - from));
        return new Span(from, to, java.util.Arrays.copyOf(b.array(), b.limit()));
    }

    /** Records read together by {@link #readSpan}. */
    public final class Span {
        private final long from;
        private final long to;
        private final byte[] bytes;

        private Span(long from, long to, byte[] bytes) {
            this.from = from;
            this.to = to;
            this.bytes = bytes;
        }

        /** Whether the span was read for a range that includes the record at {@code offset} of {@code length} bytes. */
        public boolean covers(long offset, int length) {
            return offset >= from && length >= 0 && offset + length <= to;
        }

        /** The checked payload of the record at {@code offset} of {@code length} bytes, as {@link RecordFile#read} would return it. */
        public byte[] record(long offset, int length) {
            if (length < FRAME_BYTES || length > MAX_RECORD_BYTES) {
                throw new RunFileException(path, "no record can be at offset " + offset + " with length " + length, null);
            }
            int at = (int) (offset - from);
            int available = Math.max(0, Math.min(length, bytes.length - at));
            return check(bytes, at, available, offset, length);
        }
    }

    /** Reads up to {@code length} bytes at {@code offset} into the thread's buffer (limit: the bytes read). */
    private ByteBuffer readRange(long offset, int length) {
        ByteBuffer[] holder = BUFFER.get();
        if (holder[0].capacity() < length) holder[0] = ByteBuffer.allocate(Math.max(length, 2 * holder[0].capacity()));
        ByteBuffer b = holder[0].clear().limit(length);
        try {
            while (b.hasRemaining()) {
                if (channel.read(b, offset + b.position()) < 0) break;
            }
            if (end < 0) checkHeader();
        } catch (IOException e) {
            throw new RunFileException(path, "cannot read at offset " + offset, e);
        }
        return b.flip();
    }

    /** Checks the frame of {@code available} bytes at {@code at} of {@code bytes}, announced as a record of {@code length} bytes. */
    private byte[] check(byte[] bytes, int at, int available, long offset, int length) {
        if (available < length) {
            throw new RunFileException(path, "truncated: the record at offset " + offset + " of " + length
                    + " bytes ends after " + available + " bytes", null);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, at, length);
        int payload = b.getInt();
        if (payload != length - FRAME_BYTES) {
            throw new RunFileException(path, "the record at offset " + offset + " has " + payload
                    + " payload bytes, but " + (length - FRAME_BYTES) + " were announced", null);
        }
        byte[] out = new byte[payload];
        b.get(out);
        CRC32 crc = new CRC32();
        crc.update(out);
        if ((int) crc.getValue() != b.getInt()) {
            throw new RunFileException(path, "corrupt record at offset " + offset + " (checksum mismatch)", null);
        }
        return out;
    }

    private void checkHeader() throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
        while (h.hasRemaining()) {
            if (channel.read(h, h.position()) < 0) throw new RunFileException(path, "truncated header", null);
        }
        h.flip();
        for (byte m : MAGIC) {
            if (h.get() != m) throw new RunFileException(path, "not an l2l data file (bad magic bytes)", null);
        }
        int version = h.getInt();
        if (version != KryoCodec.FORMAT_VERSION) {
            throw new RunFileException(path, "format version " + version + " is not supported (this build reads "
                    + KryoCodec.FORMAT_VERSION + ")", null);
        }
        end = 0; // checked
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close data file " + path, e);
        }
    }
}
