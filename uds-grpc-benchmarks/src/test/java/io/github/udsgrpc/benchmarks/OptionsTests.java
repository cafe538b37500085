package io.github.udsgrpc.benchmarks;

import io.github.udsgrpc.benchmarks.transport.Transports;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The command line's transports: both lines by default, the full applications and their layers on request.
 */
class OptionsTests {

	@Test
	void aDefaultRunMeasuresBothLinesBareTransports() {
		assertThat(Options.parse(new String[0]).transports()).containsExactlyElementsOf(Transports.ALL)
			.contains("starter-uds", "netdevh-uds", "boot4-starter-uds", "boot4-uds", "boot4-tcp");
	}

	@Test
	void fullAppAddsEverySpringTransportOfBothLinesAsAFullApplicationBesideTheBareOnes() {
		Options options = Options.parse(new String[] { "--transports=starter-uds,netdevh-uds", "--full-app" });
		assertThat(options.transports()).containsExactly("starter-uds", "netdevh-uds", "app-starter-uds",
				"app-netdevh-uds", "app-netdevh-tcp", "app-boot4-starter-uds", "app-boot4-uds", "app-boot4-tcp");
	}

	@Test
	void layersAddOneVariantPerLayerOfEachStartersFullApplication() {
		Options options = Options.parse(new String[] { "--transports=app-netdevh-uds", "--layers" });
		assertThat(options.transports()).hasSize(1 + 2 * (1 + Options.LAYERS.size()))
			.contains("app-starter-uds[bench.observations=false]",
					"app-boot4-starter-uds[bench.web=false,bench.actuator=false]");
	}

	@Test
	void applicationTransportsTakeArbitrarySpringPropertiesAndKeepThemWithTwoProcesses() {
		Options options = Options.parse(new String[] {
				"--transports=boot4-starter-uds[grpc.uds.executor=virtual],app-starter-uds[grpc.uds.low-latency=true]",
				"--two-process", "--starter-props=grpc.uds.transport=epoll" });
		assertThat(options.transports()).hasSize(2);
		assertThat(Transports.variantProperties(options.transports().get(0), options.starterProperties()))
			.containsEntry("grpc.uds.executor", "virtual")
			.containsEntry("grpc.uds.transport", "epoll");
		assertThat(Transports.variantProperties("app-netdevh-uds", options.starterProperties())).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(new String[] { "--transports=raw-uds[a=b]" }));
	}

}
