package org.l2l.runner.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.core.GenerationResult;

/** Crafted run files, with a valid header and checksum, are refused naming the file. */
class KryoCraftedFileTest {
    @TempDir
    Path tmp;

    /** A file with our magic bytes, format version and a correct CRC-32 around {@code payload}. */
    private Path crafted(String name, Consumer<Output> payload) throws Exception {
        Output out = new Output(256, -1);
        out.writeBytes(new byte[] {'L', '2', 'L', 'K'});
        out.writeInt(KryoCodec.FORMAT_VERSION);
        payload.accept(out);
        CRC32 crc = new CRC32();
        crc.update(out.getBuffer(), 0, out.position());
        out.writeInt((int) crc.getValue());
        Path f = tmp.resolve(name);
        Files.write(f, out.toBytes());
        return f;
    }

    @Test
    void aFileNamingAnUnregisteredClassIsRefusedWithTheFileName() throws Exception {
        Kryo open = new Kryo();
        open.setRegistrationRequired(false);
        Path f = crafted("gen-000000.kryo", out -> open.writeClassAndObject(out, new java.util.ArrayList<>(java.util.List.of("x"))));
        RunFileException e = assertThrows(RunFileException.class,
                () -> new KryoCodec().read(f, KryoCodec.GenerationRecord.class));
        assertTrue(e.getMessage().contains(f.toString()), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains("java.util.ArrayList"), e.getMessage());
        assertTrue(!e.writing(), "a file that cannot be read is bad input");
    }

    @Test
    void aCraftedHugeLengthIsRefusedWithoutAllocatingIt() throws Exception {
        Path f = crafted("gen-000001.kryo", out -> {
            out.writeVarInt(24 + 2, true); // GenerationResult's registered ID (Kryo writes ID + 2)
            out.writeVarInt(0, true); // generation
            out.writeVarInt(Integer.MAX_VALUE, true); // "two billion evaluations follow"
        });
        RunFileException e = assertThrows(RunFileException.class, () -> new KryoCodec().read(f, GenerationResult.class));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("does not fit"), e.getMessage());
    }
}
