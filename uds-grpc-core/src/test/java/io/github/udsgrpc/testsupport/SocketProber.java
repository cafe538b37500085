package io.github.udsgrpc.testsupport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * A stand-alone program (JDK classes only, one class file, so it can be copied and run by another user) that
 * connects to a socket path over and over and counts what happened:
 *
 * <ul>
 * <li>{@code connected}: connect() succeeded at once;</li>
 * <li>{@code pending}: a non-blocking connect() is in progress, so a listener was reached;</li>
 * <li>{@code again}: EAGAIN, the listener's backlog is full, so a listener was reached too;</li>
 * <li>{@code denied}: EACCES, a socket file is there and the caller may not write to it;</li>
 * <li>{@code missing}: ENOENT, nothing at the path;</li>
 * <li>{@code refused}: ECONNREFUSED, a socket file nobody listens on;</li>
 * <li>{@code other}: anything else (the distinct messages are printed).</li>
 * </ul>
 *
 * <p>
 * Arguments: socket path, maximum run time in milliseconds, and a stop file: it stops as soon as that file
 * exists. It prints {@value #READY} and its user name when it starts probing, and one line starting with
 * {@value #RESULT} at the end.
 */
public final class SocketProber {

	public static final String READY = "PROBER READY user=";

	public static final String RESULT = "PROBER RESULT";

	private SocketProber() {
	}

	public static void main(String[] args) throws Exception {
		Path socket = Path.of(args[0]);
		long deadline = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000L;
		Path stop = Path.of(args[2]);
		UnixDomainSocketAddress address = UnixDomainSocketAddress.of(socket);
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String outcome : new String[] { "connected", "pending", "again", "denied", "missing", "refused", "other" }) {
			counts.put(outcome, 0L);
		}
		TreeSet<String> otherMessages = new TreeSet<>();
		System.out.println(READY + System.getProperty("user.name"));
		System.out.flush();
		long attempts = 0;
		while (System.nanoTime() < deadline) {
			if ((attempts & 255) == 0 && Files.exists(stop)) {
				break;
			}
			attempts++;
			String outcome;
			try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
				channel.configureBlocking(false);
				outcome = channel.connect(address) ? "connected" : "pending";
			}
			catch (ConnectException ex) {
				outcome = classify(ex, otherMessages);
			}
			catch (IOException ex) {
				outcome = classify(ex, otherMessages);
			}
			counts.merge(outcome, 1L, Long::sum);
			if (outcome.equals("connected") || outcome.equals("pending") || outcome.equals("again")) {
				// Reached a listener: do not flood it with connections.
				Thread.sleep(1);
			}
		}
		StringBuilder result = new StringBuilder(RESULT);
		counts.forEach((outcome, count) -> result.append(' ').append(outcome).append('=').append(count));
		result.append(" attempts=").append(attempts);
		System.out.println(result);
		if (!otherMessages.isEmpty()) {
			System.out.println("PROBER OTHER " + otherMessages);
		}
	}

	private static String classify(IOException ex, TreeSet<String> otherMessages) {
		String message = String.valueOf(ex.getMessage());
		if (message.contains("Permission denied")) {
			return "denied";
		}
		if (message.contains("No such file")) {
			return "missing";
		}
		if (message.contains("refused")) {
			return "refused";
		}
		if (message.contains("temporarily unavailable")) {
			return "again";
		}
		if (otherMessages.size() < 20) {
			otherMessages.add(ex.getClass().getName() + ": " + message);
		}
		return "other";
	}

}
