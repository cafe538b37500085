package io.github.udsgrpc.benchmarks.transport;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The Spring Boot application of the Spring transports: auto-configured from the class path (this starter,
 * net.devh's server and client, no actuator and no web server) and serving {@link BenchService}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(BenchService.class)
public class BenchApplication {

}
