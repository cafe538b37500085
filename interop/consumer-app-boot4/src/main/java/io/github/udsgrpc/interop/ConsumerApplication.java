package io.github.udsgrpc.interop;

import io.github.udsgrpc.interop.proto.OrdersGrpc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.grpc.client.ImportGrpcClients;

/**
 * A plain Spring Boot 4.1 application: the starter and a few properties are all that put it on a Unix socket. Its
 * stubs are Spring gRPC's {@code @ImportGrpcClients} beans, each channel's named by its prefix and the stub's class:
 * the {@code orders} channel (the app's own socket) gives {@code ordersBlockingStub}, the {@code python-orders} and
 * {@code node-orders} channels (the foreign servers) give {@code pythonOrdersBlockingStub}, {@code pythonOrdersStub},
 * {@code nodeOrdersBlockingStub} and {@code nodeOrdersStub}. Each channel's {@code unix:} target is set by
 * {@code spring.grpc.client.channel.NAME.target}.
 */
@SpringBootApplication
@ImportGrpcClients(target = "orders", types = OrdersGrpc.OrdersBlockingStub.class)
@ImportGrpcClients(target = "python-orders", prefix = "python",
		types = { OrdersGrpc.OrdersBlockingStub.class, OrdersGrpc.OrdersStub.class })
@ImportGrpcClients(target = "node-orders", prefix = "node",
		types = { OrdersGrpc.OrdersBlockingStub.class, OrdersGrpc.OrdersStub.class })
public class ConsumerApplication {

	public static void main(String[] args) {
		SpringApplication.run(ConsumerApplication.class, args);
	}

}
