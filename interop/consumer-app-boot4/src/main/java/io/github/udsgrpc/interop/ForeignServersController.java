package io.github.udsgrpc.interop;

import io.github.udsgrpc.interop.proto.OrdersGrpc;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The reverse direction: the app's {@code @ImportGrpcClients} stubs, pointed at {@code unix:} sockets by
 * {@code spring.grpc.client.channel.<name>.target}, call Orders servers written with grpc C-core (Python) and grpc-js
 * (Node). {@code GET /interop/foreign/python} or {@code /node} runs the checks and answers one PASS/FAIL line per
 * check.
 */
@RestController
class ForeignServersController {

	private final OrdersGrpc.OrdersBlockingStub pythonBlocking;

	private final OrdersGrpc.OrdersStub pythonAsync;

	private final OrdersGrpc.OrdersBlockingStub nodeBlocking;

	private final OrdersGrpc.OrdersStub nodeAsync;

	ForeignServersController(@Qualifier("pythonOrdersBlockingStub") OrdersGrpc.OrdersBlockingStub pythonBlocking,
			@Qualifier("pythonOrdersStub") OrdersGrpc.OrdersStub pythonAsync,
			@Qualifier("nodeOrdersBlockingStub") OrdersGrpc.OrdersBlockingStub nodeBlocking,
			@Qualifier("nodeOrdersStub") OrdersGrpc.OrdersStub nodeAsync) {
		this.pythonBlocking = pythonBlocking;
		this.pythonAsync = pythonAsync;
		this.nodeBlocking = nodeBlocking;
		this.nodeAsync = nodeAsync;
	}

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
