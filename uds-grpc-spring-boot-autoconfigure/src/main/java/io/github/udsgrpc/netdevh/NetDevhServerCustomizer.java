package io.github.udsgrpc.netdevh;

import java.util.List;

import io.github.udsgrpc.server.UdsListener;
import io.github.udsgrpc.server.UdsServerBuilderCustomizer;
import io.grpc.netty.NettyServerBuilder;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import net.devh.boot.grpc.server.serverfactory.GrpcServerConfigurer;
import net.devh.boot.grpc.server.serverfactory.NettyGrpcServerFactory;

/**
 * net.devh's server settings, for a socket listener's builder: every {@code grpc.server.*} property (keep-alive,
 * connection age, message and metadata limits) and every {@link GrpcServerConfigurer}, applied by net.devh's own
 * code exactly as to its TCP server. What differs on a socket is left out: the services (the socket server adds
 * them per listener) and {@code grpc.server.security.*}, which configures TLS for the TCP port only: a socket is
 * reached through the file system, so file permissions and the peer's credentials guard it.
 */
public final class NetDevhServerCustomizer implements UdsServerBuilderCustomizer {

	private final Settings settings;

	/**
	 * Creates the customizer.
	 * @param properties net.devh's {@code grpc.server.*} properties
	 * @param configurers net.devh's server configurers, in order
	 */
	public NetDevhServerCustomizer(GrpcServerProperties properties, List<GrpcServerConfigurer> configurers) {
		this.settings = new Settings(properties, configurers);
	}

	@Override
	public void customize(NettyServerBuilder builder, UdsListener listener) {
		this.settings.applyTo(builder);
	}

	/**
	 * net.devh's factory, used for its {@code configure} step only.
	 */
	private static final class Settings extends NettyGrpcServerFactory {

		Settings(GrpcServerProperties properties, List<GrpcServerConfigurer> configurers) {
			super(properties, configurers);
		}

		void applyTo(NettyServerBuilder builder) {
			configure(builder);
		}

		@Override
		protected NettyServerBuilder newServerBuilder() {
			throw new UnsupportedOperationException("The socket server makes the builder");
		}

		@Override
		protected void configureServices(NettyServerBuilder builder) {
			// Added per listener by the socket server; net.devh's version would also log every service again.
		}

		@Override
		protected void configureSecurity(NettyServerBuilder builder) {
			// Plaintext on purpose: grpc.server.security.* configures TLS for the TCP port only.
		}

	}

}
