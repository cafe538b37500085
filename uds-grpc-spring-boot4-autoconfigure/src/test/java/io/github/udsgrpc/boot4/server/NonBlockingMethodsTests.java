package io.github.udsgrpc.boot4.server;

import java.nio.file.Path;
import java.util.List;

import io.github.udsgrpc.boot.execution.AbstractNonBlockingMethodsTests;
import io.github.udsgrpc.boot.execution.ExecutionLine;
import io.github.udsgrpc.test.echo.EchoGrpc;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerExecutorProvider;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.client.ImportGrpcClients;
import org.springframework.grpc.server.ServerBuilderCustomizer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the service methods of a Boot 4.1 application's socket listener run: the scenarios both lines share
 * ({@link AbstractNonBlockingMethodsTests}) on Spring Boot's own gRPC server, and a
 * {@link GrpcServerExecutorProvider}'s executor running the methods that may block, a
 * {@link ServerBuilderCustomizer}'s own executor every call.
 */
class NonBlockingMethodsTests extends AbstractNonBlockingMethodsTests {

	NonBlockingMethodsTests() {
		super(new SpringGrpcExecutionLine());
	}

	@Test
	void anExecutorProvidersExecutorRunsTheMethodsThatMayBlockAndNonBlockingOnesStayOnTheEventLoop() {
		Threads threads = threads(new Class<?>[] { ThreadService.class, OwnExecutors.Provider.class },
				"grpc.uds.executor=fork-join", "grpc.uds.non-blocking-methods=" + STREAM);
		assertThat(threads.unary()).startsWith("own-provider-");
		assertThat(threads.serverStream()).matches(EVENT_LOOP);
	}

	@Test
	void anExecutorProvidersExecutorRunsEveryMethodWhenNoneIsNonBlocking() {
		Threads threads = threads(new Class<?>[] { ThreadService.class, OwnExecutors.Provider.class },
				"grpc.uds.executor=fork-join");
		assertThat(threads.unary()).startsWith("own-provider-");
		assertThat(threads.serverStream()).startsWith("own-provider-");
	}

	@Test
	void anExecutorAServerBuilderCustomizerSetsRunsEveryCall() {
		Threads threads = threads(new Class<?>[] { ThreadService.class, OwnExecutors.Customizer.class },
				"grpc.uds.executor=fork-join", "grpc.uds.non-blocking-methods=" + STREAM);
		assertThat(threads.unary()).startsWith("own-customizer-");
		assertThat(threads.serverStream()).startsWith("own-customizer-");
	}

	/** The Boot 4.1 line's application: any service bean served, stubs injected by {@link ImportGrpcClients}. */
	static final class SpringGrpcExecutionLine implements ExecutionLine {

		@Override
		public String name() {
			return "boot 4.1";
		}

		@Override
		public Class<?> declared(Class<?> service) {
			return service;
		}

		@Override
		public Class<?> application() {
			return App.class;
		}

		@Override
		public List<String> properties(Path socket) {
			return List.of("spring.grpc.server.port=0", "spring.grpc.client.channel.echo.target=unix:" + socket);
		}

		@Override
		public EchoGrpc.EchoBlockingStub blockingStub(ConfigurableApplicationContext context) {
			return context.getBean(EchoGrpc.EchoBlockingStub.class);
		}

		@Override
		public EchoGrpc.EchoFutureStub futureStub(ConfigurableApplicationContext context) {
			return context.getBean(EchoGrpc.EchoFutureStub.class);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@ImportGrpcClients(target = "echo", types = { EchoGrpc.EchoBlockingStub.class, EchoGrpc.EchoFutureStub.class })
	static class App {

	}

}
