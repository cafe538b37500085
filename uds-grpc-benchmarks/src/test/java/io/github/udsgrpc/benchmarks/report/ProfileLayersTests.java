package io.github.udsgrpc.benchmarks.report;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.udsgrpc.benchmarks.report.ProfileLayers.Layer;
import io.github.udsgrpc.benchmarks.report.ProfileLayers.Window;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileLayersTests {

	@Test
	void classesBelongToTheLayerOfTheirLibrary() {
		assertThat(ProfileLayers.layerOf("io.micrometer.observation.SimpleObservation")).isEqualTo(Layer.OBSERVATIONS);
		assertThat(ProfileLayers.layerOf("io.micrometer.core.instrument.binder.grpc.ObservationGrpcServerInterceptor"))
			.isEqualTo(Layer.OBSERVATIONS);
		assertThat(ProfileLayers.layerOf("io.micrometer.core.instrument.Timer")).isEqualTo(Layer.METRICS);
		assertThat(ProfileLayers.layerOf("net.devh.boot.grpc.server.metric.MetricCollectingServerInterceptor"))
			.isEqualTo(Layer.METRICS);
		assertThat(ProfileLayers.layerOf("net.devh.boot.grpc.server.serverfactory.GrpcServerFactory"))
			.isEqualTo(Layer.GRPC);
		assertThat(ProfileLayers.layerOf("io.github.udsgrpc.peer.PeerAccessInterceptor")).isEqualTo(Layer.STARTER);
		assertThat(ProfileLayers.layerOf("io.github.udsgrpc.benchmarks.workload.UnaryLatency")).isEqualTo(Layer.BENCH);
		assertThat(ProfileLayers.layerOf("io.netty.handler.codec.http2.DefaultHttp2ConnectionEncoder"))
			.isEqualTo(Layer.NETTY);
		assertThat(ProfileLayers.layerOf("org.apache.tomcat.util.net.NioEndpoint")).isEqualTo(Layer.WEB);
		assertThat(ProfileLayers.layerOf("java.util.HashMap")).isEqualTo(Layer.JDK);
		assertThat(ProfileLayers.layerOf("org.example.Thing")).isEqualTo(Layer.OTHER);
	}

	@Test
	void aSampleCountsForItsInnermostFrameOutsideTheJdk() {
		assertThat(ProfileLayers.attribute(List.of("java.util.HashMap", "io.micrometer.core.instrument.Timer",
				"io.grpc.internal.ServerImpl")))
			.isEqualTo(Layer.METRICS);
		assertThat(ProfileLayers.attribute(List.of("io.netty.buffer.PooledByteBuf", "io.grpc.netty.NettyServerHandler")))
			.isEqualTo(Layer.NETTY);
		assertThat(ProfileLayers.attribute(List.of("java.lang.Thread", "java.util.concurrent.ThreadPoolExecutor")))
			.isEqualTo(Layer.JDK);
		assertThat(ProfileLayers.attribute(List.of())).isEqualTo(Layer.JDK);
	}

	@Test
	void countsTheSamplesOfARealRecordingInsideTheWindowsOnly(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("spin.jfr");
		Instant start;
		Instant middle;
		Instant end;
		try (Recording recording = new Recording()) {
			recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
			recording.start();
			start = Instant.now();
			spin(Duration.ofMillis(1500));
			middle = Instant.now();
			spin(Duration.ofMillis(1500));
			end = Instant.now();
			recording.stop();
			recording.dump(file);
		}
		Map<Layer, Integer> firstHalf = ProfileLayers.count(file, List.of(new Window(start, middle)));
		Map<Layer, Integer> both = ProfileLayers.count(file, List.of(new Window(start, end)));
		System.out.println("[profile] samples of 1.5 s of spinning in benchmark code: " + firstHalf + "; of 3 s: " + both);
		// The spinning frame is this class, in the benchmark's package: most samples of a window are its.
		int total = both.values().stream().mapToInt(Integer::intValue).sum();
		assertThat(both.get(Layer.BENCH)).isGreaterThanOrEqualTo(total / 2);
		assertThat(both.keySet()).containsExactly(Layer.values());
		// The second half's samples are left out of the first half's window.
		assertThat(firstHalf.get(Layer.BENCH)).isPositive().isLessThan(both.get(Layer.BENCH));
	}

	private static long spin(Duration duration) {
		long until = System.nanoTime() + duration.toNanos();
		long x = 0;
		while (System.nanoTime() < until) {
			x += Long.numberOfTrailingZeros(x + System.nanoTime());
		}
		return x;
	}

}
