package io.github.udsgrpc.interop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.TextFormat;
import io.github.udsgrpc.interop.proto.Blob;
import io.github.udsgrpc.interop.proto.HoldEvent;
import io.github.udsgrpc.interop.proto.HoldReport;
import io.github.udsgrpc.interop.proto.HoldRequest;
import io.github.udsgrpc.interop.proto.LinesRequest;
import io.github.udsgrpc.interop.proto.LinesSummary;
import io.github.udsgrpc.interop.proto.OrderLine;
import io.github.udsgrpc.interop.proto.OrderReply;
import io.github.udsgrpc.interop.proto.OrderRequest;
import io.github.udsgrpc.interop.proto.OrdersGrpc;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;

/**
 * The checks the app's injected stubs make against an Orders server we did not write (orders.proto says what a
 * server must answer). Each check yields one {@code PASS}/{@code FAIL} line that interop/run.sh counts.
 */
final class ForeignServerChecks {

	/** Hang guard for calls that should answer at once; never what a check waits for. */
	private static final long GUARD_SECONDS = 30;

	/** The deadline the deadline check lets expire: Hold never answers, so it always expires. */
	private static final long HOLD_DEADLINE_SECONDS = 2;

	private static final int LARGE_MESSAGE_BYTES = 4 * 1024 * 1024;

	private final String label;

	private final String implementation;

	private final OrdersGrpc.OrdersBlockingStub blocking;

	private final OrdersGrpc.OrdersStub async;

	private final List<String> results = new ArrayList<>();

	/**
	 * @param label the prefix of each result line, e.g. {@code app->python}
	 * @param implementation what the server names itself in its x-interop-trailer, e.g. {@code grpc-python}
	 * @param blocking a blocking stub of the server
	 * @param async an async stub of the same server
	 */
	ForeignServerChecks(String label, String implementation, OrdersGrpc.OrdersBlockingStub blocking,
			OrdersGrpc.OrdersStub async) {
		this.label = label;
		this.implementation = implementation;
		this.blocking = blocking;
		this.async = async;
	}

	List<String> run() {
		check("unary", this::unary);
		check("server-streaming", this::serverStreaming);
		check("client-streaming", this::clientStreaming);
		check("bidi-streaming", this::bidiStreaming);
		check("metadata", this::metadata);
		check("deadline", this::deadline);
		check("cancel", this::cancel);
		check("4MiB message", this::largeMessage);
		return this.results;
	}

	private String unary() {
		OrderReply reply = guarded().getOrder(OrderRequest.newBuilder().setId("java-1").build());
		expect(reply.getId().equals("java-1") && reply.getDescription().equals("order java-1"),
				"reply " + oneLine(reply));
		return "description '" + reply.getDescription() + "'";
	}

	private String serverStreaming() {
		List<String> texts = new ArrayList<>();
		guarded().listLines(LinesRequest.newBuilder().setId("java-1").setCount(5).build())
			.forEachRemaining((line) -> texts.add(line.getNumber() + ":" + line.getText()));
		List<String> expected = IntStream.rangeClosed(1, 5).mapToObj((n) -> n + ":java-1/line-" + n).toList();
		expect(texts.equals(expected), "got " + texts + ", want " + expected);
		return texts.size() + " messages " + texts;
	}

	private String clientStreaming() throws Exception {
		CompletableFuture<LinesSummary> summary = new CompletableFuture<>();
		StreamObserver<OrderLine> requests = this.async.withDeadlineAfter(GUARD_SECONDS, TimeUnit.SECONDS)
			.addLines(observer(summary::complete, summary::completeExceptionally, () -> summary.complete(null)));
		for (int n = 1; n <= 4; n++) {
			requests.onNext(OrderLine.newBuilder().setNumber(n).setText("j" + n).build());
		}
		requests.onCompleted();
		LinesSummary got = summary.get(GUARD_SECONDS, TimeUnit.SECONDS);
		expect(got.getCount() == 4 && got.getNumberSum() == 10 && got.getTexts().equals("j1,j2,j3,j4"),
				"summary " + oneLine(got));
		return "count " + got.getCount() + ", sum " + got.getNumberSum() + ", texts " + got.getTexts();
	}

