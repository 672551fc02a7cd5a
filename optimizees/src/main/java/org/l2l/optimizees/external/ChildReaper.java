package org.l2l.optimizees.external;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes sure no external program outlives the JVM that started it, however that JVM ends (SIGKILL
 * included, where no Java code runs).
 *
 * <p>Each program is started through {@code setsid}, so it leads its own process group, which its
 * children join. Once per JVM a small {@code /bin/sh} helper is started whose standard input is a pipe
 * from this JVM: the JVM writes {@code +PID} when it starts a program and {@code -PID} when that program
 * has ended (the helper then kills whatever is left of its group). When the JVM dies, the kernel closes
 * the pipe, the helper reads end-of-file and kills every group still listed. The helper ignores SIGINT,
 * SIGTERM and SIGHUP so that it always gets to that last step; it uses shell built-ins only, so it
 * forks nothing. Without {@code setsid} on the machine the programs run in the JVM's process group and
 * the helper kills the program alone.
 */
final class ChildReaper {
    private static final String SCRIPT = String.join("\n",
            "trap '' INT TERM HUP",
            "live=' '",
            "while IFS= read -r l; do",
            "  p=${l#?}",
            "  case $l in",
            "    +*) live=\"$live$p \" ;;",
            "    -*) kill -KILL \"-$p\" 2>/dev/null",
            "        case $live in *\" $p \"*) live=\"${live%% $p *} ${live#* $p }\" ;; esac ;;",
            "  esac",
            "done",
            "for p in $live; do kill -KILL \"-$p\" 2>/dev/null; kill -KILL \"$p\" 2>/dev/null; done",
            "");

    private static ChildReaper instance;

    private final Process helper;
    private final OutputStream pipe;

    private ChildReaper(Process helper) {
        this.helper = helper;
        this.pipe = helper.getOutputStream();
    }

    /** The JVM's reaper, started on first use. */
    static synchronized ChildReaper get() throws IOException {
        if (instance == null || !instance.helper.isAlive()) {
            Process p = new ProcessBuilder("/bin/sh", "-c", SCRIPT, "l2l-reaper")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            instance = new ChildReaper(p);
        }
        return instance;
    }

    /** The {@code setsid} program, or null where there is none. */
    static String setsid() {
        for (String d : new String[] {"/usr/bin/setsid", "/bin/setsid"}) {
            if (Files.isExecutable(Path.of(d))) return d;
        }
        return null;
    }

    /** The helper's process id, for tests. */
    long pid() {
        return helper.pid();
    }

    /** A program started: kill its group if this JVM dies. */
    void started(long pid) {
        send("+" + pid);
    }

    /** A program ended: kill what is left of its group, and forget it. */
    void ended(long pid) {
        send("-" + pid);
    }

    private synchronized void send(String line) {
        try {
            pipe.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            pipe.flush();
        } catch (IOException e) {
            // the helper is gone (killed from outside); the programs are still ended by their supervisor
        }
    }
}
