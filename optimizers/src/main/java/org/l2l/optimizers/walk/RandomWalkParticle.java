package org.l2l.optimizers.walk;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.l2l.core.Rng;

/**
 * One random walk particle: where it stands, its random generator, its pending proposal, its counters, and
 * the rows it evaluated since its last checkpoint. Serialized as a whole for {@link RandomWalk#saveState()}
 * and, without rows, as the {@code <iteration>.state} files.
 */
final class RandomWalkParticle {
    private static final int MAGIC = 0x52574C4B; // "RWLK"
    private static final int FORMAT = 1;

    /** Why a particle stopped. */
    enum Stop {
        /** Still walking. */
        NONE("walking"),
        /** It evaluated nIterations steps. */
        ITERATIONS("completed nIterations"),
        /** It found stopNInsideWithAimParams inside models with every aim reached. */
        AIMS("found stopNInsideWithAimParams inside models with every aim reached"),
        /** Every explored parameter reached its aim, so no step is possible. */
        ALL_AIMS_REACHED("every explored parameter reached its aim; nothing left to move"),
        /** No acceptable proposal in maxSuggestions draws. */
        STUCK("found no acceptable step in maxSuggestions draws");

        final String reason;

        Stop(String reason) {
            this.reason = reason;
        }
    }

    /**
     * One evaluated proposal, ready to be written: cells for the extra columns are rendered already.
     *
     * @param iteration the iteration (0 for the seed point)
     * @param nSuggestion the proposals drawn to find it
     * @param inside whether it was inside
     * @param params every parameter's value, in parameter order
     * @param extraNames the names of the fitness and extra columns
     * @param extraCells their cells
     */
    record Row(int iteration, int nSuggestion, boolean inside, double[] params, List<String> extraNames,
               List<String> extraCells) {}

    final String seedPoint;
    final int particleId;
    final double[] seed;
    Rng rng;
    /** The last evaluated iteration; -1 while the seed point's evaluation is pending. */
    int iteration = -1;
    double[] current;
    /** The proposal awaiting evaluation (normalized), or null (none, or the seed point's). */
    double[] proposal;
    int nSuggestion;
    int nInsideWithAims;
    int evaluations;
    int insideCount;
    Stop stop = Stop.NONE;
    /** The iteration of the last checkpoint written; -1 if none. */
    int lastCheckpoint = -1;
    int savesSinceConcat;
    /** The bytes of {@code <lastCheckpoint>.state}, to rewrite it when reconciling files; null if none. */
    byte[] lastStateBytes;
    long lastSaveMillis;
    List<Row> rows = new ArrayList<>();

    RandomWalkParticle(String seedPoint, int particleId, double[] seed, Rng rng) {
        this.seedPoint = seedPoint;
        this.particleId = particleId;
        this.seed = seed.clone();
        this.current = seed.clone();
        this.rng = rng;
    }

    /** Whether the particle still walks. */
    boolean active() {
        return stop == Stop.NONE;
    }

    /** {@code seedpoint/particle}, for messages. */
    String label() {
        return "seed point '" + seedPoint + "', particle " + particleId;
    }

