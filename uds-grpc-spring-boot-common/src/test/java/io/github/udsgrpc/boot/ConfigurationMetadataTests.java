package io.github.udsgrpc.boot;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.udsgrpc.socket.FileModes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IDE metadata that spring-boot-configuration-processor generates for {@code grpc.uds.*}: every property
 * documented, every default the code has shown, and the hinted values valid. It reads whatever properties the
 * code declares, so a new property is checked without touching this test.
 */
class ConfigurationMetadataTests {

	private static final String PREFIX = "grpc.uds.";

	private static JsonNode metadata;

	@BeforeAll
	static void readGeneratedMetadata() throws IOException {
		List<JsonNode> candidates = new ArrayList<>();
		ObjectMapper json = new ObjectMapper();
		for (URL url : Collections.list(ConfigurationMetadataTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				JsonNode node = json.readTree(in);
				if (node.path("groups").findValuesAsText("name").contains("grpc.uds")) {
					candidates.add(node);
				}
			}
		}
		assertThat(candidates).as("the generated metadata of grpc.uds on the class path").hasSize(1);
		metadata = candidates.get(0);
	}

	private static List<JsonNode> properties() {
		List<JsonNode> properties = new ArrayList<>();
		metadata.path("properties").forEach((property) -> {
			if (property.path("name").asText().startsWith(PREFIX)) {
				properties.add(property);
			}
		});
		assertThat(properties).as("grpc.uds properties").isNotEmpty();
		return properties;
	}

	@Test
	void everyPropertyHasADescription() {
		List<String> undocumented = properties().stream()
			.filter((property) -> property.path("description").asText("").isBlank())
			.map((property) -> property.path("name").asText())
			.toList();
		assertThat(undocumented).as("grpc.uds properties without a description (javadoc the field)").isEmpty();
	}

	@Test
	void everyPropertyWithADefaultInTheCodeHasItInTheMetadata() {
		List<String> problems = new ArrayList<>();
		int checked = 0;
		for (JsonNode property : properties()) {
			String name = property.path("name").asText();
			Object codeDefault = codeDefault(property);
			if (codeDefault == null) {
				continue;
			}
			checked++;
			JsonNode metadataDefault = property.get("defaultValue");
			if (metadataDefault == null) {
				problems.add(name + " defaults to " + codeDefault + " in the code, but the metadata has no default "
						+ "(add it to additional-spring-configuration-metadata.json)");
			}
			else if (!sameDefault(metadataDefault.asText(), codeDefault)) {
				problems.add(name + " defaults to " + codeDefault + " in the code, but to " + metadataDefault
						+ " in the metadata");
			}
		}
		assertThat(problems).isEmpty();
		assertThat(checked).as("properties with a default in the code").isPositive();
	}

	@Test
	void everyPropertyComesFromTheCode() {
		List<String> orphans = properties().stream()
			.filter((property) -> !property.hasNonNull("sourceType"))
			.map((property) -> property.path("name").asText())
			.toList();
		assertThat(orphans).as("grpc.uds properties in the metadata that no @ConfigurationProperties declares").isEmpty();
	}

	@Test
	void hintsNameRealPropertiesAndTheirModesParse() {
		List<String> names = properties().stream().map((property) -> property.path("name").asText()).toList();
		List<JsonNode> hints = new ArrayList<>();
		metadata.path("hints").forEach((hint) -> {
			if (hint.path("name").asText().startsWith(PREFIX)) {
				hints.add(hint);
			}
		});
		assertThat(hints).extracting((hint) -> hint.path("name").asText())
			.contains("grpc.uds.file-mode", "grpc.uds.directory-mode")
			.allSatisfy((hinted) -> assertThat(names).as("hinted property").contains(hinted));
		for (JsonNode hint : hints) {
			String name = hint.path("name").asText();
			assertThat(hint.path("values")).as("values of hint %s", name).isNotEmpty();
			if (name.endsWith("-mode")) {
				hint.path("values").forEach((value) -> assertThat(FileModes.parse(name, value.path("value").asText()))
					.as("%s hint %s", name, value).isNotEmpty());
			}
		}
	}

	/**
	 * Whether the metadata's default is the code's; a duration as Spring Boot reads it, so {@code 10s} is
	 * {@code PT10S}.
	 */
	private static boolean sameDefault(String metadataDefault, Object codeDefault) {
		if (codeDefault instanceof Duration) {
			return DurationStyle.detectAndParse(metadataDefault).equals(codeDefault);
		}
		return metadataDefault.equals(String.valueOf(codeDefault));
	}

	/**
	 * The value a fresh instance of the property's class holds: null, or an empty collection, counts as no default.
	 */
	private static Object codeDefault(JsonNode property) {
		String name = property.path("name").asText();
		String sourceType = property.path("sourceType").asText(null);
		if (sourceType == null) {
			return null;
		}
		JsonNode group = groupOfType(sourceType, name);
		String relative = name.substring(group.path("name").asText().length() + 1);
		Object instance = BeanUtils.instantiateClass(ClassUtils.resolveClassName(sourceType, null));
		Object value = new BeanWrapperImpl(instance).getPropertyValue(camelCase(relative));
		if (value instanceof Collection<?> collection && collection.isEmpty()
				|| value instanceof Map<?, ?> map && map.isEmpty()) {
			return null;
		}
		return value;
	}

	private static JsonNode groupOfType(String type, String propertyName) {
		List<JsonNode> groups = new ArrayList<>();
		metadata.path("groups").forEach((group) -> {
			if (Objects.equals(group.path("type").asText(), type)
					&& propertyName.startsWith(group.path("name").asText() + ".")) {
				groups.add(group);
			}
		});
		assertThat(groups).as("the group of type %s holding %s", type, propertyName).hasSize(1);
		return groups.get(0);
	}

	private static String camelCase(String kebab) {
		StringBuilder camel = new StringBuilder();
		boolean upper = false;
		for (char c : kebab.toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				camel.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return camel.toString();
	}

}
