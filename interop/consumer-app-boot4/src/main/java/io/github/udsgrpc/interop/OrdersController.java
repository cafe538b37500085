package io.github.udsgrpc.interop;

import io.github.udsgrpc.interop.proto.OrderRequest;
import io.github.udsgrpc.interop.proto.OrdersGrpc;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Calls the app's own Orders service through the socket, so an HTTP request proves the {@code @ImportGrpcClients}
 * stub of the {@code orders} channel ({@code spring.grpc.client.channel.orders.target=unix:...}) works.
 */
@RestController
public class OrdersController {

	private final OrdersGrpc.OrdersBlockingStub orders;

	OrdersController(OrdersGrpc.OrdersBlockingStub ordersBlockingStub) {
		this.orders = ordersBlockingStub;
	}

	@GetMapping("/orders/{id}")
	public String order(@PathVariable String id) {
		return this.orders.getOrder(OrderRequest.newBuilder().setId(id).build()).getDescription();
	}

}
