package io.github.udsgrpc.netdevh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.udsgrpc.autoconfigure.testsupport.EchoService;
import io.github.udsgrpc.client.UdsChannels;
import io.github.udsgrpc.server.UdsServer;
import io.github.udsgrpc.socket.UdsEventLoops;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyServerBuilder;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import net.devh.boot.grpc.server.serverfactory.GrpcServerConfigurer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * net.devh's server settings reach a socket listener's builder, on a real socket server: its properties and its
 * configurers, while its TLS settings do not.
 */
class NetDevhServerCustomizerTests {

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	private final UdsEventLoops eventLoops = new UdsEventLoops(1);

	private final GrpcServerProperties properties = new GrpcServerProperties();

	private UdsServer server;

	private ManagedChannel channel;

	@AfterEach
	void stop() {
		if (this.channel != null) {
			this.channel.shutdownNow();
		}
		if (this.server != null) {
			this.server.stop(Duration.ZERO);
		}
		this.eventLoops.close();
	}

	@Test
	void grpcServerPropertiesApplyToTheSocket() throws Exception {
		this.properties.setMaxInboundMessageSize(DataSize.ofBytes(64));
		start(List.of());
		EchoGrpc.EchoBlockingStub echo = EchoGrpc.newBlockingStub(this.channel);
		assertThat(echo.unary(Calls.request("small")).getText()).isEqualTo("small");
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> echo.unary(Calls.request("x".repeat(100))))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
	}

	@Test
	void everyConfigurerGetsTheListenersBuilderInOrder() throws Exception {
		List<String> calls = new CopyOnWriteArrayList<>();
		start(List.of((builder) -> calls.add("first " + (builder instanceof NettyServerBuilder)),
				(builder) -> calls.add("second")));
		assertThat(EchoGrpc.newBlockingStub(this.channel).unary(Calls.request("a")).getText()).isEqualTo("a");
		assertThat(calls).containsExactly("first true", "second");
	}

	@Test
	void tlsSettingsAreLeftToTheTcpPort() throws Exception {
		this.properties.getSecurity().setEnabled(true);
		this.properties.getSecurity().setCertificateChain(null);
		start(List.of());
		assertThat(EchoGrpc.newBlockingStub(this.channel).unary(Calls.request("plain")).getText()).isEqualTo("plain");
	}

	private void start(List<GrpcServerConfigurer> configurers) throws Exception {
		Path socket = this.dir.socket("n.sock");
		this.server = UdsServer.builder()
			.eventLoops(this.eventLoops)
			.listenUnixSocket(socket)
			.customizer(new NetDevhServerCustomizer(this.properties, configurers))
			.addService(new EchoService())
			.build()
			.start();
		this.channel = UdsChannels.using(this.eventLoops).channelBuilder("unix:" + socket).build();
	}

}
