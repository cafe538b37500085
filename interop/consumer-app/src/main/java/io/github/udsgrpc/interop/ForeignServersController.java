package io.github.udsgrpc.interop;

import io.github.udsgrpc.interop.proto.OrdersGrpc;
import net.devh.boot.grpc.client.inject.GrpcClient;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The reverse direction: the app's injected stubs, pointed at {@code unix:} sockets by
 * {@code grpc.client.<name>.address}, call Orders servers written with grpc C-core (Python) and grpc-js (Node).
 * {@code GET /interop/foreign/python} or {@code /node} runs the checks and answers one PASS/FAIL line per check.
 */
@RestController
class ForeignServersController {

	@GrpcClient("python-orders")
	private OrdersGrpc.OrdersBlockingStub pythonBlocking;

	@GrpcClient("python-orders")
	private OrdersGrpc.OrdersStub pythonAsync;

	@GrpcClient("node-orders")
	private OrdersGrpc.OrdersBlockingStub nodeBlocking;

	@GrpcClient("node-orders")
	private OrdersGrpc.OrdersStub nodeAsync;

	@GetMapping(path = "/interop/foreign/{server}", produces = MediaType.TEXT_PLAIN_VALUE)
	String check(@PathVariable String server) {
		ForeignServerChecks checks = switch (server) {
			case "python" -> new ForeignServerChecks("app->python", "grpc-python", this.pythonBlocking,
					this.pythonAsync);
			case "node" -> new ForeignServerChecks("app->node", "grpc-js", this.nodeBlocking, this.nodeAsync);
			default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"no foreign server '" + server + "': use python or node");
		};
		return String.join("\n", checks.run()) + "\n";
	}

}
