package io.github.udsgrpc.interop;

import io.github.udsgrpc.interop.proto.OrderRequest;
import io.github.udsgrpc.interop.proto.OrdersGrpc;
import net.devh.boot.grpc.client.inject.GrpcClient;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Calls the app's own Orders service through the socket, so an HTTP request proves the injected stub works.
 */
@RestController
public class OrdersController {

	@GrpcClient("orders")
	private OrdersGrpc.OrdersBlockingStub orders;

	@GetMapping("/orders/{id}")
	public String order(@PathVariable String id) {
		return this.orders.getOrder(OrderRequest.newBuilder().setId(id).build()).getDescription();
	}

}
