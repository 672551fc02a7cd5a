package org.l2l.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.runner.io.RunFileException;

/**
 * What a new user and an adversary broke, through the command line, on in-process runs (the same code
 * paths as worker runs for everything checked here; HardeningIT covers the worker JVMs).
 */
class CliHardeningTest {
    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {}

    static Result l2l(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** A small GA experiment on in-process threads. */
    static String ga(String name, int generations) {
        return """
            {"name": "NAME", "seed": 5,
             "optimizee": {"type": "function", "function": "Rastrigin2d"},
             "optimizer": {"type": "ga", "popSize": 12, "nIteration": GENS, "tournSize": 3},
             "fitnessWeights": [-1.0],
             "runner": {"maxWorkers": 2, "inProcess": true}}
            """.replace("NAME", name).replace("GENS", Integer.toString(generations));
    }

    private Path file(String name, String json) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, json);
        return f;
    }

    private static void corrupt(Path f) throws Exception {
        byte[] b = Files.readAllBytes(f);
        for (int i = b.length / 3; i < b.length / 3 + 8; i++) b[i] ^= 0x5a;
        Files.write(f, b);
    }

    @Test
    void anExistingRunWithGenerationsIsRefusedAsBadInput() throws Exception {
        Path f = file("exp.json", ga("twice", 2));
        Path run = tmp.resolve("twice");
        assertEquals(0, l2l("run", f.toString(), "--out", run.toString()).code());
        Result again = l2l("run", f.toString(), "--out", run.toString());
        assertEquals(2, again.code(), again.err());
        assertTrue(again.err().contains(run.toString()) && again.err().contains("resume"), again.err());
        assertEquals(1, again.err().strip().lines().count(), again.err());
    }

    @Test
    void outNamesTheDirectoryAndTheRunKeepsTheExperimentsName() throws Exception {
        Path run = tmp.resolve("somewhere-else");
        assertEquals(0, l2l("run", file("exp.json", ga("my-name", 1)).toString(), "--out", run.toString()).code());
        JsonNode s = new ObjectMapper().readTree(l2l("inspect", run.toString(), "--json").out());
        assertEquals("my-name", s.get("name").asText());
    }

    @Test
    void inspectReportsEveryReadableGenerationNamesTheCorruptOneAndExitsTwo() throws Exception {
        Path run = tmp.resolve("damaged");
        assertEquals(0, l2l("run", file("exp.json", ga("damaged", 5)).toString(), "--out", run.toString()).code());
        Path bad = run.resolve("generations/gen-000002.kryo");
        corrupt(bad);

        Result text = l2l("inspect", run.toString());
        assertEquals(2, text.code(), text.err());
        assertTrue(text.out().contains("generations  4"), text.out());
        assertTrue(text.err().contains(bad.toString()), "names the unreadable file: " + text.err());

        Result json = l2l("inspect", run.toString(), "--json");
        assertEquals(2, json.code());
        JsonNode s = new ObjectMapper().readTree(json.out());
        assertEquals(4, s.get("generations").asInt());
        assertEquals(List.of(0, 1, 3, 4), s.get("perGeneration").findValues("generation").stream().map(JsonNode::asInt).toList());
        assertEquals(bad.toString(), s.get("unreadable").get(0).get("file").asText());

        Path csv = tmp.resolve("out/evals.csv");
        Files.createDirectories(csv.getParent());
        Result c = l2l("inspect", run.toString(), "--csv", csv.toString());
        assertEquals(2, c.code());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(1 + s.get("evaluations").asInt(), lines.size(), "a header and the rows of the 4 readable generations");
        assertTrue(lines.stream().skip(1).noneMatch(l -> l.startsWith("2,")), "no row of the unreadable generation");
        try (Stream<Path> left = Files.list(csv.getParent())) {
            assertEquals(List.of(csv), left.toList(), "no temporary or partial file left beside the CSV");
        }
    }

    @Test
    void aCsvThatCannotBeCompletedLeavesNoFile() throws Exception {
        Path run = tmp.resolve("r");
        assertEquals(0, l2l("run", file("exp.json", ga("r", 1)).toString(), "--out", run.toString()).code());
        Files.delete(run.resolve("run.json")); // not a run any more: inspect fails after opening the CSV
        Files.writeString(run.resolve("run.json"), "{ not json");
        Path csv = tmp.resolve("never.csv");
        Result r = l2l("inspect", run.toString(), "--csv", csv.toString());
        assertEquals(2, r.code(), r.err());
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains("never.csv")), "no partial or temporary CSV");
        }
    }

    @Test
    void resumeWithACorruptMiddleGenerationFinishesAndSaysSoInsteadOfFailingAfterSuccess() throws Exception {
        Path run = tmp.resolve("resumed");
        assertEquals(0, l2l("run", file("exp.json", ga("resumed", 6)).toString(), "--out", run.toString()).code());
        // as if the driver had been killed after generation 3: later files gone, status still running
        Files.delete(run.resolve("generations/gen-000004.kryo"));
        Files.delete(run.resolve("generations/gen-000005.kryo"));
        ObjectNode status = (ObjectNode) new ObjectMapper().readTree(run.resolve("run.json").toFile());
        status.put("status", "running");
        Files.writeString(run.resolve("run.json"), status.toString());
        corrupt(run.resolve("generations/gen-000001.kryo"));

        Result r = l2l("resume", run.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("gen-000001.kryo") && r.err().contains("warning"), r.err());
        assertEquals("finished", new ObjectMapper().readTree(run.resolve("run.json").toFile()).get("status").asText());
        assertTrue(Files.exists(run.resolve("generations/gen-000005.kryo")));
    }

    @Test
    void aFitnessLengthMismatchExitsTwoAtOnceAndTheCorrectedExperimentReplacesTheRun() throws Exception {
        String wrong = """
            {"name": "zdt", "optimizee": {"type": "multi-objective", "problem": "ZDT1"},
             "optimizer": {"type": "ga", "popSize": 8, "nIteration": 2, "tournSize": 2},
             "fitnessWeights": [-1.0], "runner": {"maxWorkers": 1, "inProcess": true}}
            """;
        Path run = tmp.resolve("zdt");
        Result r = l2l("run", file("zdt.json", wrong).toString(), "--out", run.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("MultiObjectiveOptimizee") && r.err().contains("returned 2 fitness components")
                && r.err().contains("1 fitness weight"), r.err());
        assertFalse(Files.readString(run.resolve("run.log")).contains("retrying"), "not retried");
        assertEquals("failed", new ObjectMapper().readTree(run.resolve("run.json").toFile()).get("status").asText());

        Result resume = l2l("resume", run.toString());
        assertEquals(2, resume.code(), resume.err());
        assertTrue(resume.err().contains("nothing to resume"), resume.err());

        Result fixed = l2l("run", file("zdt.json", wrong.replace("[-1.0]", "[-1.0, -1.0]")).toString(), "--out", run.toString());
        assertEquals(0, fixed.code(), fixed.err());
        assertTrue(Files.readString(run.resolve("run.log")).contains("no completed generation"), "the replacement is logged");
    }

    @Test
    void hugeOrDeeplyNestedJsonExitsTwoNamingTheFileAndTheLimit() throws Exception {
        Path deep = file("deep.json", "{\"name\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}");
        Result d = l2l("run", deep.toString());
        assertEquals(2, d.code(), d.err());
        assertTrue(d.err().contains(deep.toString()) && d.err().contains("nesting depth"), d.err());
        assertEquals(1, d.err().strip().lines().count(), d.err());

        Path big = file("big.json", "{\"name\": \"" + "x".repeat(50_000_000) + "\"}");
        Result b = l2l("run", big.toString());
        assertEquals(2, b.code(), b.err());
        assertTrue(b.err().contains(big.toString()) && b.err().contains("String value length"), b.err());
    }

    @Test
    void tenThousandLocalWorkersAreRefusedAsBadInputUnlessOversubscribeIsSet() throws Exception {
        Path run = tmp.resolve("many");
        String many = ga("many", 1).replace("\"maxWorkers\": 2, \"inProcess\": true", "\"maxWorkers\": 10000");
        Result r = l2l("run", file("many.json", many).toString(), "--out", run.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("runner.maxWorkers is 10000") && r.err().contains("runner.oversubscribe"), r.err());
        assertFalse(Files.exists(run), "refused before anything is created");

        Result overflow = l2l("run", file("overflow.json", ga("o", 1).replace("\"maxWorkers\": 2", "\"maxWorkers\": 4294967297"))
                .toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, overflow.code(), overflow.err());
        assertTrue(overflow.err().contains("runner.maxWorkers"), "never silently cast to 1: " + overflow.err());
    }

    @Test
    void aFileThatCannotBeWrittenIsARunFailureAndOneThatCannotBeReadIsBadInput() {
        assertEquals(1, Main.exitCode(RunFileException.writing(tmp, "cannot be written", new java.io.IOException("No space left on device"))));
        assertEquals(2, Main.exitCode(new RunFileException(tmp, "corrupt", null)));
    }
}
