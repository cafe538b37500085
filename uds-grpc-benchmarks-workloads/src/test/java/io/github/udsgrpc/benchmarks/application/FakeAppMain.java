package io.github.udsgrpc.benchmarks.application;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.udsgrpc.benchmarks.driver.ChannelTransport;
import io.github.udsgrpc.benchmarks.service.BenchServiceImpl;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;

/**
 * An application JVM over {@link AppLauncher} with a line that needs no Spring, for {@link AppLauncherTests}: its
 * "application" is a gRPC server in the client's own JVM (in-process), and {@code fake.fail=properties|start|
 * transport} makes that step throw.
 */
public final class FakeAppMain {

	/** What the application prints when it is closed. */
	static final String CLOSED = "fake application closed";

	private FakeAppMain() {
	}

	public static void main(String[] args) {
		AppLauncher.run(args, new FakeLine());
	}

	private static void failIf(Map<String, ?> properties, String step) {
		if (step.equals(properties.get("fake.fail"))) {
			throw new IllegalStateException("fake " + step + " failed");
		}
	}

	/** The line. */
	static final class FakeLine implements AppLauncher.Line<FakeApplication> {

		@Override
		public Map<String, Object> properties(AppArgs app) {
			failIf(app.properties(), "properties");
			return new LinkedHashMap<>(app.properties());
		}

		@Override
		public FakeApplication start(Map<String, Object> properties) {
			failIf(properties, "start");
			return new FakeApplication(properties);
		}

		@Override
		public String layers(FakeApplication application) {
			return AppInfo.layers(List.of(new FakeServerInterceptor()), List.of(), null, 0);
		}

		@Override
		public String versions() {
			return AppInfo.versions("0.0.1", "0.0.2", "fake 0.0.3");
		}

		@Override
		public ChannelTransport transport(AppArgs app, FakeApplication application) throws Exception {
			failIf(application.properties, "transport");
			String name = "fake-" + ProcessHandle.current().pid();
			application.server = InProcessServerBuilder.forName(name).addService(new BenchServiceImpl()).build().start();
			application.channel = InProcessChannelBuilder.forName(name).build();
			return new ChannelTransport(app.kind(), application.channel,
					(client) -> InProcessChannelBuilder.forName(name).build());
		}

	}

	/** The application: what the line started, closed at the end. */
	static final class FakeApplication implements AutoCloseable {

		private final Map<String, Object> properties;

		private Server server;

		private ManagedChannel channel;

		FakeApplication(Map<String, Object> properties) {
			this.properties = properties;
		}

		@Override
		public void close() {
			if (this.channel != null) {
				this.channel.shutdownNow();
			}
			if (this.server != null) {
				this.server.shutdownNow();
			}
			System.out.println(CLOSED);
		}

	}

	/** Named in the layers. */
	static final class FakeServerInterceptor {

	}

}
