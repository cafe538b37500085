package io.github.udsgrpc.boot.process;

import java.time.Duration;
import java.util.UUID;

import io.github.udsgrpc.socket.UdsAddress;
import io.github.udsgrpc.testsupport.JavaProcess;
import io.github.udsgrpc.testsupport.transport.TestTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second server process on a live abstract name stops with Spring Boot's failure analysis.
 */
@EnabledOnOs(OS.LINUX)
public abstract class LinuxAbstractSocketProcessTests extends AbstractProcessTests {

	protected LinuxAbstractSocketProcessTests(BootLine line) {
		super(line);
	}

	@Test
	void secondInstanceOnAnAbstractNameFailsAndTheFirstKeepsServing() throws Exception {
		TestTransport.assumeAbstractNames();
		String name = "udsgrpc-test-twice-" + UUID.randomUUID();
		UdsAddress address = UdsAddress.abstractName(name);
		String listening = "gRPC server listening on Unix socket @" + name + " (listener 'default')";
		JavaProcess first = this.processes.start(JavaProcess.mainClass("first", this.line.serverMain()).args("--grpc.uds.path=@" + name))
			.awaitOutput(listening, START_TIMEOUT);
		assertThat(echo(address.toNettyAddress(), "first", Duration.ofSeconds(10))).isEqualTo("first");

		JavaProcess second = this.processes.start(JavaProcess.mainClass("second", this.line.serverMain()).args("--grpc.uds.path=@" + name));
		int exitCode = second.awaitExitWithout(listening, START_TIMEOUT);

		assertThat(exitCode).as(second.describe()).isNotZero();
		assertThat(second.output()).as(second.describe())
			.contains("APPLICATION FAILED TO START")
			.contains("Abstract socket @" + name + " (listener 'default'): in use, another socket is bound to this name.")
			.contains("Action:")
			.contains("never a stale one to remove");
		assertThat(first.isAlive()).as(first.describe()).isTrue();
		assertThat(echo(address.toNettyAddress(), "first, still", Duration.ofSeconds(10))).isEqualTo("first, still");
	}

}
