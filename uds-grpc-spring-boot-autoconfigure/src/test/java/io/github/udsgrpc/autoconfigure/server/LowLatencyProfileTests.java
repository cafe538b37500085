package io.github.udsgrpc.autoconfigure.server;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.autoconfigure.testsupport.EchoApp;
import io.github.udsgrpc.autoconfigure.testsupport.EchoClients;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.github.udsgrpc.test.echo.EchoReply;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code grpc.uds.low-latency}: where service methods and client callbacks run.
 */
class LowLatencyProfileTests {

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	@Test
	void byDefaultServiceMethodsAndCallbacksRunOnGrpcsExecutor() throws Exception {
		Threads threads = threads(false);
		assertThat(threads.service()).startsWith("grpc-default-executor");
		assertThat(threads.callback()).startsWith("grpc-default-executor");
	}

	@Test
	void theProfileRunsThemOnTheEventLoop() throws Exception {
		Threads threads = threads(true);
		assertThat(threads.service()).startsWith("uds-grpc-");
		assertThat(threads.callback()).startsWith("uds-grpc-");
	}

	private Threads threads(boolean lowLatency) throws Exception {
		Path socket = this.dir.socket("latency.sock");
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + socket,
				"grpc.client.echo.address=unix:" + socket, "grpc.uds.low-latency=" + lowLatency)) {
			EchoClients clients = context.getBean(EchoClients.class);
			String service = clients.blocking.unary(Calls.request("thread")).getText();
			CompletableFuture<String> callback = new CompletableFuture<>();
			clients.async.unary(Calls.request("x"), new StreamObserver<>() {

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
			return new Threads(service, callback.get(10, TimeUnit.SECONDS));
		}
	}

	record Threads(String service, String callback) {
	}

}
