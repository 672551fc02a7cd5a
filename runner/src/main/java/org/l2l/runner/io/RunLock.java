package org.l2l.runner.io;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One driver per run directory. The lock file holds {@code host pid}; a lock whose process no longer
 * runs on this host is stale and taken over. A lock held from another host is trusted, since its
 * process cannot be checked from here.
 */
public final class RunLock implements AutoCloseable {
    private final Path file;

    private RunLock(Path file) {
        this.file = file;
    }

    /** Takes the lock, or fails naming the holder. */
    public static RunLock acquire(Path file) {
        String me = hostName() + " " + ProcessHandle.current().pid();
        for (int tries = 0; tries < 3; tries++) {
            try {
                Files.writeString(Files.createFile(file), me + "\n", StandardCharsets.UTF_8);
                return new RunLock(file);
            } catch (FileAlreadyExistsException e) {
                String holder;
                try {
                    holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                } catch (IOException ex) {
                    continue; // removed between our create and read: try again
                }
                String[] parts = holder.split(" ");
                boolean sameHost = parts.length == 2 && parts[0].equals(hostName());
                boolean alive = parts.length == 2 && (!sameHost || isAlive(parts[1]));
                if (alive) {
                    throw new IllegalStateException(file.getParent() + " is in use by another run: host "
                            + parts[0] + ", PID " + parts[1] + " (lock file " + file + ")");
                }
                try {
                    Files.deleteIfExists(file); // stale: its driver was killed
                } catch (IOException ex) {
                    throw RunFileException.writing(file, "cannot remove stale lock", ex);
                }
            } catch (IOException e) {
                throw RunFileException.writing(file, "cannot create lock", e);
            }
        }
        throw new IllegalStateException("could not take the lock " + file);
    }

    private static boolean isAlive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** This machine's host name. */
    public static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) return env;
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw RunFileException.writing(file, "cannot release lock", e);
        }
    }
}
