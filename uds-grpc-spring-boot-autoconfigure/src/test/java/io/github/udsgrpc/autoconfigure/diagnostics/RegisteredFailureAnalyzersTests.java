package io.github.udsgrpc.autoconfigure.diagnostics;

import java.nio.file.Path;
import java.util.List;

import io.github.udsgrpc.autoconfigure.server.UnixServerAddressException;
import io.github.udsgrpc.boot.testsupport.FailureAnalyses;
import io.github.udsgrpc.peer.PeerAccessPolicy;
import io.github.udsgrpc.peer.PeerAccessPolicyException;
import io.github.udsgrpc.server.NonBlockingMethods;
import io.github.udsgrpc.server.UdsBindException;
import io.github.udsgrpc.server.UdsListenerRegistry;
import io.github.udsgrpc.server.UdsServer;
import io.github.udsgrpc.server.UnknownListenerServiceException;
import io.github.udsgrpc.server.UnknownNonBlockingMethodException;
import io.github.udsgrpc.socket.AbstractSocketException;
import io.github.udsgrpc.socket.SocketTransportUnavailableException;
import io.github.udsgrpc.socket.SocketFileException;
import io.github.udsgrpc.socket.SocketFileSettings;
import io.github.udsgrpc.socket.UdsAddress;
import io.github.udsgrpc.testsupport.PlainEchoService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Every refusal of the starter reaches Boot's failure analysis through an analyzer registered in
 * {@code META-INF/spring.factories}, also when it is wrapped as a bean creation failure.
 */
class RegisteredFailureAnalyzersTests {

	@Test
	void everyExceptionOfTheCoreAndTheStarterHasARegisteredAnalyzer() {
		List<Throwable> failures = List.of(
				new SocketFileException(SocketFileException.Reason.IN_USE, "default", Path.of("/run/a.sock"), "in use",
						null),
				new AbstractSocketException(AbstractSocketException.Reason.IN_USE, "default",
						UdsAddress.abstractName("a"), "in use", null),
				UdsBindException.ofFile("default", Path.of("/run/a.sock"), new IllegalStateException("bind failed")),
				new SocketTransportUnavailableException(List.of("epoll: missing")),
				unknownService(), unknownNonBlockingMethod(), badGid(), unixServerAddress());
		for (Throwable failure : failures) {
			FailureAnalysis analysis = FailureAnalyses
				.of(new BeanCreationException("udsGrpcServerLifecycle", "Failed to start", failure));
			assertThat(analysis.getCause()).as(failure.getClass().getSimpleName()).isSameAs(failure);
			assertThat(analysis.getDescription()).as(failure.getClass().getSimpleName()).isNotBlank();
			assertThat(analysis.getAction()).as(failure.getClass().getSimpleName()).isNotBlank();
		}
	}

	private static Throwable unknownService() {
		UdsServer.Builder builder = UdsServer.builder()
			.listenUnixSocket("/run/a.sock", (options) -> options.services("no.Such"));
		Throwable failure = catchThrowable(builder::build);
		assertThat(failure).isInstanceOf(UnknownListenerServiceException.class);
		return failure;
	}

	private static Throwable unknownNonBlockingMethod() {
		UdsServer.Builder builder = UdsServer.builder()
			.addService(new PlainEchoService())
			.nonBlocking(NonBlockingMethods.of("no.Such/Method"));
		Throwable failure = catchThrowable(builder::build);
		assertThat(failure).isInstanceOf(UnknownNonBlockingMethodException.class);
		return failure;
	}

	private static Throwable badGid() {
		UdsListenerRegistry registry = new UdsListenerRegistry(SocketFileSettings.DEFAULTS, PeerAccessPolicy.open());
		Throwable failure = catchThrowable(
				() -> registry.listenUnixSocket("/run/a.sock", (options) -> options.allowedGids(-1)));
		assertThat(failure).isInstanceOf(PeerAccessPolicyException.class);
		return failure;
	}

	private static Throwable unixServerAddress() {
		Throwable failure = catchThrowable(() -> new org.springframework.boot.SpringApplication(Object.class)
			.run("--grpc.server.address=unix://host/a.sock", "--spring.main.web-application-type=none"));
		assertThat(failure).isInstanceOf(UnixServerAddressException.class);
		return failure;
	}

}
