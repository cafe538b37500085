package io.github.udsgrpc.boot4.server;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.udsgrpc.testsupport.ThreadNames;
import io.grpc.netty.NettyServerBuilder;

import org.springframework.boot.grpc.server.autoconfigure.GrpcServerExecutorProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.ServerBuilderCustomizer;

/**
 * An application's own executor for its gRPC server, given the two ways a Boot 4.1 application gives one: each an
 * executor of one thread with a name of its own ({@code own-provider-1}, {@code own-customizer-1}), shut down with
 * the context.
 */
final class OwnExecutors {

	private OwnExecutors() {
	}

	/** The executor as a {@link GrpcServerExecutorProvider} bean gives it. */
	@Configuration(proxyBeanMethods = false)
	static class Provider {

		@Bean(destroyMethod = "shutdownNow")
		ExecutorService ownProviderExecutor() {
			return Executors.newSingleThreadExecutor(ThreadNames.numbered("own-provider"));
		}

		@Bean
		GrpcServerExecutorProvider ownExecutorProvider(ExecutorService ownProviderExecutor) {
			return () -> ownProviderExecutor;
		}

	}

	/** The executor as a {@link ServerBuilderCustomizer} bean sets it on the server builder. */
	@Configuration(proxyBeanMethods = false)
	static class Customizer {

		@Bean(destroyMethod = "shutdownNow")
		ExecutorService ownCustomizerExecutor() {
			return Executors.newSingleThreadExecutor(ThreadNames.numbered("own-customizer"));
		}

		@Bean
		ServerBuilderCustomizer<NettyServerBuilder> ownExecutorCustomizer(ExecutorService ownCustomizerExecutor) {
			return (builder) -> builder.executor(ownCustomizerExecutor);
		}

	}

}
