package io.github.udsgrpc.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where an application JVM's Java code spent its time during some measurements, from the flight recording
 * {@code --profile} made of it: each execution sample ({@code jdk.ExecutionSample}) taken inside one of the
 * measurements' time windows is put in the {@link Layer} of its innermost frame that belongs to a library, so that
 * a {@code HashMap} lookup made by Micrometer counts for Micrometer and the samples add up to the whole.
 *
 * <p>
 * What the samples do not hold: time in the kernel (socket reads and writes, waking and parking threads) and the
 * JVM's own threads (GC, compiler). The shares are of the CPU the JVM spent running Java code.
 */
public final class ProfileLayers {

	private ProfileLayers() {
	}

	/** What a sample is counted for, by the package of its innermost library frame. */
	public enum Layer {

		/** Micrometer's observation API and gRPC observation interceptors, and tracing. */
		OBSERVATIONS("observations", "io.micrometer.observation.", "io.micrometer.core.instrument.observation.",
				"io.micrometer.core.instrument.binder.grpc.Observation", "io.micrometer.tracing.",
				"io.micrometer.context.", "io.micrometer.common."),

		/** Micrometer meters and the metric interceptors of net.devh. */
		METRICS("metrics", "io.micrometer.", "net.devh.boot.grpc.common.metric.", "net.devh.boot.grpc.server.metric.",
				"net.devh.boot.grpc.client.metric."),

		/** The servlet web server, which idles during gRPC calls. */
		WEB("Tomcat", "org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat."),

		/** Spring, including Spring gRPC and the actuator. */
		SPRING("Spring", "org.springframework."),

		/** This starter's code. */
		STARTER("this starter", "io.github.udsgrpc."),

		/** The service being called and the benchmark's calling loop. */
		BENCH("service, bench loop", "io.github.udsgrpc.benchmarks.", "org.HdrHistogram."),

		/** grpc-java (calls, streams, metadata, stubs) and net.devh's other code. */
		GRPC("grpc-java", "io.grpc.", "net.devh."),

		/** Netty: HTTP/2 codec, buffers, pipeline, event loops, transports. */
		NETTY("Netty", "io.netty."),

		/** Protocol buffers. */
		PROTOBUF("protobuf", "com.google.protobuf."),

		/** Another library. */
		OTHER("other libraries"),

		/** Only JDK frames in the stack (thread pools, logging, ...). */
		JDK("JDK only");

		private final String title;

		private final List<String> prefixes;

		Layer(String title, String... prefixes) {
			this.title = title;
			this.prefixes = List.of(prefixes);
		}

		/**
		 * The column title.
		 * @return the title
		 */
		public String title() {
			return this.title;
		}

	}

	/** The layers in order of lookup: the first whose prefix matches wins (benchmark code before the starter). */
	private static final List<Layer> LOOKUP = List.of(Layer.OBSERVATIONS, Layer.METRICS, Layer.WEB, Layer.SPRING,
			Layer.BENCH, Layer.STARTER, Layer.GRPC, Layer.NETTY, Layer.PROTOBUF);

	/**
	 * The layer of a class.
	 * @param className a fully qualified class name
	 * @return its layer, {@link Layer#JDK} for the JDK's own classes, {@link Layer#OTHER} for any other library
	 */
	static Layer layerOf(String className) {
		for (Layer layer : LOOKUP) {
			for (String prefix : layer.prefixes) {
				if (className.startsWith(prefix)) {
					return layer;
				}
			}
		}
		boolean jdk = className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
				|| className.startsWith("sun.") || className.startsWith("com.sun.");
		return jdk ? Layer.JDK : Layer.OTHER;
	}

	/**
	 * The layer of a sample: that of its innermost frame outside the JDK.
	 * @param classesInnermostFirst the classes of its frames, innermost first
	 * @return the layer, {@link Layer#JDK} if every frame is the JDK's
	 */
	static Layer attribute(List<String> classesInnermostFirst) {
		for (String className : classesInnermostFirst) {
			Layer layer = layerOf(className);
			if (layer != Layer.JDK) {
				return layer;
			}
		}
		return Layer.JDK;
	}

	/** A span of wall-clock time in which a measurement ran. */
	public record Window(Instant start, Instant end) {

		boolean contains(Instant instant) {
			return !instant.isBefore(this.start) && !instant.isAfter(this.end);
		}

	}

	/**
	 * Counts the execution samples of a recording taken inside the windows, by layer.
	 * @param recording the flight recording
	 * @param windows when the measurements of interest ran
	 * @return samples per layer (every layer present, zero where none)
	 * @throws IOException if the recording cannot be read
	 */
	public static Map<Layer, Integer> count(Path recording, List<Window> windows) throws IOException {
		Map<Layer, Integer> counts = new EnumMap<>(Layer.class);
		for (Layer layer : Layer.values()) {
			counts.put(layer, 0);
		}
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				if (!event.getEventType().getName().equals("jdk.ExecutionSample")
						|| windows.stream().noneMatch((window) -> window.contains(event.getStartTime()))) {
					continue;
				}
				RecordedStackTrace stack = event.getStackTrace();
				List<String> classes = (stack != null) ? stack.getFrames()
					.stream()
					.filter(RecordedFrame::isJavaFrame)
					.map((frame) -> frame.getMethod().getType().getName())
					.toList() : List.of();
				counts.merge(attribute(classes), 1, Integer::sum);
			}
		}
		return counts;
	}

}
