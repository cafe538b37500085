package io.github.udsgrpc.benchmarks.report;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.github.udsgrpc.boot.UdsGrpcProperties;
import io.netty.util.Version;
import net.devh.boot.grpc.server.service.GrpcService;

import org.springframework.boot.SpringBootVersion;

/**
 * What the numbers depend on: the machine, the JDK and the libraries' versions.
 */
public final class Machine {

	private static final Pattern JAR_VERSION = Pattern.compile("-(\\d[\\w.\\-]*)\\.jar$");

	private Machine() {
	}

	/**
	 * The machine and the JDK.
	 * @return {@code label -> description}, in order
	 */
	public static Map<String, String> describe() {
		Map<String, String> machine = new LinkedHashMap<>();
		List<String> cpuinfo = lines("/proc/cpuinfo");
		long processors = cpuinfo.stream().filter((l) -> l.startsWith("processor")).count();
		String model = cpuinfo.stream()
			.filter((l) -> l.startsWith("model name"))
			.map((l) -> l.substring(l.indexOf(':') + 1).trim())
			.findFirst()
			.orElse("unknown");
		machine.put("cores", Runtime.getRuntime().availableProcessors() + " available to the JVM ("
				+ processors + " in /proc/cpuinfo)");
		machine.put("CPU", model);
		machine.put("memory", lines("/proc/meminfo").stream()
			.filter((l) -> l.startsWith("MemTotal"))
			.map((l) -> String.format(Locale.ROOT, "%.1f GiB",
					Long.parseLong(l.replaceAll("\\D", "")) / (1024.0 * 1024.0)))
			.findFirst()
			.orElse("unknown"));
		machine.put("OS", lines("/etc/os-release").stream()
			.filter((l) -> l.startsWith("PRETTY_NAME="))
			.map((l) -> l.substring(12).replace("\"", ""))
			.findFirst()
			.orElse(System.getProperty("os.name")) + ", " + System.getProperty("os.arch"));
		machine.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"));
		machine.put("JDK", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version") + " ("
				+ System.getProperty("java.vm.name") + ")");
		machine.put("JVM", "GC " + ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.map(GarbageCollectorMXBean::getName)
			.collect(Collectors.joining(", ")) + "; max heap "
				+ Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB; options: " + jvmOptions());
		return machine;
	}

	/**
	 * The versions of what is measured.
	 * @return {@code library -> version}, in order
	 */
	public static Map<String, String> versions() {
		Map<String, String> versions = new LinkedHashMap<>();
		versions.put("grpc-java", io.grpc.internal.GrpcUtil.IMPLEMENTATION_VERSION);
		Version netty = Version.identify().get("netty-transport-native-epoll");
		versions.put("Netty", (netty != null) ? netty.artifactVersion()
				: Version.identify().values().iterator().next().artifactVersion());
		versions.put("Spring Boot", SpringBootVersion.getVersion());
		versions.put("net.devh grpc-spring-boot-starter", version(GrpcService.class));
		versions.put("uds-grpc-spring-boot-starter", version(UdsGrpcProperties.class));
		versions.put("protobuf-java", version(com.google.protobuf.Message.class));
		return versions;
	}

	/**
	 * The 1-, 5- and 15-minute load averages now.
	 * @return as /proc/loadavg gives them
	 */
	public static String loadAverage() {
		List<String> lines = lines("/proc/loadavg");
		if (lines.isEmpty()) {
			return "unknown";
		}
		String[] fields = lines.get(0).split("\\s+");
		return fields[0] + " " + fields[1] + " " + fields[2];
	}

	private static String jvmOptions() {
		List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments();
		return options.isEmpty() ? "none" : "`" + String.join(" ", options) + "`";
	}

	/** The version in the jar's manifest, or else in the jar's file name. */
	static String version(Class<?> type) {
		String version = type.getPackage().getImplementationVersion();
		if (version != null) {
			return version;
		}
		try {
			String jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).getFileName().toString();
			Matcher matcher = JAR_VERSION.matcher(jar);
			return matcher.find() ? matcher.group(1) : jar;
		}
		catch (Exception ex) {
			return "unknown";
		}
	}

	private static List<String> lines(String file) {
		try {
			return Files.readAllLines(Path.of(file));
		}
		catch (IOException | RuntimeException ex) {
			return List.of();
		}
	}

}