    /** Writes the particle; with {@code full} false, as a {@code .state} file: without rows or lastStateBytes. */
    void write(DataOutputStream out, List<String> explored, boolean full) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(FORMAT);
        out.writeUTF(seedPoint);
        out.writeInt(particleId);
        out.writeInt(explored.size());
        for (String n : explored) out.writeUTF(n);
        for (long s : rng.state()) out.writeLong(s);
        out.writeInt(iteration);
        doubles(out, current);
        out.writeBoolean(proposal != null);
        if (proposal != null) doubles(out, proposal);
        out.writeInt(nSuggestion);
        out.writeInt(nInsideWithAims);
        out.writeInt(evaluations);
        out.writeInt(insideCount);
        out.writeInt(stop.ordinal());
        out.writeInt(lastCheckpoint);
        out.writeInt(savesSinceConcat);
        byte[] last = full ? lastStateBytes : null;
        out.writeInt(last == null ? -1 : last.length);
        if (last != null) out.write(last);
        List<Row> rs = full ? rows : List.of();
        out.writeInt(rs.size());
        for (Row r : rs) {
            out.writeInt(r.iteration());
            out.writeInt(r.nSuggestion());
            out.writeBoolean(r.inside());
            doubles(out, r.params());
            out.writeInt(r.extraNames().size());
            for (int i = 0; i < r.extraNames().size(); i++) {
                writeLong(out, r.extraNames().get(i));
                writeLong(out, r.extraCells().get(i));
            }
        }
    }

    /**
     * Reads what {@link #write} wrote into this particle, which must be the same seed point, particle and
     * explored parameters; {@code what} names the source in errors.
     */
    void read(DataInputStream in, List<String> explored, String what) throws IOException {
        if (in.readInt() != MAGIC) throw new IllegalArgumentException(what + ": not a random walk particle state");
        int format = in.readInt();
        if (format != FORMAT) throw new IllegalArgumentException(what + ": particle state format " + format + " is not supported");
        String sp = in.readUTF();
        int pid = in.readInt();
        if (!sp.equals(seedPoint) || pid != particleId) {
            throw new IllegalArgumentException(what + ": holds seed point '" + sp + "', particle " + pid + ", not " + label());
        }
        int n = in.readInt();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) names.add(in.readUTF());
        if (!names.equals(explored)) {
            throw new IllegalArgumentException(what + ": was written for paramsToExplore " + names + ", not " + explored);
        }
        long[] s = new long[4];
        for (int i = 0; i < 4; i++) s[i] = in.readLong();
        rng = Rng.fromState(s);
        iteration = in.readInt();
        current = doubles(in, n);
        proposal = in.readBoolean() ? doubles(in, n) : null;
        nSuggestion = in.readInt();
        nInsideWithAims = in.readInt();
        evaluations = in.readInt();
        insideCount = in.readInt();
        int st = in.readInt();
        if (st < 0 || st >= Stop.values().length) throw new IllegalArgumentException(what + ": corrupt particle state");
        stop = Stop.values()[st];
        lastCheckpoint = in.readInt();
        savesSinceConcat = in.readInt();
        int len = in.readInt();
        if (len < -1 || len > 1 << 26) throw new IllegalArgumentException(what + ": corrupt particle state");
        lastStateBytes = len < 0 ? null : exactly(in, len);
        int nRows = in.readInt();
        if (nRows < 0 || nRows > 1 << 26) throw new IllegalArgumentException(what + ": corrupt particle state");
        rows = new ArrayList<>(nRows);
        for (int r = 0; r < nRows; r++) {
            int it = in.readInt(), sug = in.readInt();
            boolean inside = in.readBoolean();
            double[] params = doubles(in, -1);
            int k = in.readInt();
            List<String> en = new ArrayList<>(k), ec = new ArrayList<>(k);
            for (int i = 0; i < k; i++) {
                en.add(readLong(in));
                ec.add(readLong(in));
            }
            rows.add(new Row(it, sug, inside, params, List.copyOf(en), List.copyOf(ec)));
        }
    }

    private static void doubles(DataOutputStream out, double[] v) throws IOException {
        out.writeInt(v.length);
        for (double x : v) out.writeDouble(x);
    }

    private static double[] doubles(DataInputStream in, int expected) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 24 || expected >= 0 && n != expected) throw new IOException("corrupt vector length " + n);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = in.readDouble();
        return v;
    }

    private static byte[] exactly(DataInputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) throw new java.io.EOFException("truncated particle state");
        return b;
    }

    /** A string of any length (writeUTF is limited to 64 KB). */
    private static void writeLong(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readLong(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 26) throw new IOException("corrupt string length " + n);
        return new String(exactly(in, n), java.nio.charset.StandardCharsets.UTF_8);
    }
}
