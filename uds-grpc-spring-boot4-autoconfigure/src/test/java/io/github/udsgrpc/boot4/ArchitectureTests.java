package io.github.udsgrpc.boot4;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.grpc.server.GrpcServerFactory;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The Boot 4.1 line as a whole, the core's and the shared module's classes included: no package cycles, the core
 * free of Spring, the Spring gRPC adapters and the shared module free of the auto-configuration, and no server,
 * channel factory or interceptor code in the auto-configuration packages, which only wire.
 */
class ArchitectureTests {

	// Test classes are left out: those of this module (a test-classes folder) and the core's test jar.
	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption((location) -> !location.contains("-tests.jar"))
		.importPackages("io.github.udsgrpc");

	@Test
	void noPackageCycles() {
		slices().matching("io.github.udsgrpc.(**)").should().beFreeOfCycles().check(classes);
	}

	@Test
	void theCoreHasNoSpring() {
		noClasses().that()
			.resideInAnyPackage("io.github.udsgrpc.socket..", "io.github.udsgrpc.server..", "io.github.udsgrpc.client..",
					"io.github.udsgrpc.peer..", "io.github.udsgrpc.systemd..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "net.devh..")
			.check(classes);
	}

	@Test
	void adaptersAndTheSharedModuleDoNotReachIntoTheAutoConfiguration() {
		noClasses().that()
			.resideInAnyPackage("io.github.udsgrpc.springgrpc..", "io.github.udsgrpc.boot..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.github.udsgrpc.boot4..")
			.check(classes);
	}

	@Test
	void theSharedModuleKnowsNeitherGrpcStarter() {
		noClasses().that()
			.resideInAPackage("io.github.udsgrpc.boot..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.grpc..", "org.springframework.boot.grpc..", "net.devh..")
			.check(classes);
	}

	@Test
	void theAutoConfigurationOnlyWires() {
		noClasses().that()
			.resideInAPackage("io.github.udsgrpc.boot4.autoconfigure..")
			.should()
			.beAssignableTo(Server.class)
			.orShould()
			.beAssignableTo(GrpcServerFactory.class)
			.orShould()
			.beAssignableTo(GrpcChannelFactory.class)
			.orShould()
			.beAssignableTo(ServerInterceptor.class)
			.check(classes);
	}

}
