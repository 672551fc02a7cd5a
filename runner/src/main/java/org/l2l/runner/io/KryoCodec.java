package org.l2l.runner.io;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.l2l.core.Evaluation;
import org.l2l.core.GenerationResult;
import org.l2l.core.Individual;
import org.l2l.core.Parameters;
import org.l2l.core.SimulationResult;

/**
 * The binary run files: Kryo with registration required and fixed class IDs, so a crafted file cannot
 * make the reader instantiate any other class.
 *
 * <p>Layout of every file: the magic bytes {@code L2LK}, a format version (int), the payload written with
 * {@code writeClassAndObject}, and a CRC-32 of everything before it. A truncated or corrupt file fails
 * to read with a {@link RunFileException} naming the file.
 *
 * <p>Instances are not thread-safe (Kryo is not); use one per thread.
 */
public final class KryoCodec {
    /** The current format version, written into every file. */
    public static final int FORMAT_VERSION = 1;
    private static final byte[] MAGIC = {'L', '2', 'L', 'K'};

    private final Kryo kryo = new Kryo();
    private final Output output = new Output(4096, -1);

    /** A codec with every run-file class registered under its fixed ID. */
    public KryoCodec() {
        kryo.setRegistrationRequired(true);
        kryo.setReferences(false);
        // IDs are part of the file format: never renumber, only append.
        kryo.register(Parameters.class, new ParametersSerializer(), 20);
        kryo.register(Individual.class, new IndividualSerializer(), 21);
        kryo.register(SimulationResult.class, new SimulationResultSerializer(), 22);
        kryo.register(Evaluation.class, new EvaluationSerializer(), 23);
        kryo.register(GenerationResult.class, new GenerationResultSerializer(), 24);
        // 25 was IndividualBatch (the per-generation individuals file, gone since individuals travel in RUN lines)
        kryo.register(ResultRecord.class, new ResultRecordSerializer(), 26);
        kryo.register(GenerationRecord.class, new GenerationRecordSerializer(), 27);
        kryo.register(FailureRecord.class, new FailureRecordSerializer(), 28);
        kryo.register(BatchRecord.class, new BatchRecordSerializer(), 29);
    }

    /**
     * What a batch file of an asynchronous run holds: results in the order they completed, numbered from
     * {@code firstOrdinal} over the whole run, each with the wall-clock time it arrived (epoch milliseconds); the
     * proposals still in flight after them; the optimizer's state after them (null if it does not checkpoint,
     * or if it failed); the best evaluation and the number of evaluations of the run so far.
     *
     * @param batch the batch number, from 0
     * @param firstOrdinal the completion order of the first evaluation in this batch (0 for the run's first)
     * @param evaluations the results, in completion order
     * @param completedMillis when each result arrived, epoch milliseconds
     * @param inFlight the proposals submitted and not yet completed after this batch, to evaluate again on resume
     * @param optimizerState the optimizer's state after this batch, or null
     * @param bestSoFar the best evaluation of the run so far, or null
     * @param evaluationsSoFar evaluations of the run so far, this batch's included
     */
    public record BatchRecord(int batch, long firstOrdinal, List<Evaluation> evaluations, long[] completedMillis,
                              List<Individual> inFlight, byte[] optimizerState, Evaluation bestSoFar,
                              long evaluationsSoFar) {
        /** Checks that every evaluation has its time. */
        public BatchRecord {
            evaluations = List.copyOf(evaluations);
            inFlight = List.copyOf(inFlight);
            if (completedMillis.length != evaluations.size()) {
                throw new IllegalArgumentException("batch " + batch + ": " + evaluations.size() + " evaluations but "
                        + completedMillis.length + " completion times");
            }
        }
    }

    /**
     * What a generation file holds: the generation's individuals and results, the optimizer's state
     * after it (null if the optimizer does not checkpoint), the best evaluation of the run so far and the
     * number of evaluations so far, so that a resume needs only the last file.
     */
    public record GenerationRecord(GenerationResult result, byte[] optimizerState, Evaluation bestSoFar,
                                   long evaluationsSoFar) {}

    /** One worker's result for one attempt at one individual. */
    public record ResultRecord(int generation, int index, int attempt, SimulationResult result) {}

    /** One worker's failure of one attempt at one individual: why {@code simulate} failed (a stack trace). */
    public record FailureRecord(int generation, int index, int attempt, String failure) {}

    /**
     * Encodes {@code value} as the payload of one record of a {@link RecordFile}: the class ID and the
     * object, without magic bytes, version or checksum, which the data file's header and the record's
     * framing carry.
     */
    public byte[] encodeRecord(Object value) {
        output.reset();
        kryo.writeClassAndObject(output, value);
        return output.toBytes();
    }