	/** Ping-pong: each request waits for its reply, so the server must answer while the client still sends. */
	private String bidiStreaming() throws Exception {
		BlockingQueue<OrderLine> replies = new LinkedBlockingQueue<>();
		CompletableFuture<Void> done = new CompletableFuture<>();
		StreamObserver<OrderLine> requests = this.async.withDeadlineAfter(GUARD_SECONDS, TimeUnit.SECONDS)
			.echoLines(observer(replies::add, done::completeExceptionally, () -> done.complete(null)));
		List<String> got = new ArrayList<>();
		for (int n = 1; n <= 3; n++) {
			requests.onNext(OrderLine.newBuilder().setNumber(n).setText("ping-" + n).build());
			OrderLine reply = replies.poll(GUARD_SECONDS, TimeUnit.SECONDS);
			if (reply == null && done.isDone()) {
				done.get(); // the call ended early: report its status
			}
			expect(reply != null, "no reply to ping-" + n + " within " + GUARD_SECONDS + " s");
			expect(reply.getNumber() == n && reply.getText().equals("echo ping-" + n),
					"reply " + oneLine(reply));
			got.add(reply.getText());
		}
		requests.onCompleted();
		done.get(GUARD_SECONDS, TimeUnit.SECONDS);
		return "replies interleaved with requests " + got;
	}

