package io.github.udsgrpc.boot4.server;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.udsgrpc.boot4.testsupport.EchoApp4;
import io.github.udsgrpc.socket.UdsEventLoops;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.test.echo.EchoReply;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.PlainEchoService;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.grpc.stub.StreamObserver;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.grpc.server.autoconfigure.GrpcServerExecutorProvider;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.ImportGrpcClients;
import org.springframework.grpc.server.ServerBuilderCustomizer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code grpc.uds.low-latency} and {@code grpc.uds.event-loop-threads} in a Spring Boot 4.1 application: where
 * service methods and client callbacks run, and that an application's own executor (a
 * {@link GrpcServerExecutorProvider} or {@link ServerBuilderCustomizer} bean) is applied after the profile and wins.
 * The Boot 3.5 line's {@code LowLatencyProfileTests}, twinned and extended.
 */
class LowLatencyProfileTests {

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	@Test
	void byDefaultServiceMethodsAndCallbacksRunOnGrpcsExecutor() throws Exception {
		Threads threads = threads(new Class<?>[0], "grpc.uds.low-latency=false");
		assertThat(threads.service()).startsWith("grpc-default-executor");
		assertThat(threads.callback()).startsWith("grpc-default-executor");
	}

	@Test
	void theProfileRunsThemOnTheEventLoop() throws Exception {
		Threads threads = threads(new Class<?>[0], "grpc.uds.low-latency=true");
		assertThat(threads.service()).startsWith("uds-grpc-");
		assertThat(threads.callback()).startsWith("uds-grpc-");
	}

	@Test
	void withOneEventLoopThreadServerAndClientShareIt() throws Exception {
		Threads threads = threads(new Class<?>[0], "grpc.uds.low-latency=true", "grpc.uds.event-loop-threads=1");
		assertThat(threads.service()).startsWith("uds-grpc-");
		assertThat(threads.callback()).isEqualTo(threads.service());
		assertThat(threads.eventLoops()).isOne();
	}

	@Test
	void theEventLoopThreadCountIsTheProperty() throws Exception {
		assertThat(threads(new Class<?>[0], "grpc.uds.event-loop-threads=3").eventLoops()).isEqualTo(3);
	}

	@Test
	void anExecutorProviderBeanWinsOverTheProfileOnTheServer() throws Exception {
		Threads threads = threads(new Class<?>[] { OwnExecutors.Provider.class }, "grpc.uds.low-latency=true");
		assertThat(threads.service()).isEqualTo("own-provider-1");
		assertThat(threads.callback()).as("the client keeps the profile").startsWith("uds-grpc-");
	}

	@Test
	void aServerBuilderCustomizerBeansExecutorWinsOverTheProfile() throws Exception {
		Threads threads = threads(new Class<?>[] { OwnExecutors.Customizer.class }, "grpc.uds.low-latency=true");
		assertThat(threads.service()).isEqualTo("own-customizer-1");
	}

	private Threads threads(Class<?>[] extra, String... properties) throws Exception {
		Path socket = this.dir.socket("latency.sock");
		Class<?>[] sources = new Class<?>[extra.length + 1];
		sources[0] = EchoClients.class;
		System.arraycopy(extra, 0, sources, 1, extra.length);
		String[] all = new String[properties.length + 2];
		all[0] = "grpc.uds.path=" + socket;
		all[1] = "spring.grpc.client.channel.echo.target=unix:" + socket;
		System.arraycopy(properties, 0, all, 2, properties.length);
		try (ConfigurableApplicationContext context = EchoApp4.run(sources, all)) {
			String service = context.getBean(EchoGrpc.EchoBlockingStub.class)
				.unary(Calls.request(PlainEchoService.THREAD))
				.getText();
			CompletableFuture<String> callback = new CompletableFuture<>();
			context.getBean(EchoGrpc.EchoStub.class).unary(Calls.request("x"), new StreamObserver<>() {

				@Override
				public void onNext(EchoReply value) {
					callback.complete(Thread.currentThread().getName());
				}

				@Override
				public void onError(Throwable t) {
					callback.completeExceptionally(t);
				}

				@Override
				public void onCompleted() {
				}

			});
			int eventLoops = 0;
			for (EventExecutor ignored : context.getBean(UdsEventLoops.class).group()) {
				eventLoops++;
			}
			return new Threads(service, callback.get(10, TimeUnit.SECONDS), eventLoops);
		}
	}

	record Threads(String service, String callback, int eventLoops) {
	}

	/** Blocking and async stubs of the channel named {@code echo}. */
	@Configuration(proxyBeanMethods = false)
	@ImportGrpcClients(target = "echo", types = { EchoGrpc.EchoBlockingStub.class, EchoGrpc.EchoStub.class })
	static class EchoClients {

	}

}
