package io.github.udsgrpc;

import java.util.Arrays;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The core's packages: free of cycles, of Spring and of net.devh, and layered {@code socket} first, then
 * {@code peer}, {@code systemd} and {@code client} on it, then {@code server} on all but {@code client}.
 */
class ArchitectureTests {

	private static final String CORE = "io.github.udsgrpc";

	// The tests are left out as a folder of test classes (this module) or as the core's test jar (where the
	// Boot 4.1 line runs these tests).
	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption((location) -> !location.contains("-tests.jar"))
		.importPackages(CORE);

	@Test
	void noPackageCycles() {
		slices().matching(CORE + ".(**)").should().beFreeOfCycles().check(classes);
	}

	/**
	 * The tests keep to the same layering: the core's test jar is on the Spring modules' test class path, and a
	 * test that used a package "above" its own would be a cycle to anyone who imports the jar.
	 */
	@Test
	void noPackageCyclesWithTheTestsEither() {
		JavaClasses withTests = new ClassFileImporter().importPackages(CORE);
		slices().matching(CORE + ".(**)").should().beFreeOfCycles().check(withTests);
	}

	@Test
	void noSpringAndNoNetDevh() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "net.devh..")
			.check(classes);
	}

	@Test
	void everyClassIsInAPackageOfTheLayering() {
		classes().should()
			.resideInAnyPackage(packages("socket", "peer", "systemd", "client", "server"))
			.check(classes);
	}

	@Test
	void socketDependsOnNoOtherPackageOfTheCore() {
		dependsOnlyOn("socket").check(classes);
	}

	@Test
	void peerDependsOnSocketOnly() {
		dependsOnlyOn("peer", "socket").check(classes);
	}

	@Test
	void systemdDependsOnSocketOnly() {
		dependsOnlyOn("systemd", "socket").check(classes);
	}

	@Test
	void clientDependsOnSocketOnly() {
		dependsOnlyOn("client", "socket").check(classes);
	}

	@Test
	void serverDependsOnSocketPeerAndSystemdButNotOnClient() {
		dependsOnlyOn("server", "socket", "peer", "systemd").check(classes);
	}

	/**
	 * The classes of a package may use those of the listed packages of the core, and anything outside the core.
	 */
	private static ArchRule dependsOnlyOn(String layer, String... layers) {
		String[] allowed = packages(Stream.concat(Stream.of(layer), Arrays.stream(layers)).toArray(String[]::new));
		return classes().that()
			.resideInAPackage(CORE + "." + layer + "..")
			.should()
			.onlyDependOnClassesThat(resideOutsideOfPackage(CORE + "..").or(resideInAnyPackage(allowed)));
	}

	private static String[] packages(String... layers) {
		return Arrays.stream(layers).map((layer) -> CORE + "." + layer + "..").toArray(String[]::new);
	}

}
