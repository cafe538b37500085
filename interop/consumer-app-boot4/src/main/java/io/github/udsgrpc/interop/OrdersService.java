package io.github.udsgrpc.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
import io.grpc.Context;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import org.springframework.grpc.server.service.GrpcService;

/**
 * The gRPC service the clients call, as orders.proto describes it; replies are deterministic so each client can
 * check them exactly. The metadata part of GetOrder is {@link EchoMetadataInterceptor}.
 */
@GrpcService
public class OrdersService extends OrdersGrpc.OrdersImplBase {

	/** Ends a Hold call that nobody cancels, so a broken client cannot keep it open until shutdown. */
	private static final long HOLD_GUARD_SECONDS = 60;

	private final HoldOutcomes holdOutcomes;

	OrdersService(HoldOutcomes holdOutcomes) {
		this.holdOutcomes = holdOutcomes;
	}

	@Override
	public void getOrder(OrderRequest request, StreamObserver<OrderReply> responseObserver) {
		responseObserver.onNext(OrderReply.newBuilder()
			.setId(request.getId())
			.setDescription("order " + request.getId())
			.build());
		responseObserver.onCompleted();
	}

	@Override
	public void listLines(LinesRequest request, StreamObserver<OrderLine> responseObserver) {
		for (int number = 1; number <= request.getCount(); number++) {
			responseObserver.onNext(OrderLine.newBuilder()
				.setNumber(number)
				.setText(request.getId() + "/line-" + number)
				.build());
		}
		responseObserver.onCompleted();
	}

	@Override
	public StreamObserver<OrderLine> addLines(StreamObserver<LinesSummary> responseObserver) {
		return new StreamObserver<>() {

			private final List<String> texts = new ArrayList<>();

			private int numberSum;

			@Override
			public void onNext(OrderLine line) {
				this.texts.add(line.getText());
				this.numberSum += line.getNumber();
			}

			@Override
			public void onError(Throwable error) {
				// The client went away; there is nobody to answer.
			}

			@Override
			public void onCompleted() {
				responseObserver.onNext(LinesSummary.newBuilder()
					.setCount(this.texts.size())
					.setNumberSum(this.numberSum)
					.setTexts(String.join(",", this.texts))
					.build());
				responseObserver.onCompleted();
			}

		};
	}

	@Override
	public StreamObserver<OrderLine> echoLines(StreamObserver<OrderLine> responseObserver) {
		return new StreamObserver<>() {

			@Override
			public void onNext(OrderLine line) {
				responseObserver.onNext(line.toBuilder().setText("echo " + line.getText()).build());
			}

			@Override
			public void onError(Throwable error) {
				// The client went away; there is nobody to answer.
			}

			@Override
			public void onCompleted() {
				responseObserver.onCompleted();
			}

		};
	}

	@Override
	public void hold(HoldRequest request, StreamObserver<HoldEvent> responseObserver) {
		ServerCallStreamObserver<HoldEvent> call = (ServerCallStreamObserver<HoldEvent>) responseObserver;
		String tag = request.getTag();
		// The deadline the client sent in grpc-timeout; grpc-java cancels the call's context when it expires.
		boolean hadDeadline = Context.current().getDeadline() != null;
		AtomicBoolean ended = new AtomicBoolean();
		call.setOnCancelHandler(() -> {
			if (ended.compareAndSet(false, true)) {
				this.holdOutcomes.record(tag, true, hadDeadline);
			}
		});
		call.onNext(HoldEvent.newBuilder().setTag(tag).setState("started").build());
		CompletableFuture.delayedExecutor(HOLD_GUARD_SECONDS, TimeUnit.SECONDS).execute(() -> {
			if (ended.compareAndSet(false, true)) {
				this.holdOutcomes.record(tag, false, hadDeadline);
				call.onCompleted();
			}
		});
	}

	@Override
	public void holdOutcome(HoldRequest request, StreamObserver<HoldReport> responseObserver) {
		this.holdOutcomes.awaitOutcome(request.getTag()).thenAccept((report) -> {
			responseObserver.onNext(report);
			responseObserver.onCompleted();
		});
	}

	@Override
	public void echo(Blob request, StreamObserver<Blob> responseObserver) {
		responseObserver.onNext(request);
		responseObserver.onCompleted();
	}

}
