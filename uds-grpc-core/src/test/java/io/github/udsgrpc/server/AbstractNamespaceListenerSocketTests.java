package io.github.udsgrpc.server;

import java.io.IOException;

import io.github.udsgrpc.socket.AbstractSocketException;
import io.github.udsgrpc.socket.SocketTransport;
import io.github.udsgrpc.socket.SocketFileSettings;
import io.github.udsgrpc.socket.UdsAddress;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The branches of an abstract listener that need no socket: the platform check, the length and bind failures.
 */
class AbstractNamespaceListenerSocketTests {

	private static final SocketFileSettings DEFAULTS = SocketFileSettings.DEFAULTS;

	private final UdsListener listener = new UdsListener("default", UdsAddress.abstractName("app.grpc"), DEFAULTS,
			(builder) -> {
			});

	@Test
	void onKqueueAnAbstractNameFailsAtStartWithTheReason() {
		AbstractNamespaceListenerSocket socket = new AbstractNamespaceListenerSocket(this.listener,
				SocketTransport.KQUEUE);
		AbstractSocketException ex = catchThrowableOfType(socket::prepare, AbstractSocketException.class);
		assertThat(ex.getReason()).isEqualTo(AbstractSocketException.Reason.NOT_SUPPORTED);
		assertThat(ex.getMessage()).startsWith("Abstract socket @app.grpc (listener 'default'): abstract socket names "
				+ "exist only on Linux, and this is ")
			.endsWith("(kqueue)");
	}

	@Test
	void onEpollTheNameIsCheckedForLengthOnly() throws IOException {
		new AbstractNamespaceListenerSocket(this.listener, SocketTransport.EPOLL).prepare();
		UdsListener tooLong = new UdsListener("long", UdsAddress.abstractName("é".repeat(53) + "x"), DEFAULTS, (builder) -> {
		});
		assertThatExceptionOfType(AbstractSocketException.class)
			.isThrownBy(() -> new AbstractNamespaceListenerSocket(tooLong, SocketTransport.EPOLL).prepare())
			.withMessageContaining("the name is 107 bytes long, and an abstract socket name may be at most 106 bytes");
	}

	@Test
	void aTakenNameIsReportedAsInUseWithWhatToDo() {
		AbstractSocketException ex = AbstractNamespaceListenerSocket.inUseOrFailed(this.listener,
				new IOException("Failed to bind", new IOException("bind(..) failed with error(-98): Address already in use")));
		assertThat(ex.getReason()).isEqualTo(AbstractSocketException.Reason.IN_USE);
		assertThat(ex.getMessage())
			.isEqualTo("Abstract socket @app.grpc (listener 'default'): in use, another socket is bound to this name");
	}

	@Test
	void anyOtherBindFailureKeepsTheOperatingSystemsWords() {
		AbstractSocketException ex = AbstractNamespaceListenerSocket.inUseOrFailed(this.listener,
				new IOException("bind(..) failed with error(-13): Permission denied"));
		assertThat(ex.getReason()).isEqualTo(AbstractSocketException.Reason.BIND_FAILED);
		assertThat(ex.getMessage()).endsWith("could not listen: bind(..) failed with error(-13): Permission denied");
	}

}
