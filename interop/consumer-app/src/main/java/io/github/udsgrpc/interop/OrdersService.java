package io.github.udsgrpc.interop;

import io.github.udsgrpc.interop.proto.LinesRequest;
import io.github.udsgrpc.interop.proto.OrderLine;
import io.github.udsgrpc.interop.proto.OrderReply;
import io.github.udsgrpc.interop.proto.OrderRequest;
import io.github.udsgrpc.interop.proto.OrdersGrpc;
import io.grpc.stub.StreamObserver;
import net.devh.boot.grpc.server.service.GrpcService;

/**
 * The gRPC service the clients call; replies are deterministic so each client can check them exactly.
 */
@GrpcService
public class OrdersService extends OrdersGrpc.OrdersImplBase {

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

}
