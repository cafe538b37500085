package io.github.udsgrpc.boot.load;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import io.github.udsgrpc.boot.process.BootLine;
import io.github.udsgrpc.boot.load.RawPeer.Received;
import io.github.udsgrpc.boot.load.ServerProbe.TransportCounter;
import io.github.udsgrpc.boot.testsupport.EchoStubs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A peer that connects to the socket and writes bytes that are not (valid) HTTP/2 is cut off by the server, or hangs
 * up by itself, and a well-behaved client calling through the starter's injected stub meanwhile sees nothing of it:
 * its unary and server-streaming calls succeed before, while the peer is connected and after it wrote, and after it
 * is gone; and the server releases the peer's connection.
 */
public abstract class PeersSendingGarbageDoNotDisturbOtherClientsTests extends LoadTestServer {

	protected PeersSendingGarbageDoNotDisturbOtherClientsTests(BootLine line) {
		super(line);
	}

	/** HTTP/2 error code PROTOCOL_ERROR. */
	private static final long PROTOCOL_ERROR = 0x1;

	/** HTTP/2 error code FRAME_SIZE_ERROR. */
	private static final long FRAME_SIZE_ERROR = 0x6;

	/** HTTP/2 frame type SETTINGS. */
	private static final int SETTINGS = 0x4;

	enum Garbage {

		/** 64 KiB of random bytes, no preface: "client preface string missing or corrupt". */
		RANDOM_64_KIB(random(0, 64 * 1024), false, PROTOCOL_ERROR, false),

		/**
		 * A correct client preface, then 64 KiB of random bytes where the SETTINGS frame should be: "First received
		 * frame was not SETTINGS".
		 */
		PREFACE_THEN_RANDOM_64_KIB(concat(RawPeer.PREFACE, random(1, 64 * 1024)), false, PROTOCOL_ERROR, false),

		/**
		 * A correct preface and SETTINGS frame (the transport becomes ready), then 64 KiB of random frames; with this
		 * seed the first announces a length over the 16 KiB maximum frame size.
		 */
		PREFACE_AND_SETTINGS_THEN_RANDOM_64_KIB(concat(RawPeer.PREFACE, RawPeer.EMPTY_SETTINGS, random(2, 64 * 1024)),
				false, FRAME_SIZE_ERROR, true),

		/** Half the preface, then the peer hangs up by itself. */
		HALF_PREFACE_THEN_HANG_UP(Arrays.copyOf(RawPeer.PREFACE, 12), true, -1, false);

		final byte[] bytes;

		final boolean hangsUp;

		final long goAwayError;

		/** Whether the server's transport got as far as transportReady (the client's SETTINGS frame). */
		final boolean becomesReady;

		Garbage(byte[] bytes, boolean hangsUp, long goAwayError, boolean becomesReady) {
			this.bytes = bytes;
			this.hangsUp = hangsUp;
			this.goAwayError = goAwayError;
			this.becomesReady = becomesReady;
		}

		private static byte[] random(long seed, int length) {
			byte[] bytes = new byte[length];
			new Random(seed).nextBytes(bytes);
			return bytes;
		}

		private static byte[] concat(byte[]... parts) {
			int length = 0;
			for (byte[] part : parts) {
				length += part.length;
			}
			byte[] all = new byte[length];
			int offset = 0;
			for (byte[] part : parts) {
				System.arraycopy(part, 0, all, offset, part.length);
				offset += part.length;
			}
			return all;
		}

	}

	@ParameterizedTest
	@EnumSource(Garbage.class)
	void peerWritingGarbageIsCutOffWhileOtherClientCallsSucceed(Garbage garbage) throws Exception {
		EchoStubs clients = stubs();
		TransportCounter transports = context.getBean(TransportCounter.class);
		try (SteadyClient steady = new SteadyClient(garbage.name(), clients.blocking()).start()) {
			assertThat(steady.awaitMoreRounds(3, Duration.ofSeconds(10))).as("rounds before the peer").isTrue();
			int socketsBefore = ProcFds.available() ? ProcFds.sockets() : -1;
			int openBefore = transports.open();
			int readyBefore = transports.ready();
			int terminatedBefore = transports.terminatedReady() + transports.terminatedNeverReady();

			Received received = null;
			IOException writeError;
			try (RawPeer peer = RawPeer.connect(socket)) {
				steady.round(1_000); // while the peer is connected and silent
				writeError = peer.write(garbage.bytes);
				steady.round(1_001); // after the garbage
				if (!garbage.hangsUp) {
					received = peer.readUntilClosed(Duration.ofSeconds(10));
				}
			}
			System.out.printf("[load] %s: wrote %d bytes (write error: %s); server: %s, read %d bytes, frame types %s, "
					+ "GOAWAY error %s '%s'; %s%n", garbage, garbage.bytes.length, writeError,
					(received != null) ? received.ending() : "-", (received != null) ? received.bytes().length : 0,
					(received != null) ? received.frameTypes() : "-",
					(received != null) ? received.goAwayErrorCode() : "-",
					(received != null) ? received.goAwayDebugData() : "", transports);

			if (received != null) {
				assertThat(received.closedByServer()).as("the server closed the connection").isTrue();
				assertThat(received.frameTypes()).as("the server spoke HTTP/2: its SETTINGS, then GOAWAY")
					.startsWith(SETTINGS)
					.contains(RawPeer.GOAWAY);
				assertThat(received.goAwayErrorCode()).as("GOAWAY error code").isEqualTo(garbage.goAwayError);
			}
			assertThat(steady.awaitMoreRounds(5, Duration.ofSeconds(10))).as("rounds after the peer").isTrue();
			// The peer's connection is gone on the server too: no transport left open, no socket descriptor left.
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(transports.terminatedReady() + transports.terminatedNeverReady())
					.as("server transports terminated").isEqualTo(terminatedBefore + 1));
			assertThat(transports.ready()).as("server transports ready")
				.isEqualTo(readyBefore + (garbage.becomesReady ? 1 : 0));
			assertThat(transports.open()).as("server transports open").isEqualTo(openBefore);
			if (socketsBefore >= 0) {
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(ProcFds.sockets()).as("socket descriptors")
						.isEqualTo(socketsBefore));
			}
			assertThat(steady.failures()).as("failures of the well-behaved client").isEmpty();
			assertThat(steady.rounds()).isGreaterThanOrEqualTo(8);
		}
	}

}
