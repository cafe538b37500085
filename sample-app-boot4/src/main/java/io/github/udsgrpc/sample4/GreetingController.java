package io.github.udsgrpc.sample4;

import java.util.ArrayList;
import java.util.List;

import io.github.udsgrpc.sample4.proto.GreeterGrpc;
import io.github.udsgrpc.sample4.proto.HelloReply;
import io.github.udsgrpc.sample4.proto.HelloRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Calls the Greeter over the socket through an injected stub: the stub is a bean of {@code @ImportGrpcClients}
 * (see {@link SampleApplication}), and {@code spring.grpc.client.channel.greeter.target=unix:PATH} is the whole
 * client setup.
 */
@RestController
public class GreetingController {

	private final GreeterGrpc.GreeterBlockingStub greeter;

	public GreetingController(GreeterGrpc.GreeterBlockingStub greeter) {
		this.greeter = greeter;
	}

	@GetMapping("/greet")
	public String greet(@RequestParam(defaultValue = "World") String name) {
		return this.greeter.sayHello(HelloRequest.newBuilder().setName(name).build()).getMessage();
	}

	@GetMapping("/greet/all")
	public List<String> greetAll(@RequestParam(defaultValue = "World") String name) {
		List<String> greetings = new ArrayList<>();
		this.greeter.sayHelloStream(HelloRequest.newBuilder().setName(name).build())
			.forEachRemaining((HelloReply reply) -> greetings.add(reply.getMessage()));
		return greetings;
	}

}
