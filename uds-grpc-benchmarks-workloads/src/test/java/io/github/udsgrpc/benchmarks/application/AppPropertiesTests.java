package io.github.udsgrpc.benchmarks.application;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link AppProperties}: the properties each line's application starts with, for every transport, role
 * and layer switch.
 */
class AppPropertiesTests {

	private static final String SOCKET = "/tmp/b/bench.sock";

	@Test
	void boot35StarterUds() {
		assertThat(AppProperties.boot35(app("server", "starter-uds")))
			.containsExactlyEntriesOf(common("grpc.uds.path", SOCKET));
		assertThat(AppProperties.boot35(app("client", "starter-uds")))
			.containsExactlyEntriesOf(common("grpc.server.port", "-1", "grpc.client.bench.address", "unix:" + SOCKET,
					"grpc.client.GLOBAL.address", "unix:" + SOCKET));
	}

	@Test
	void boot35NetDevhUds() {
		assertThat(AppProperties.boot35(app("server", "netdevh-uds")))
			.containsExactlyEntriesOf(common("grpc.server.address", "unix:" + SOCKET));
		assertThat(AppProperties.boot35(app("client", "netdevh-uds"))).containsExactlyEntriesOf(common(
				"grpc.server.port", "-1", "grpc.client.bench.address", "unix:" + SOCKET,
				"grpc.client.bench.negotiation-type", "plaintext", "grpc.client.GLOBAL.address", "unix:" + SOCKET,
				"grpc.client.GLOBAL.negotiation-type", "plaintext", "bench.authority", "localhost"));
	}

	@Test
	void boot35NetDevhTcp() {
		assertThat(AppProperties.boot35(app("server", "netdevh-tcp")))
			.containsExactlyEntriesOf(common("grpc.server.address", "127.0.0.1", "grpc.server.port", "4711"));
		assertThat(AppProperties.boot35(app("client", "netdevh-tcp"))).containsExactlyEntriesOf(common(
				"grpc.server.port", "-1", "grpc.client.bench.address", "static://127.0.0.1:4711",
				"grpc.client.bench.negotiation-type", "plaintext", "grpc.client.GLOBAL.address",
				"static://127.0.0.1:4711", "grpc.client.GLOBAL.negotiation-type", "plaintext"));
	}

	@Test
	void boot35LayersOffExcludeNetDevhsAutoConfigurationsAfterTheVariantsOwn() {
		Map<String, Object> properties = AppProperties.boot35(app("server", "starter-uds", "bench.observations=false",
				"bench.metrics=false", "spring.autoconfigure.exclude=com.example.OwnAutoConfiguration",
				"bench.web=false"));
		assertThat(properties).containsExactlyEntriesOf(common("grpc.uds.path", SOCKET,
				"spring.main.web-application-type", "none", "bench.observations", "false", "bench.metrics", "false",
				"spring.autoconfigure.exclude",
				"net.devh.boot.grpc.server.autoconfigure.GrpcServerMicrometerTraceAutoConfiguration,"
						+ "net.devh.boot.grpc.client.autoconfigure.GrpcClientMicrometerTraceAutoConfiguration,"
						+ "net.devh.boot.grpc.server.autoconfigure.GrpcServerMetricAutoConfiguration,"
						+ "net.devh.boot.grpc.client.autoconfigure.GrpcClientMetricAutoConfiguration,"
						+ "com.example.OwnAutoConfiguration",
				"bench.web", "false"));
	}

	@Test
	void boot35OneLayerOffExcludesOnlyItsAutoConfigurations() {
		assertThat(AppProperties.boot35(app("client", "starter-uds", "bench.metrics=false")))
			.containsEntry("spring.autoconfigure.exclude",
					"net.devh.boot.grpc.server.autoconfigure.GrpcServerMetricAutoConfiguration,"
							+ "net.devh.boot.grpc.client.autoconfigure.GrpcClientMetricAutoConfiguration")
			.doesNotContainKey("spring.main.web-application-type");
		assertThat(AppProperties.boot35(app("client", "starter-uds", "bench.actuator=false")))
			.doesNotContainKey("spring.autoconfigure.exclude")
			.containsEntry("bench.actuator", "false");
	}

