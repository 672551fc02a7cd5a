package org.l2l.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The bill of materials (bom/pom.xml, without a parent) keeps the reactor's version and names every library module. */
class BomTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static String firstVersion(String pom) {
        Matcher m = Pattern.compile("<artifactId>[^<]+</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void theBomHasTheReactorsVersionAndEveryLibraryModule() throws Exception {
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        String bom = Files.readString(ROOT.resolve("bom/pom.xml"));
        assertEquals(firstVersion(parent), firstVersion(bom.substring(bom.indexOf("<artifactId>l2l-bom"))),
                "bom/pom.xml's version is the reactor's");
        List<String> managed = new ArrayList<>();
        Matcher m = Pattern.compile("<groupId>org\\.l2l</groupId><artifactId>([^<]+)</artifactId><version>\\$\\{project\\.version}")
                .matcher(bom);
        while (m.find()) managed.add(m.group(1));
        assertEquals(List.of("l2l-core", "optimizers", "optimizees", "runner"), managed);
        for (String module : managed) {
            String dir = module;
            String pom = Files.readString(ROOT.resolve(dir).resolve("pom.xml"));
            assertEquals(true, pom.contains("<artifactId>" + module + "</artifactId>"), module + " is a module of the reactor");
        }
    }
}
