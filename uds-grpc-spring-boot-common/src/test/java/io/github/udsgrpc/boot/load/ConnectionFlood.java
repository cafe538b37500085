package io.github.udsgrpc.boot.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.test.echo.EchoReply;
import io.github.udsgrpc.testsupport.Calls;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.netty.channel.EventLoopGroup;

/**
 * A program that floods a socket with gRPC clients, each a grpc-java channel of its own making one call, all at
 * once: {@code ConnectionFlood SOCKET CONNECTIONS GO-FILE}. It prints how many calls succeeded
 * ({@value #CONNECTED} ok=N failed=M), shuts down the channels whose call failed, keeps the others open until the
 * go-file appears, calls once more on each of them ({@value #AGAIN} ok=N failed=M), and exits.
 */
public final class ConnectionFlood {

	static final String CONNECTED = "FLOOD-CONNECTED";

	static final String AGAIN = "FLOOD-AGAIN";

	static final String DONE = "FLOOD-DONE";

	private ConnectionFlood() {
	}

	public static void main(String[] args) throws Exception {
		Path socket = Path.of(args[0]);
		int connections = Integer.parseInt(args[1]);
		Path go = Path.of(args[2]);
		EventLoopGroup group = LoadClients.eventLoopGroup("flood", 2);
		List<ManagedChannel> channels = new ArrayList<>();
		for (int i = 0; i < connections; i++) {
			channels.add(LoadClients.channel(socket, group));
		}
		Map<Integer, Status> failures = callEach(channels, "first");
		List<ManagedChannel> admitted = new ArrayList<>();
		for (int i = 0; i < channels.size(); i++) {
			if (failures.containsKey(i)) {
				LoadClients.shutDown(channels.get(i));
			}
			else {
				admitted.add(channels.get(i));
			}
		}
		System.out.println(CONNECTED + " ok=" + admitted.size() + " failed=" + failures.size() + " "
				+ summary(failures));
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
		while (!Files.exists(go) && System.nanoTime() - deadline < 0) {
			Thread.sleep(20);
		}
		Map<Integer, Status> againFailures = callEach(admitted, "again");
		System.out.println(AGAIN + " ok=" + (admitted.size() - againFailures.size()) + " failed="
				+ againFailures.size() + " " + summary(againFailures));
		admitted.forEach(LoadClients::shutDown);
		LoadClients.shutDown(group);
		System.out.println(DONE);
	}

	/** One call on each channel, all at once; the failures by channel index. */
	private static Map<Integer, Status> callEach(List<ManagedChannel> channels, String text) throws InterruptedException {
		Map<Integer, Status> failures = new ConcurrentHashMap<>();
		CountDownLatch done = new CountDownLatch(channels.size());
		for (int i = 0; i < channels.size(); i++) {
			int index = i;
			EchoGrpc.newStub(channels.get(i))
				.withDeadlineAfter(30, TimeUnit.SECONDS)
				.unary(Calls.request(text + "-" + i), new StreamObserver<>() {

					@Override
					public void onNext(EchoReply value) {
					}

					@Override
					public void onError(Throwable ex) {
						failures.put(index, Status.fromThrowable(ex));
						done.countDown();
					}

					@Override
					public void onCompleted() {
						done.countDown();
					}

				});
		}
		if (!done.await(60, TimeUnit.SECONDS)) {
			throw new IllegalStateException(done.getCount() + " calls did not end within 60 s");
		}
		return failures;
	}

	private static Map<String, Integer> summary(Map<Integer, Status> failures) {
		Map<String, Integer> byStatus = new TreeMap<>();
		failures.values().forEach((status) -> byStatus.merge(status.getCode() + ": " + status.getDescription(), 1,
				Integer::sum));
		return byStatus;
	}

}
