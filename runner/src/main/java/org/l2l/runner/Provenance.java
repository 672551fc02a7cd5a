package org.l2l.runner;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.l2l.runner.io.RunLock;

/** Where a run came from: project version, git state of the working directory, host, JVM, command line. */
public final class Provenance {
    private Provenance() {}

    /** This build's version, or {@code unknown}. */
    public static String version() {
        return buildProperty("version");
    }

    /**
     * The git commit this build was made from, with {@code -dirty} if tracked files had changes, or
     * {@code unknown} (a build outside a git checkout).
     */
    public static String buildCommit() {
        String c = buildProperty("commit");
        return c.isBlank() || c.startsWith("${") ? "unknown" : c;
    }

    private static String buildProperty(String key) {
        try (InputStream in = Provenance.class.getResourceAsStream("version.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty(key, "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Fills {@code node} with the provenance fields. */
    public static void describe(ObjectNode node) {
        node.put("version", version());
        node.put("buildCommit", buildCommit());
        node.put("host", RunLock.hostName());
        node.put("pid", ProcessHandle.current().pid());
        node.put("user", System.getProperty("user.name"));
        node.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        node.put("workingDirectory", System.getProperty("user.dir"));
        node.put("commandLine", ProcessHandle.current().info().commandLine().orElse(
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())));
        String commit = git("rev-parse", "HEAD");
        if (commit != null) {
            node.put("gitCommit", commit);
            String status = git("status", "--porcelain");
            node.put("gitDirty", status != null && !status.isBlank());
        }
    }

    private static String git(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "git";
        System.arraycopy(args, 0, cmd, 1, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
