package io.github.udsgrpc.boot.drain;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.google.common.util.concurrent.ListenableFuture;
import io.github.udsgrpc.boot.load.SteadyClient;
import io.github.udsgrpc.boot.process.AbstractProcessTests;
import io.github.udsgrpc.boot.process.BootLine;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.test.echo.EchoReply;
import io.github.udsgrpc.test.echo.EchoRequest;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.testsupport.JavaProcess;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages and metadata over the limits the line's properties set, from a grpc-java client and from hostile raw
 * HTTP/2 peers ({@link Http2Peer}), against the line's echo application in a JVM of its own with a small heap and
 * as little direct memory: a server that buffered what it is sent, to find out it is too large, would run out of
 * memory. What must hold: the call gets RESOURCE_EXHAUSTED (or the stream, or the connection, is ended), the server
 * stays up, and a well-behaved client on its own connection is served throughout.
 */
@Tag("overload")
public abstract class OverLimitMessagesAndMetadataTests extends AbstractProcessTests {

	/** Below grpc-java's default of 4 MiB, so a 2 MiB message tells whether the property is applied. */
	static final DataSize MESSAGE_LIMIT = DataSize.ofMegabytes(1);

	/** Above grpc-java's default of 8 KiB, so a 12 KiB header list tells whether the property is applied. */
	static final DataSize METADATA_LIMIT = DataSize.ofKilobytes(16);

	/** The server's heap, and its direct memory (Netty's buffers). */
	static final String[] SMALL_MEMORY = { "-Xmx64m", "-XX:MaxDirectMemorySize=64m" };

	static final int HUGE_MESSAGES = 12;

	/** Twelve of them at once are 96 MiB: more than the server's heap and direct memory together can hold. */
	static final int HUGE_MESSAGE_SIZE = 8 * 1024 * 1024;

	/** What the hostile peer declares in the gRPC message prefix: 1 GiB. */
	static final int DECLARED_MESSAGE_SIZE = 1 << 30;

	private static final int FRAME = 16_384;

	/** How much the hostile peer sends at most, before and after the answer: 1/64 of what it declares. */
	private static final long SEND_LIMIT = 16 * 1024 * 1024;

	private static final String UNARY = "udsgrpc.test.Echo/Unary";

	private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

	protected OverLimitMessagesAndMetadataTests(BootLine line) {
		super(line);
	}

