package io.github.udsgrpc.sample;

import java.util.List;

import io.github.udsgrpc.sample.proto.GreeterGrpc;
import io.github.udsgrpc.sample.proto.HelloReply;
import io.github.udsgrpc.sample.proto.HelloRequest;
import net.devh.boot.grpc.client.inject.GrpcClient;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Calls the Greeter over the socket through an injected stub: {@code grpc.client.greeter.address} is the whole
 * client setup.
 */
@RestController
public class GreetingController {

	@GrpcClient("greeter")
	private GreeterGrpc.GreeterBlockingStub greeter;

	@GetMapping("/greet")
	public String greet(@RequestParam(defaultValue = "World") String name) {
		return this.greeter.sayHello(HelloRequest.newBuilder().setName(name).build()).getMessage();
	}

	@GetMapping("/greet/all")
	public List<String> greetAll(@RequestParam(defaultValue = "World") String name) {
		List<String> greetings = new java.util.ArrayList<>();
		this.greeter.sayHelloStream(HelloRequest.newBuilder().setName(name).build())
			.forEachRemaining((HelloReply reply) -> greetings.add(reply.getMessage()));
		return greetings;
	}

}