	private String metadata() {
		Metadata headers = new Metadata();
		headers.put(InteropMetadata.ECHO, "from-java");
		byte[] binary = { 0, 1, 2, (byte) 0xfe, (byte) 0xff };
		headers.put(InteropMetadata.ECHO_BIN, binary);
		AtomicReference<Metadata> responseHeaders = new AtomicReference<>();
		AtomicReference<Metadata> trailers = new AtomicReference<>();
		guarded().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers),
				MetadataUtils.newCaptureMetadataInterceptor(responseHeaders, trailers))
			.getOrder(OrderRequest.newBuilder().setId("java-meta").build());
		String echo = responseHeaders.get().get(InteropMetadata.ECHO);
		byte[] echoBin = responseHeaders.get().get(InteropMetadata.ECHO_BIN);
		String trailer = trailers.get().get(InteropMetadata.TRAILER);
		expect("from-java".equals(echo), "response header x-interop-echo is '" + echo + "'");
		expect(Arrays.equals(binary, echoBin), "response header x-interop-echo-bin is " + Arrays.toString(echoBin));
		expect(this.implementation.equals(trailer),
				"trailer x-interop-trailer is '" + trailer + "', want '" + this.implementation + "'");
		return "header echoed '" + echo + "', binary header echoed " + echoBin.length + " bytes, trailer '" + trailer
				+ "'";
	}

	private String deadline() {
		String tag = "java-deadline-" + System.nanoTime();
		Iterator<HoldEvent> events = this.blocking.withDeadlineAfter(HOLD_DEADLINE_SECONDS, TimeUnit.SECONDS)
			.hold(HoldRequest.newBuilder().setTag(tag).build());
		int started = 0;
		Status.Code code = null;
		try {
			while (events.hasNext()) {
				started += events.next().getState().equals("started") ? 1 : 0;
			}
		}
		catch (StatusRuntimeException ex) {
			code = ex.getStatus().getCode();
		}
		expect(code == Status.Code.DEADLINE_EXCEEDED, "the call ended with " + code + ", want DEADLINE_EXCEEDED");
		HoldReport report = serverSaw(tag);
		expect(report.getCancelled() && report.getHadDeadline(), "server reported " + oneLine(report));
		return "client got " + code + " after " + started + " 'started' event; server saw the call cancelled and "
				+ "knew its deadline";
	}

	private String cancel() throws Exception {
		String tag = "java-cancel-" + System.nanoTime();
		CompletableFuture<HoldEvent> firstEvent = new CompletableFuture<>();
		CompletableFuture<Throwable> ended = new CompletableFuture<>();
		AtomicReference<ClientCallStreamObserver<HoldRequest>> started = new AtomicReference<>();
		// No deadline: the server must learn of the cancellation from the client's RST_STREAM alone.
		this.async.hold(HoldRequest.newBuilder().setTag(tag).build(), new ClientResponseObserver<HoldRequest, HoldEvent>() {

			@Override
			public void beforeStart(ClientCallStreamObserver<HoldRequest> requestStream) {
				started.set(requestStream);
			}

			@Override
			public void onNext(HoldEvent event) {
				firstEvent.complete(event);
			}

			@Override
			public void onError(Throwable error) {
				ended.complete(error);
			}

			@Override
			public void onCompleted() {
				ended.complete(null);
			}

		});
		// Cancel here, once hold() has returned, not in onNext: over a socket the event can arrive before hold() has
		// half-closed the call, which then throws "call was cancelled" instead.
		try {
			CompletableFuture.anyOf(firstEvent, ended).get(GUARD_SECONDS, TimeUnit.SECONDS);
		}
		catch (TimeoutException ex) {
			started.get().cancel("hang guard", null);
			throw new CheckFailed("no 'started' event, so no cancellation, within " + GUARD_SECONDS + " s");
		}
		// Cancel once the server surely has the call, so that it has something to observe.
		started.get().cancel("interop check cancels", null);
		Throwable error;
		try {
			error = ended.get(GUARD_SECONDS, TimeUnit.SECONDS);
		}
		catch (TimeoutException ex) {
			throw new CheckFailed("the call did not end within " + GUARD_SECONDS + " s of its cancellation");
		}
		Status.Code code = (error != null) ? Status.fromThrowable(error).getCode() : Status.Code.OK;
		expect(code == Status.Code.CANCELLED, "the call ended with " + code + ", want CANCELLED");
		HoldReport report = serverSaw(tag);
		expect(report.getCancelled() && !report.getHadDeadline(), "server reported " + oneLine(report));
		return "client got " + code + "; server saw the call cancelled";
	}

	private String largeMessage() {
		byte[] data = new byte[LARGE_MESSAGE_BYTES];
		ThreadLocalRandom.current().nextBytes(data);
		Blob reply = guarded().echo(Blob.newBuilder().setData(ByteString.copyFrom(data)).build());
		expect(reply.getData().equals(ByteString.copyFrom(data)),
				"echoed " + reply.getData().size() + " bytes that differ from the " + data.length + " sent");
		return data.length + " bytes sent and echoed back unchanged";
	}

	private HoldReport serverSaw(String tag) {
		HoldReport report = guarded().withDeadlineAfter(GUARD_SECONDS, TimeUnit.SECONDS)
			.holdOutcome(HoldRequest.newBuilder().setTag(tag).build());
		expect(report.getSeen(), "server never saw the end of Hold call " + tag);
		return report;
	}

	private OrdersGrpc.OrdersBlockingStub guarded() {
		return this.blocking.withDeadlineAfter(GUARD_SECONDS, TimeUnit.SECONDS);
	}

	private void check(String name, Callable<String> body) {
		String line;
		try {
			line = "PASS " + this.label + " " + name + ": " + body.call();
		}
		catch (Throwable ex) {
			line = "FAIL " + this.label + " " + name + ": " + describe(ex);
		}
		this.results.add(line);
	}

	private static <T> StreamObserver<T> observer(Consumer<T> onNext, Consumer<Throwable> onError,
			Runnable onCompleted) {
		return new StreamObserver<>() {

			@Override
			public void onNext(T value) {
				onNext.accept(value);
			}

			@Override
			public void onError(Throwable error) {
				onError.accept(error);
			}

			@Override
			public void onCompleted() {
				onCompleted.run();
			}

		};
	}

	private static String describe(Throwable ex) {
		Throwable cause = (ex instanceof java.util.concurrent.ExecutionException && ex.getCause() != null)
				? ex.getCause() : ex;
		if (cause instanceof CheckFailed) {
			return cause.getMessage();
		}
		Status status = Status.fromThrowable(cause);
		if (status.getCode() != Status.Code.UNKNOWN || cause instanceof StatusRuntimeException) {
			return status.getCode() + " " + Objects.toString(status.getDescription(), "");
		}
		return cause.toString();
	}

	private static String oneLine(MessageOrBuilder message) {
		return "{" + TextFormat.printer().shortDebugString(message) + "}";
	}

	private static void expect(boolean ok, String whatWentWrong) {
		if (!ok) {
			throw new CheckFailed(whatWentWrong);
		}
	}

	private static final class CheckFailed extends RuntimeException {

		CheckFailed(String message) {
			super(message, null, false, false);
		}

	}

}