	@Test
	void messagesOverTheLimitFromAGrpcClientGetResourceExhausted() throws Exception {
		Path socket = this.dir.socket("echo.sock");
		JavaProcess server = startSmallServer(socket);
		try (SteadyClient steady = SteadyClient.startOn("steady", socket);
				HandWiredChannel client = new HandWiredChannel(socket)) {
			EchoGrpc.EchoBlockingStub blocking = EchoGrpc.newBlockingStub(client.channel())
				.withDeadlineAfter(30, TimeUnit.SECONDS);
			String underTheLimit = "u".repeat((int) MESSAGE_LIMIT.toBytes() - 1024);
			assertThat(blocking.unary(request(underTheLimit)).getText()).as("a message under the limit")
				.isEqualTo(underTheLimit);
			Status twoMegabytes = statusOf(() -> blocking.unary(request("t".repeat(2 * 1024 * 1024))));

			EchoRequest huge = request("h".repeat(HUGE_MESSAGE_SIZE));
			long rssBefore = residentKilobytes(server);
			List<ListenableFuture<EchoReply>> calls = new ArrayList<>();
			for (int i = 0; i < HUGE_MESSAGES; i++) {
				calls.add(EchoGrpc.newFutureStub(client.channel()).withDeadlineAfter(60, TimeUnit.SECONDS).unary(huge));
			}
			List<Status> statuses = new ArrayList<>();
			for (ListenableFuture<EchoReply> call : calls) {
				statuses.add(statusOf(() -> call.get(90, TimeUnit.SECONDS)));
			}
			long rssAfter = residentKilobytes(server);
			System.out.printf("[overload] %s: 2 MiB message against the 1 MiB limit: %s%n", lineName(),
					describe(twoMegabytes));
			System.out.printf("[overload] %s: %d concurrent messages of %d MiB against the 1 MiB limit: %s; server "
					+ "resident memory %d MiB before, %d MiB after (heap and direct memory at most 64 MiB each)%n",
					lineName(), HUGE_MESSAGES, HUGE_MESSAGE_SIZE >> 20,
					statuses.stream().map(OverLimitMessagesAndMetadataTests::describe).distinct().toList(),
					rssBefore / 1024, rssAfter / 1024);

			assertThat(twoMegabytes.getCode()).as("a 2 MiB message: %s", twoMegabytes)
				.isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
			assertThat(statuses).allSatisfy((status) -> assertThat(status.getCode()).as("%s", status)
				.isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
			assertServerUnharmed(server, steady);
			assertThat(blocking.unary(request(underTheLimit)).getText()).as("the same client's next call")
				.isEqualTo(underTheLimit);
		}
	}

	@Test
	void aPeerDeclaringAHugeMessageGetsResourceExhaustedLongBeforeItCouldSendIt() throws Exception {
		Path socket = this.dir.socket("echo.sock");
		JavaProcess server = startSmallServer(socket);
		try (SteadyClient steady = SteadyClient.startOn("steady", socket);
				Http2Peer peer = Http2Peer.connect(socket, ANSWER_TIMEOUT)) {
			peer.sendHeaderBlock(1, Http2Peer.headerBlock(Http2Peer.grpcRequestHeaders(UNARY)), false, ANSWER_TIMEOUT);
			byte[] first = new byte[FRAME];
			Arrays.fill(first, (byte) 'x');
			ByteBuffer.wrap(first).put((byte) 0).putInt(DECLARED_MESSAGE_SIZE); // not compressed, 1 GiB
			byte[] more = new byte[FRAME];
			Arrays.fill(more, (byte) 'x');
			long sentBeforeAnswer = 0;
			boolean sending = peer.sendData(1, first, ANSWER_TIMEOUT);
			while (sending) {
				sentBeforeAnswer += FRAME;
				if (peer.answer(1).ended() || sentBeforeAnswer >= SEND_LIMIT) {
					break;
				}
				sending = peer.sendData(1, more, Duration.ofSeconds(2));
			}
			boolean ended = peer.awaitEnd(1, ANSWER_TIMEOUT);
			String answered = peer.describe();
			// The hostile peer ignores the answer and goes on sending DATA on the stream, within the windows.
			long sentAfterAnswer = 0;
			while (sentAfterAnswer < SEND_LIMIT && peer.sendData(1, more, Duration.ofSeconds(2))) {
				sentAfterAnswer += FRAME;
			}
			peer.pollUntil(() -> false, Duration.ofMillis(500));
			Http2Peer.Answer answer = peer.answer(1);
			System.out.printf("[overload] %s: a peer declaring a message of 1 GiB (limit 1 MiB) sent %d KiB before the "
					+ "server answered: %s%n", lineName(), sentBeforeAnswer / 1024, answered);
			System.out.printf("[overload] %s: it went on sending DATA on the stream as long as the windows allowed: "
					+ "%d KiB more; then: %s%n", lineName(), sentAfterAnswer / 1024, peer.describe());

			assertThat(ended).as("the server ended the stream: %s", answered).isTrue();
			assertThat(answer.grpcStatus()).as("grpc-status in the trailers: %s", answered)
				.isEqualTo(String.valueOf(Status.Code.RESOURCE_EXHAUSTED.value()));
			assertThat(sentBeforeAnswer).as("octets sent before the answer").isLessThan(SEND_LIMIT);
			assertThat(sentAfterAnswer)
				.as("octets the server let the peer send after the answer: no more than the stream's window, which the "
						+ "server does not open again")
				.isLessThan(SEND_LIMIT);
			assertServerUnharmed(server, steady);
		}
	}

	@Test
	void metadataOverTheLimitEndsTheStreamOrTheConnection() throws Exception {
		Path socket = this.dir.socket("echo.sock");
		JavaProcess server = startSmallServer(socket);
		long limit = METADATA_LIMIT.toBytes();
		try (SteadyClient steady = SteadyClient.startOn("steady", socket);
				HandWiredChannel client = new HandWiredChannel(socket)) {
			Sent under = sendHeaderList(socket, limit * 3 / 4);
			Sent justOver = sendHeaderList(socket, limit + 1024);
			Sent huge = sendHeaderList(socket, 1024 * 1024);
			for (Sent sent : List.of(under, justOver, huge)) {
				System.out.printf("[overload] %s: header list of %d octets (limit %d, advertised "
						+ "SETTINGS_MAX_HEADER_LIST_SIZE %d): %d of %d octets of header block sent; server answered: "
						+ "%s%n", lineName(), sent.listSize, limit, sent.advertised, sent.blockSent, sent.blockLength,
						sent.answered);
			}
			Metadata metadata = new Metadata();
			metadata.put(Metadata.Key.of("x-big", Metadata.ASCII_STRING_MARSHALLER), "b".repeat((int) limit + 1024));
			Status grpcJava = statusOf(() -> EchoGrpc.newBlockingStub(client.channel())
				.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata))
				.withDeadlineAfter(10, TimeUnit.SECONDS)
				.unary(request("big metadata")));
			System.out.printf("[overload] %s: a grpc-java client sending %d octets of metadata: %s%n", lineName(),
					limit + 1024, describe(grpcJava));

			assertThat(under.advertised).as("SETTINGS_MAX_HEADER_LIST_SIZE").isEqualTo(limit);
			assertThat(under.answer.httpStatus()).as("under the limit: %s", under.answered).isEqualTo("200");
			assertThat(under.answer.grpcStatus())
				.as("under the limit, the call reached the service: %s", under.answered)
				.isEqualTo(String.valueOf(Status.Code.INTERNAL.value()));
			assertThat(under.answer.headers).as("under the limit: %s", under.answered)
				.containsEntry("grpc-message", "Half-closed without a request");
			assertThat(justOver.ended).as("just over the limit, the stream ended: %s", justOver.answered).isTrue();
			assertThat(justOver.answer.grpcStatus()).as("just over the limit, the call did not reach the service: %s",
					justOver.answered).isNotEqualTo(under.answer.grpcStatus());
			assertThat(huge.ended).as("a huge header block, the stream or the connection ended: %s", huge.answered)
				.isTrue();
			assertThat(huge.blockSent).as("octets of the huge header block the peer got to send: the server stopped "
					+ "reading it: %s", huge.answered).isLessThan(huge.blockLength);
			assertThat(grpcJava.getCode()).as("a grpc-java client's call with metadata over the limit")
				.isNotEqualTo(Status.Code.OK);
			assertServerUnharmed(server, steady);
		}
	}

	private Sent sendHeaderList(Path socket, long listSize) throws IOException {
		List<Map.Entry<String, String>> headers = Http2Peer.grpcRequestHeaders(UNARY);
		int i = 0;
		while (Http2Peer.headerListSize(headers) < listSize) {
			long missing = listSize - Http2Peer.headerListSize(headers);
			String name = String.format("x-pad-%04d", i++);
			long valueLength = Math.min(1000, missing - name.length() - Http2Peer.HEADER_FIELD_OVERHEAD);
			headers.add(Map.entry(name, "v".repeat((int) Math.max(1, valueLength))));
		}
		byte[] block = Http2Peer.headerBlock(headers);
		try (Http2Peer peer = Http2Peer.connect(socket, ANSWER_TIMEOUT)) {
			long sent = peer.sendHeaderBlock(1, block, true, Duration.ofSeconds(5));
			boolean ended = peer.awaitEnd(1, ANSWER_TIMEOUT);
			peer.pollUntil(() -> peer.closed() != null, Duration.ofMillis(500)); // what follows the answer

			return new Sent(Http2Peer.headerListSize(headers), peer.maxHeaderListSize(), block.length, sent, ended,
					peer.answer(1), peer.describe());
		}
	}

	private JavaProcess startSmallServer(Path socket) {
		return this.processes
			.start(serverBuilder("server", socket, "--" + this.line.maxInboundMessageSize(MESSAGE_LIMIT),
					"--" + this.line.maxInboundMetadataSize(METADATA_LIMIT))
				.jvmOptions(SMALL_MEMORY))
			.awaitOutput(listeningLine(socket), START_TIMEOUT);
	}

	private void assertServerUnharmed(JavaProcess server, SteadyClient steady) throws InterruptedException {
		assertThat(steady.awaitMoreRounds(20, Duration.ofSeconds(20))).as("the steady client is served: %s",
				server.describe()).isTrue();
		assertThat(steady.failures()).as("the steady client's failures").isEmpty();
		assertThat(server.isAlive()).as(server.describe()).isTrue();
		assertThat(server.output()).as(server.describe()).doesNotContain("OutOfMemoryError")
			.doesNotContain("OutOfDirectMemoryError");
		System.out.printf("[overload] %s: the steady client made %d rounds, none failed%n", lineName(), steady.rounds());
	}

	private String lineName() {
		return this.line.getClass().getSimpleName();
	}

	private static EchoRequest request(String text) {
		return EchoRequest.newBuilder().setText(text).build();
	}

	private static Status statusOf(ThrowingCall call) {
		try {
			call.run();
			return Status.OK;
		}
		catch (Exception ex) {
			return Status.fromThrowable(ex);
		}
	}

	private static String describe(Status status) {
		return status.getCode() + ((status.getDescription() != null) ? ": " + status.getDescription() : "");
	}

	/** The server's resident set (VmRSS), in KiB, or -1 if /proc does not tell. */
	private static long residentKilobytes(JavaProcess process) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// not Linux, or gone
		}
		return -1;
	}

	@FunctionalInterface
	private interface ThrowingCall {

		void run() throws Exception;

	}

	/** A header list a peer sent, and what the server answered. */
	private record Sent(long listSize, long advertised, long blockLength, long blockSent, boolean ended,
			Http2Peer.Answer answer, String answered) {

	}

}
