package org.l2l.optimizers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A small binary writer and reader for optimizer checkpoints: primitives and (possibly null) arrays. */
public final class StateBytes {
    private StateBytes() {}

    /** Writes values in order. */
    public static final class Writer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);

        public Writer ints(int... v) {
            try {
                for (int x : v) out.writeInt(x);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Writer longs(long[] v) {
            try {
                out.writeInt(v.length);
                for (long x : v) out.writeLong(x);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Writer bool(boolean v) {
            try {
                out.writeBoolean(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Writer matrix(double[][] m) {
            try {
                out.writeInt(m.length);
                for (double[] row : m) {
                    out.writeInt(row == null ? -1 : row.length);
                    if (row != null) for (double x : row) out.writeDouble(x);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public byte[] toBytes() {
            return bytes.toByteArray();
        }
    }

    /** Reads values in the order written; a malformed input fails with an IllegalArgumentException. */
    public static final class Reader {
        private final DataInputStream in;

        public Reader(byte[] bytes) {
            in = new DataInputStream(new ByteArrayInputStream(bytes));
        }

        public int integer() {
            try {
                return in.readInt();
            } catch (IOException e) {
                throw new IllegalArgumentException("truncated optimizer state", e);
            }
        }

        public long[] longs() {
            int n = length();
            long[] v = new long[n];
            try {
                for (int i = 0; i < n; i++) v[i] = in.readLong();
            } catch (IOException e) {
                throw new IllegalArgumentException("truncated optimizer state", e);
            }
            return v;
        }

        public boolean bool() {
            try {
                return in.readBoolean();
            } catch (IOException e) {
                throw new IllegalArgumentException("truncated optimizer state", e);
            }
        }

        public double[][] matrix() {
            int n = length();
            double[][] m = new double[n][];
            try {
                for (int r = 0; r < n; r++) {
                    int len = in.readInt();
                    if (len < -1 || len > 1 << 24) throw new IllegalArgumentException("corrupt optimizer state");
                    if (len >= 0) {
                        m[r] = new double[len];
                        for (int i = 0; i < len; i++) m[r][i] = in.readDouble();
                    }
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("truncated optimizer state", e);
            }
            return m;
        }

        private int length() {
            int n = integer();
            if (n < 0 || n > 1 << 24) throw new IllegalArgumentException("corrupt optimizer state");
            return n;
        }
    }
}
