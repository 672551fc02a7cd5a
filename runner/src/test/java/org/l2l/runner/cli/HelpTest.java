package org.l2l.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every command prints its help, the version names the build's commit, and the bash completion knows every command. */
class HelpTest {
    private record Result(int code, String out) {}

    private static Result l2l(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(out, true, StandardCharsets.UTF_8);
        System.setOut(p);
        System.setErr(p);
        try {
            return new Result(Main.execute(args), out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static final List<String> COMMANDS = List.of("run", "resume", "demo", "inspect", "archive", "report", "bench",
            "completion");

    @Test
    void everyCommandPrintsItsHelpWithExitCodeZero() {
        for (String c : COMMANDS) {
            Result r = l2l(c, "--help");
            assertEquals(0, r.code(), c + " --help: " + r.out());
            assertTrue(r.out().startsWith("Usage: l2l " + c), c + " --help: " + r.out());
        }
        Result sub = l2l("bench", "overhead", "--help");
        assertEquals(0, sub.code(), sub.out());
        assertTrue(sub.out().startsWith("Usage: l2l bench overhead"), sub.out());
        Result top = l2l("--help");
        assertEquals(0, top.code());
        for (String c : COMMANDS) assertTrue(top.out().contains("  " + c + " "), "l2l --help lists " + c + ": " + top.out());
    }

    @Test
    void aMissingArgumentIsStillBadInput() {
        Result r = l2l("run");
        assertEquals(Main.BAD_INPUT, r.code(), r.out());
        assertTrue(r.out().contains("Missing required parameter: 'EXPERIMENT.json'"), r.out());
    }

    @Test
    void versionNamesTheBuildsGitCommit() {
        Result r = l2l("--version");
        assertEquals(0, r.code());
        // the build runs in a git checkout: a full hash, perhaps marked dirty
        assertTrue(r.out().matches("(?s)l2l \\S+ \\(git commit [0-9a-f]{40}(-dirty)?\\)\\R.*"), r.out());
        assertEquals(r.out(), l2l("report", "--version").out(), "every command gives the same version");
    }

    @Test
    void bashCompletionCompletesEveryCommand() {
        Result r = l2l("completion");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("#!/usr/bin/env bash"), r.out().substring(0, 100));
        assertTrue(r.out().contains("complete -F _complete_l2l"), "registers itself for l2l");
        for (String c : COMMANDS) assertTrue(r.out().contains(c), "completes " + c);
        assertTrue(r.out().contains("--progress-interval") && r.out().contains("--quiet"), "and the options");
    }
}
