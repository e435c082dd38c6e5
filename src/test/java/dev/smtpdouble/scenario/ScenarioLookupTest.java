package dev.smtpdouble.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one lookup order: a file; a bare name in the scenario folder, then in {@code scenarios/} on the
 * user's class path, then in the catalogue; a class path resource. The user's class path is a folder
 * of this test's own, put in as the context class loader as a test framework does.
 */
class ScenarioLookupTest {

    @TempDir
    Path temp;
    private Path classes;
    private Path folder;

    @BeforeEach
    void layOut() throws IOException {
        classes = Files.createDirectories(temp.resolve("test-classes"));
        folder = Files.createDirectories(temp.resolve("scenario-dir"));
        write(classes.resolve("scenarios/payment-outage.yaml"), "payment-outage", "421 4.3.2 Payments down");
        write(classes.resolve("scenarios/greylist.yaml"), "my-greylist", "451 4.7.1 My own greylisting");
        write(classes.resolve("com/acme/deep.yaml"), "deep", "421 4.3.2 Deep");
        write(folder.resolve("greylist.yml"), "folder-greylist", "451 4.7.1 From the folder");
    }

    @ParameterizedTest
    @ValueSource(strings = {"payment-outage", "payment-outage.yaml"})
    void aBareNameComesFromTheUsersScenariosFolderOnTheClassPath(String name) throws Exception {
        Scenario scenario = withUserClassPath(() -> Scenarios.load(name));

        assertThat(scenario.name()).isEqualTo("payment-outage");
    }

    @Test
    void aClassPathResourceByItsPath() throws Exception {
        assertThat(withUserClassPath(() -> Scenarios.load("com/acme/deep.yaml")).name()).isEqualTo("deep");
        assertThat(withUserClassPath(() -> Scenarios.load("scenarios/payment-outage.yaml")).name())
                .isEqualTo("payment-outage");
    }

    @Test
    void aNameOnTheUsersClassPathTakesThePlaceOfTheCatalogues() throws Exception {
        assertThat(withUserClassPath(() -> Scenarios.load("greylist")).name()).isEqualTo("my-greylist");
        assertThat(withUserClassPath(() -> Scenarios.source("greylist")).origin())
                .startsWith("file:").endsWith("test-classes/scenarios/greylist.yaml");
    }

    /** Warnings go to standard error here (slf4j-simple in the tests); classes run one at a time. */
    @Test
    void aShadowedCatalogueNameIsReportedOnceUnlessTheTextIsTheSame() throws Exception {
        Files.writeString(classes.resolve("scenarios/accept-all.yaml"), Scenarios.source("accept-all").yaml());
        java.io.PrintStream before = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            withUserClassPath(() -> Scenarios.load("greylist"));
            withUserClassPath(() -> Scenarios.load("greylist.yaml"));
            withUserClassPath(() -> Scenarios.load("accept-all"));
        } finally {
            System.setErr(before);
        }
        String warnings = err.toString(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(warnings.lines().filter(line -> line.contains("WARN"))).singleElement().asString()
                .contains("scenario 'greylist' is file:", "test-classes/scenarios/greylist.yaml",
                        "which takes the place of the built-in scenario of that name");
    }

    @Test
    void withoutOneTheCatalogueAnswers() {
        assertThat(Scenarios.load("greylist").name()).isEqualTo("greylist");
        assertThat(Scenarios.source("greylist").origin()).isEqualTo("dev/smtpdouble/scenarios/greylist.yaml");
    }

    @Test
    void theScenarioFolderComesFirst() throws Exception {
        ScenarioLookup lookup = ScenarioLookup.withFolder(folder);

        assertThat(withUserClassPath(() -> Scenarios.parse(lookup.find("greylist"))).name()).isEqualTo("folder-greylist");
        assertThat(withUserClassPath(() -> Scenarios.parse(lookup.byName("greylist.yaml"))).name())
                .isEqualTo("folder-greylist");
        assertThat(withUserClassPath(() -> Scenarios.parse(lookup.find("payment-outage"))).name())
                .isEqualTo("payment-outage");
        assertThat(lookup.names()).contains("greylist", "accept-all", "slow-greeting");
    }

    @Test
    void anExistingFileComesBeforeAnyName() throws Exception {
        Path file = write(temp.resolve("greylist"), "a-file-named-greylist", "421 4.3.2 File");

        assertThat(withUserClassPath(() -> Scenarios.load(file.toString())).name()).isEqualTo("a-file-named-greylist");
    }

    @Test
    void byNameRefusesPaths() {
        ScenarioLookup lookup = ScenarioLookup.withFolder(folder);

        assertThatThrownBy(() -> lookup.byName("../etc/passwd")).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("is not a scenario name");
        assertThatThrownBy(() -> lookup.byName("com/acme/deep.yaml")).isInstanceOf(ScenarioException.class);
    }

    @Test
    void anUnknownReferenceSaysWhereItLooked() {
        assertThatThrownBy(() -> ScenarioLookup.withFolder(folder).find("nowhere"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("no scenario 'nowhere': not a file, not nowhere.yaml in " + folder
                        + ", not scenarios/nowhere.yaml on the class path, not in the catalogue, not a class path resource."
                        + " Catalogue: accept-all, ");
    }

    @Test
    void theSchemaShipsBesideTheCatalogue() throws IOException {
        URL schema = Scenarios.class.getClassLoader().getResource(Scenarios.SCHEMA_RESOURCE);

        assertThat(schema).isNotNull();
        try (var in = schema.openStream()) {
            assertThat(new String(in.readAllBytes())).contains("\"title\": \"smtp-double scenario\"");
        }
    }

    private <T> T withUserClassPath(Callable<T> action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader user = new URLClassLoader(new URL[] {classes.toUri().toURL()}, before)) {
            thread.setContextClassLoader(user);
            return action.call();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static Path write(Path file, String name, String reply) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "scenario: " + name + "\nrules:\n  - on: connect\n    reply: " + reply + "\n");
    }
}