    /** Decodes a payload written by {@link #encodeRecord}; {@code source} names the data file in errors. */
    public <T> T decodeRecord(byte[] bytes, int offset, int length, Class<T> type, Path source) {
        try (Input in = new Input(bytes, offset, length)) {
            Object o = kryo.readClassAndObject(in);
            if (in.position() != offset + length) {
                throw new RunFileException(source, "a record holds " + (offset + length - in.position())
                        + " bytes beyond its " + (o == null ? "null" : o.getClass().getSimpleName()), null);
            }
            if (!type.isInstance(o)) {
                throw new RunFileException(source, "a record holds a " + (o == null ? "null" : o.getClass().getSimpleName())
                        + ", expected a " + type.getSimpleName(), null);
            }
            return type.cast(o);
        } catch (KryoException e) {
            throw new RunFileException(source, "a record cannot be decoded", e);
        }
    }

    /** Encodes {@code value} into the file format's bytes. */
    public byte[] encode(Object value) {
        output.reset();
        output.writeBytes(MAGIC);
        output.writeInt(FORMAT_VERSION);
        kryo.writeClassAndObject(output, value);
        CRC32 crc = new CRC32();
        crc.update(output.getBuffer(), 0, output.position());
        output.writeInt((int) crc.getValue());
        return output.toBytes();
    }

