package org.l2l.runner.exec;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.l2l.runner.RunnerOptions;
import org.l2l.runner.worker.WorkerMain;

/**
 * The classpath the worker JVMs start with, checked before any worker is launched.
 *
 * <p>By default it is the driver's {@code java.class.path}. That is wrong when the driver was not started
 * with a plain {@code java -cp}: under {@code mvn exec:java} it is Maven's own launcher jar, and the
 * project's classes live in a class loader Maven built. So the chosen classpath is checked for the worker's
 * main class and the optimizee's class; if the driver's does not have them, the class path of the class
 * loaders that loaded the runner and the optimizee is tried, and if that fails too the run is refused,
 * naming {@code RunnerOptions.workerClasspath} as the fix.
 */
public final class WorkerClasspath {
    private WorkerClasspath() {}

    /**
     * The classpath for the workers of a run of {@code optimizee}.
     *
     * @param options the runner options; a non-empty {@code workerClasspath} is used as given, once checked
     * @param optimizee the optimizee's class, which the workers must load
     * @return the classpath, entries separated by {@link File#pathSeparator}
     * @throws IllegalArgumentException if no candidate can start a worker; the message names the fix
     */
    public static String resolve(RunnerOptions options, Class<?> optimizee) {
        if (!options.workerClasspath().isEmpty()) {
            Optional<String> missing = missing(options.workerClasspath(), optimizee);
            if (missing.isPresent()) {
                throw new IllegalArgumentException("runner.workerClasspath cannot start a worker: it has no " + missing.get()
                        + " (workerClasspath: " + abbreviate(options.workerClasspath()) + ")");
            }
            return options.workerClasspath();
        }
        String own = System.getProperty("java.class.path", "");
        Optional<String> ownMissing = missing(own, optimizee);
        if (ownMissing.isEmpty()) return own;
        String loaders = fromClassLoaders(optimizee);
        if (!loaders.isEmpty() && missing(loaders, optimizee).isEmpty()) return loaders;
        throw new IllegalArgumentException("the driver's classpath cannot start a worker: it has no " + ownMissing.get()
                + " (java.class.path is " + abbreviate(own) + "; under 'mvn exec:java' it is Maven's launcher). "
                + "Give the workers' classpath with RunnerOptions.builder().workerClasspath(...) (runner.workerClasspath "
                + "in an experiment file), or start the driver with 'java -cp' and the project's classpath.");
    }

    /** What a classpath lacks to start a worker for {@code optimizee}: the first class missing, if any. */
    static Optional<String> missing(String classpath, Class<?> optimizee) {
        List<URL> urls = urls(classpath);
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), null)) {
            for (Class<?> c : new Class<?>[] {WorkerMain.class, optimizee}) {
                if (c == null) continue;
                if (loader.findResource(c.getName().replace('.', '/') + ".class") == null) {
                    return Optional.of("class " + c.getName());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("readable entries (" + e.getMessage() + ")");
        }
    }

    /** The file entries of the class loaders that loaded the runner and {@code optimizee}, parents first. */
    static String fromClassLoaders(Class<?> optimizee) {
        Set<String> entries = new LinkedHashSet<>();
        for (ClassLoader l : new ClassLoader[] {optimizee == null ? null : optimizee.getClassLoader(),
                WorkerClasspath.class.getClassLoader()}) {
            List<ClassLoader> chain = new ArrayList<>();
            for (ClassLoader c = l; c != null; c = c.getParent()) chain.add(0, c);
            for (ClassLoader c : chain) {
                if (!(c instanceof URLClassLoader u)) continue;
                for (URL url : u.getURLs()) {
                    if (!url.getProtocol().equals("file")) continue;
                    try {
                        entries.add(Path.of(url.toURI()).toString());
                    } catch (URISyntaxException | IllegalArgumentException e) {
                        // not a plain file: a worker cannot use it anyway
                    }
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static List<URL> urls(String classpath) {
        List<URL> out = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isBlank()) continue;
            try {
                if (entry.endsWith("*")) { // java's "dir/*": every jar in dir
                    Path dir = Path.of(entry.substring(0, entry.length() - 1));
                    if (!Files.isDirectory(dir)) continue;
                    try (Stream<Path> s = Files.list(dir)) {
                        for (Path p : s.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) out.add(p.toUri().toURL());
                    }
                } else {
                    out.add(Path.of(entry).toUri().toURL());
                }
            } catch (IOException | java.nio.file.InvalidPathException e) {
                // an unusable entry cannot help a worker either
            }
        }
        return out;
    }

    private static String abbreviate(String classpath) {
        return classpath.length() <= 200 ? "'" + classpath + "'" : "'" + classpath.substring(0, 200) + "...'";
    }
}