	@Test
	void theVariantsPropertiesWin() {
		assertThat(AppProperties.boot35(app("server", "starter-uds", "server.port=9090", "grpc.uds.path=/other")))
			.containsExactlyEntriesOf(commonOnPort(9090, "grpc.uds.path", "/other"));
		assertThat(AppProperties.boot41(app("server", "boot4-starter-uds", "server.port=9090",
				"grpc.uds.low-latency=true")))
			.containsExactlyEntriesOf(commonOnPort(9090, "grpc.uds.path", SOCKET, "grpc.uds.low-latency", "true"));
	}

	@Test
	void aServerOfAnotherLinesTransportIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> AppProperties.boot35(app("server", "boot4-uds")))
			.withMessage("Unknown transport boot4-uds");
		assertThatIllegalArgumentException().isThrownBy(() -> AppProperties.boot41(app("server", "starter-uds")))
			.withMessage("Unknown transport starter-uds");
	}

	@Test
	void boot41StarterUds() {
		assertThat(AppProperties.boot41(app("server", "boot4-starter-uds")))
			.containsExactlyEntriesOf(common("grpc.uds.path", SOCKET));
		assertThat(AppProperties.boot41(app("client", "boot4-starter-uds")))
			.containsExactlyEntriesOf(common("spring.grpc.server.enabled", "false", "bench.client", "true",
					"spring.grpc.client.channel.bench.target", "unix:" + SOCKET));
	}

	@Test
	void boot41BootsOwnUds() {
		assertThat(AppProperties.boot41(app("server", "boot4-uds")))
			.containsExactlyEntriesOf(common("spring.grpc.server.netty.domain-socket-path", SOCKET));
		assertThat(AppProperties.boot41(app("client", "boot4-uds")))
			.containsExactlyEntriesOf(common("spring.grpc.server.enabled", "false", "bench.client", "true",
					"spring.grpc.client.channel.bench.target", "unix:" + SOCKET, "bench.plaintext", "true"));
	}

	@Test
	void boot41Tcp() {
		assertThat(AppProperties.boot41(app("server", "boot4-tcp"))).containsExactlyEntriesOf(
				common("spring.grpc.server.address", "127.0.0.1", "spring.grpc.server.port", "4711"));
		assertThat(AppProperties.boot41(app("client", "boot4-tcp")))
			.containsExactlyEntriesOf(common("spring.grpc.server.enabled", "false", "bench.client", "true",
					"spring.grpc.client.channel.bench.target", "static://127.0.0.1:4711"));
	}

	@Test
	void boot41LayersOffSwitchObservationsAndMetricsOff() {
		Map<String, Object> properties = AppProperties.boot41(app("server", "boot4-starter-uds",
				"bench.observations=false", "bench.metrics=false", "bench.web=false", "bench.actuator=false"));
		assertThat(properties).containsExactlyEntriesOf(common("grpc.uds.path", SOCKET,
				"spring.grpc.server.observation.enabled", "false", "spring.grpc.client.observation.enabled", "false",
				"management.metrics.enable.grpc", "false", "spring.main.web-application-type", "none",
				"bench.observations", "false", "bench.metrics", "false", "bench.web", "false", "bench.actuator",
				"false"));
		assertThat(AppProperties.boot41(app("client", "boot4-uds", "bench.metrics=false")))
			.containsEntry("management.metrics.enable.grpc", "false")
			.doesNotContainKeys("spring.grpc.server.observation.enabled", "spring.main.web-application-type");
	}

	private static AppArgs app(String role, String kind, String... properties) {
		List<String> args = new ArrayList<>(List.of(role, kind, SOCKET, "4711", "0", "20"));
		args.addAll(List.of(properties));
		return AppArgs.parse(args.toArray(String[]::new));
	}

	/** What every application starts with, then the given keys and values. */
	private static Map<String, Object> common(Object... more) {
		return commonOnPort(0, more);
	}

	private static Map<String, Object> commonOnPort(int serverPort, Object... more) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.main.log-startup-info", "false");
		properties.put("logging.level.root", "WARN");
		properties.put("logging.level.io.netty.bootstrap", "ERROR");
		properties.put("server.port", Integer.toString(serverPort));
		for (int i = 0; i < more.length; i += 2) {
			properties.put((String) more[i], more[i + 1]);
		}
		return properties;
	}

}