    /** Decodes bytes written by {@link #encode}; {@code source} names the origin in errors. */
    public <T> T decode(byte[] bytes, Class<T> type, Path source) {
        if (bytes.length < MAGIC.length + 8) throw new RunFileException(source, "truncated: only " + bytes.length + " bytes", null);
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) throw new RunFileException(source, "not an l2l run file (bad magic bytes)", null);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        int stored;
        try (Input trailer = new Input(bytes, bytes.length - 4, 4)) {
            stored = trailer.readInt();
        }
        if ((int) crc.getValue() != stored) throw new RunFileException(source, "corrupt or truncated (checksum mismatch)", null);
        try (Input in = new Input(bytes, 0, bytes.length - 4)) {
            in.skip(MAGIC.length);
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new RunFileException(source, "format version " + version + " is not supported (this build reads "
                        + FORMAT_VERSION + ")", null);
            }
            Object o = kryo.readClassAndObject(in);
            if (!type.isInstance(o)) {
                throw new RunFileException(source, "holds " + (o == null ? "null" : withArticle(o.getClass().getSimpleName()))
                        + ", expected " + withArticle(type.getSimpleName()), null);
            }
            return type.cast(o);
        } catch (RunFileException e) {
            throw e;
        } catch (KryoException e) {
            throw new RunFileException(source, "cannot be decoded", e);
        } catch (RuntimeException e) {
            // a crafted file: a class name that is not registered ("Class is not registered: ..."), a negative
            // length, values a record refuses. Kryo throws these unwrapped; the file must still be named.
            throw new RunFileException(source, "cannot be decoded: " + e.getClass().getSimpleName(), e);
        } catch (OutOfMemoryError e) {
            // one allocation of a crafted size failed (a string's length is not checked before Kryo allocates it);
            // nothing else was allocated, so the reader can go on and name the file
            throw new RunFileException(source, "cannot be decoded: it announces more data than memory holds", null);
        }
    }

    private static String withArticle(String noun) {
        return ("AEIOU".indexOf(Character.toUpperCase(noun.charAt(0))) >= 0 ? "an " : "a ") + noun;
    }

    /** Reads and decodes a file. */
    public <T> T read(Path file, Class<T> type) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new RunFileException(file, "cannot be read", e);
        }
        return decode(bytes, type, file);
    }

    /** Encodes {@code value} and writes it atomically (temporary file, then rename); returns the bytes written. */
    public byte[] write(Path file, Object value) {
        byte[] bytes = encode(value);
        AtomicFiles.write(file, bytes);
        return bytes;
    }

    // ---------------------------------------------------------------- serializers

    private static final class ParametersSerializer extends Serializer<Parameters> {
        @Override
        public void write(Kryo k, Output out, Parameters p) {
            List<String> names = p.names();
            out.writeVarInt(names.size(), true);
            for (String n : names) {
                out.writeString(n);
                boolean array = p.isArray(n);
                out.writeBoolean(array);
                if (array) {
                    double[] v = p.array(n);
                    out.writeVarInt(v.length, true);
                    out.writeDoubles(v, 0, v.length);
                } else {
                    out.writeDouble(p.scalar(n));
                }
            }
        }

        @Override
        public Parameters read(Kryo k, Input in, Class<? extends Parameters> type) {
            int n = count(in, in.readVarInt(true), 2);
            Parameters.Builder b = Parameters.builder();
            for (int i = 0; i < n; i++) {
                String name = in.readString();
                if (in.readBoolean()) {
                    int len = count(in, in.readVarInt(true), 8);
                    b.array(name, in.readDoubles(len));
                } else {
                    b.scalar(name, in.readDouble());
                }
            }
            return b.build();
        }
    }

    private static final class IndividualSerializer extends Serializer<Individual> {
        @Override
        public void write(Kryo k, Output out, Individual ind) {
            out.writeVarInt(ind.generation(), true);
            out.writeVarInt(ind.index(), true);
            k.writeObject(out, ind.params());
        }

        @Override
        public Individual read(Kryo k, Input in, Class<? extends Individual> type) {
            return new Individual(in.readVarInt(true), in.readVarInt(true), k.readObject(in, Parameters.class));
        }
    }

    private static void writeDoubles(Output out, double[] v) {
        out.writeVarInt(v.length, true);
        out.writeDoubles(v, 0, v.length);
    }

    private static double[] readDoubles(Input in) {
        return in.readDoubles(count(in, in.readVarInt(true), 8));
    }

    /**
     * A length read from the file, checked against the bytes left in it, so that a crafted length cannot make
     * the reader allocate gigabytes before it notices the file is too short.
     */
    static int count(Input in, int n, int minBytesEach) {
        long left = (long) in.limit() - in.position();
        if (n < 0 || (long) n * minBytesEach > left) {
            throw new KryoException("a length of " + n + " does not fit in the " + left + " bytes left in the file");
        }
        return n;
    }

    private static final byte T_DOUBLE = 1, T_LONG = 2, T_STRING = 3, T_BOOLEAN = 4, T_DOUBLES = 5;

    private static void writeExtra(Output out, Map<String, Object> extra) {
        out.writeVarInt(extra.size(), true);
        for (Map.Entry<String, Object> e : extra.entrySet()) {
            out.writeString(e.getKey());
            Object v = e.getValue();
            if (v instanceof Double d) {
                out.writeByte(T_DOUBLE);
                out.writeDouble(d);
            } else if (v instanceof Long l) {
                out.writeByte(T_LONG);
                out.writeVarLong(l, false);
            } else if (v instanceof String s) {
                out.writeByte(T_STRING);
                out.writeString(s);
            } else if (v instanceof Boolean b) {
                out.writeByte(T_BOOLEAN);
                out.writeBoolean(b);
            } else if (v instanceof double[] d) {
                out.writeByte(T_DOUBLES);
                writeDoubles(out, d);
            } else {
                throw new KryoException("extra data '" + e.getKey() + "' has unsupported type " + v.getClass().getName());
            }
        }
    }

    private static Map<String, Object> readExtra(Input in) {
        int n = count(in, in.readVarInt(true), 2);
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String key = in.readString();
            byte t = in.readByte();
            Object v = switch (t) {
                case T_DOUBLE -> in.readDouble();
                case T_LONG -> in.readVarLong(false);
                case T_STRING -> in.readString();
                case T_BOOLEAN -> in.readBoolean();
                case T_DOUBLES -> readDoubles(in);
                default -> throw new KryoException("unknown extra-data type tag " + t + " for '" + key + "'");
            };
            m.put(key, v);
        }
        return m;
    }

    private static final class SimulationResultSerializer extends Serializer<SimulationResult> {
        @Override
        public void write(Kryo k, Output out, SimulationResult r) {
            writeDoubles(out, r.fitness());
            writeExtra(out, r.extra());
        }

        @Override
        public SimulationResult read(Kryo k, Input in, Class<? extends SimulationResult> type) {
            return new SimulationResult(readDoubles(in), readExtra(in));
        }
    }

    private static final class EvaluationSerializer extends Serializer<Evaluation> {
        @Override
        public void write(Kryo k, Output out, Evaluation e) {
            k.writeObject(out, e.individual());
            writeDoubles(out, e.fitness());
            writeDoubles(out, e.weightedFitness());
            writeExtra(out, e.extra());
            out.writeString(e.failure());
        }

        @Override
        public Evaluation read(Kryo k, Input in, Class<? extends Evaluation> type) {
            return new Evaluation(k.readObject(in, Individual.class), readDoubles(in), readDoubles(in), readExtra(in),
                    in.readString());
        }
    }

    private static final class GenerationResultSerializer extends Serializer<GenerationResult> {
        @Override
        public void write(Kryo k, Output out, GenerationResult g) {
            out.writeVarInt(g.generation(), true);
            out.writeVarInt(g.size(), true);
            for (Evaluation e : g.evaluations()) k.writeObject(out, e);
        }

        @Override
        public GenerationResult read(Kryo k, Input in, Class<? extends GenerationResult> type) {
            int gen = in.readVarInt(true);
            int n = count(in, in.readVarInt(true), 1);
            List<Evaluation> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) list.add(k.readObject(in, Evaluation.class));
            return new GenerationResult(gen, list);
        }
    }

    private static final class GenerationRecordSerializer extends Serializer<GenerationRecord> {
        @Override
        public void write(Kryo k, Output out, GenerationRecord r) {
            k.writeObject(out, r.result());
            out.writeBoolean(r.optimizerState() != null);
            if (r.optimizerState() != null) {
                out.writeVarInt(r.optimizerState().length, true);
                out.writeBytes(r.optimizerState());
            }
            out.writeBoolean(r.bestSoFar() != null);
            if (r.bestSoFar() != null) k.writeObject(out, r.bestSoFar());
            out.writeVarLong(r.evaluationsSoFar(), true);
        }

        @Override
        public GenerationRecord read(Kryo k, Input in, Class<? extends GenerationRecord> type) {
            GenerationResult result = k.readObject(in, GenerationResult.class);
            byte[] state = in.readBoolean() ? in.readBytes(count(in, in.readVarInt(true), 1)) : null;
            Evaluation best = in.readBoolean() ? k.readObject(in, Evaluation.class) : null;
            return new GenerationRecord(result, state, best, in.readVarLong(true));
        }
    }

    private static final class BatchRecordSerializer extends Serializer<BatchRecord> {
        @Override
        public void write(Kryo k, Output out, BatchRecord r) {
            out.writeVarInt(r.batch(), true);
            out.writeVarLong(r.firstOrdinal(), true);
            out.writeVarInt(r.evaluations().size(), true);
            for (int i = 0; i < r.evaluations().size(); i++) {
                k.writeObject(out, r.evaluations().get(i));
                out.writeVarLong(r.completedMillis()[i], true);
            }
            out.writeVarInt(r.inFlight().size(), true);
            for (Individual ind : r.inFlight()) k.writeObject(out, ind);
            out.writeBoolean(r.optimizerState() != null);
            if (r.optimizerState() != null) {
                out.writeVarInt(r.optimizerState().length, true);
                out.writeBytes(r.optimizerState());
            }
            out.writeBoolean(r.bestSoFar() != null);
            if (r.bestSoFar() != null) k.writeObject(out, r.bestSoFar());
            out.writeVarLong(r.evaluationsSoFar(), true);
        }

        @Override
        public BatchRecord read(Kryo k, Input in, Class<? extends BatchRecord> type) {
            int batch = in.readVarInt(true);
            long first = in.readVarLong(true);
            int n = in.readVarInt(true);
            List<Evaluation> evs = new ArrayList<>(n);
            long[] millis = new long[n];
            for (int i = 0; i < n; i++) {
                evs.add(k.readObject(in, Evaluation.class));
                millis[i] = in.readVarLong(true);
            }
            int m = in.readVarInt(true);
            List<Individual> inFlight = new ArrayList<>(m);
            for (int i = 0; i < m; i++) inFlight.add(k.readObject(in, Individual.class));
            byte[] state = in.readBoolean() ? in.readBytes(in.readVarInt(true)) : null;
            Evaluation best = in.readBoolean() ? k.readObject(in, Evaluation.class) : null;
            return new BatchRecord(batch, first, evs, millis, inFlight, state, best, in.readVarLong(true));
        }
    }

    private static final class ResultRecordSerializer extends Serializer<ResultRecord> {
        @Override
        public void write(Kryo k, Output out, ResultRecord r) {
            out.writeVarInt(r.generation(), true);
            out.writeVarInt(r.index(), true);
            out.writeVarInt(r.attempt(), true);
            k.writeObject(out, r.result());
        }

        @Override
        public ResultRecord read(Kryo k, Input in, Class<? extends ResultRecord> type) {
            return new ResultRecord(in.readVarInt(true), in.readVarInt(true), in.readVarInt(true),
                    k.readObject(in, SimulationResult.class));
        }
    }

    private static final class FailureRecordSerializer extends Serializer<FailureRecord> {
        @Override
        public void write(Kryo k, Output out, FailureRecord r) {
            out.writeVarInt(r.generation(), true);
            out.writeVarInt(r.index(), true);
            out.writeVarInt(r.attempt(), true);
            out.writeString(r.failure());
        }

        @Override
        public FailureRecord read(Kryo k, Input in, Class<? extends FailureRecord> type) {
            return new FailureRecord(in.readVarInt(true), in.readVarInt(true), in.readVarInt(true), in.readString());
        }
    }
}
