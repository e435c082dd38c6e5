package dev.smtpdouble;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.scenario.Scenarios;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published jar (the main artifact, shaded): only smtp-double's own packages and resources, no
 * reference left to the original packages of Netty, SnakeYAML or Jackson, nothing that could shadow
 * a class or resource of a user's own copy of them. The consumer builds under {@code src/it} show
 * that it works; this shows that nothing stray came along.
 */
class PublishedJarIT {

    /** A class name of one of the embedded libraries that is not under the relocation prefix. */
    private static final Pattern ORIGINAL_PACKAGE =
            Pattern.compile("(?<!dev/smtpdouble/shaded/)(io/netty|org/yaml/snakeyaml|com/fasterxml/jackson|com/google/re2j)/");

    private static Path jar;

    @BeforeAll
    static void findJar() {
        String published = System.getProperty("smtpdouble.publishedJar");
        assertThat(published).as("system property smtpdouble.publishedJar; run through mvn verify").isNotNull();
        jar = Path.of(published);
        assertThat(jar).isRegularFile();
    }

    @Test
    void holdsOnlyItsOwnPackagesAndResources() throws IOException {
        List<String> stray = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().filter(entry -> !entry.isDirectory()).map(ZipEntry::getName)
                    .filter(name -> !name.startsWith("dev/smtpdouble/") && !name.startsWith("META-INF/"))
                    .forEach(stray::add);
            file.stream().map(ZipEntry::getName)
                    .filter(name -> name.startsWith("META-INF/versions/") || name.startsWith("META-INF/native")
                            || name.equals("META-INF/io.netty.versions.properties"))
                    .forEach(stray::add);
        }
        assertThat(stray).isEmpty();
    }

    @Test
    void referencesNoOriginalPackageOfTheEmbeddedLibraries() throws IOException {
        List<String> references = new ArrayList<>();
        int classes = 0;
        try (JarFile file = new JarFile(jar.toFile())) {
            for (ZipEntry entry : file.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                classes++;
                try (InputStream in = file.getInputStream(entry)) {
                    for (String constant : utf8Constants(in)) {
                        Matcher original = ORIGINAL_PACKAGE.matcher(constant);
                        if (original.find()) {
                            references.add(entry.getName() + " -> " + constant);
                        }
                    }
                }
            }
        }
        assertThat(classes).as("classes in the jar").isGreaterThan(1000);
        assertThat(references).isEmpty();
    }

    @Test
    void carriesTheCatalogueAndItsSchemaInAFolderOfItsOwn() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getEntry(Scenarios.SCHEMA_RESOURCE)).isNotNull();
            assertThat(Scenarios.CATALOGUE)
                    .allSatisfy(name -> assertThat(file.getEntry("dev/smtpdouble/scenarios/" + name + ".yaml")).isNotNull());
            assertThat(file.getEntry("scenarios/")).as("the class path's scenarios/ is the user's").isNull();
        }
    }

    @Test
    void namesItsModule() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            assertThat(manifest.getMainAttributes().getValue("Automatic-Module-Name")).isEqualTo("dev.smtpdouble");
        }
    }

    /** The UTF-8 entries of a class file's constant pool: class names, descriptors and string literals. */
    private static List<String> utf8Constants(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        in.readInt(); // magic
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        List<String> utf8 = new ArrayList<>();
        for (int index = 1; index < count; index++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8.add(in.readUTF());
                case 7, 8, 16, 19, 20 -> in.skipBytes(2); // Class, String, MethodType, Module, Package
                case 15 -> in.skipBytes(3); // MethodHandle
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4); // numbers, refs, NameAndType, dynamic
                case 5, 6 -> {
                    in.skipBytes(8); // long and double take two slots
                    index++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return utf8;
    }
}
