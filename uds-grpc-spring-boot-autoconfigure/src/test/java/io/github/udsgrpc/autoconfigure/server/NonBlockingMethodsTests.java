package io.github.udsgrpc.autoconfigure.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.udsgrpc.autoconfigure.testsupport.EchoClients;
import io.github.udsgrpc.boot.execution.AbstractNonBlockingMethodsTests;
import io.github.udsgrpc.boot.execution.ExecutionLine;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.testsupport.ThreadNames;
import net.devh.boot.grpc.server.serverfactory.GrpcServerConfigurer;
import net.devh.boot.grpc.server.service.GrpcService;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the service methods of a Boot 3.5 application's socket listener run: the scenarios both lines share
 * ({@link AbstractNonBlockingMethodsTests}) on net.devh's gRPC server, and a {@link GrpcServerConfigurer}'s own
 * executor running every call.
 */
class NonBlockingMethodsTests extends AbstractNonBlockingMethodsTests {

	NonBlockingMethodsTests() {
		super(new NetDevhExecutionLine());
	}

	@Test
	void anExecutorAGrpcServerConfigurerSetsRunsEveryCall() {
		Threads threads = threads(new Class<?>[] { ThreadService.class, OwnExecutorConfigurer.class },
				"grpc.uds.executor=fork-join", "grpc.uds.non-blocking-methods=" + STREAM);
		assertThat(threads.unary()).startsWith("own-configurer-");
		assertThat(threads.serverStream()).startsWith("own-configurer-");
	}

	/** The Boot 3.5 line's application: services annotated {@link GrpcService}, stubs in {@link EchoClients}. */
	static final class NetDevhExecutionLine implements ExecutionLine {

		private static final Map<Class<?>, Class<?>> DECLARED = Map.of(ThreadService.class,
				DeclaredThreadService.class, AllNonBlockingService.class, DeclaredAllNonBlockingService.class,
				StreamNonBlockingService.class, DeclaredStreamNonBlockingService.class);

		@Override
		public String name() {
			return "boot 3.5";
		}

		@Override
		public Class<?> declared(Class<?> service) {
			return DECLARED.getOrDefault(service, service);
		}

		@Override
		public Class<?> application() {
			return App.class;
		}

		@Override
		public List<String> properties(Path socket) {
			return List.of("grpc.server.port=0", "grpc.client.echo.address=unix:" + socket);
		}

		@Override
		public EchoGrpc.EchoBlockingStub blockingStub(ConfigurableApplicationContext context) {
			return context.getBean(EchoClients.class).blocking;
		}

		@Override
		public EchoGrpc.EchoFutureStub futureStub(ConfigurableApplicationContext context) {
			return EchoGrpc.newFutureStub(blockingStub(context).getChannel());
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(EchoClients.class)
	static class App {

	}

	@GrpcService
	static class DeclaredThreadService extends ThreadService {

	}

	@GrpcService
	static class DeclaredAllNonBlockingService extends AllNonBlockingService {

	}

	@GrpcService
	static class DeclaredStreamNonBlockingService extends StreamNonBlockingService {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnExecutorConfigurer {

		@Bean(destroyMethod = "shutdownNow")
		ExecutorService ownConfigurerExecutor() {
			return Executors.newCachedThreadPool(ThreadNames.numbered("own-configurer"));
		}

		@Bean
		GrpcServerConfigurer ownExecutorConfigurer(ExecutorService ownConfigurerExecutor) {
			return (builder) -> builder.executor(ownConfigurerExecutor);
		}

	}

}
