package dev.reelsmith.api.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.reelsmith.api.testing.AppTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The web UI's API types are generated from {@code ui/openapi.json}; this keeps that snapshot equal
 * to what the server documents. After an API change, {@code mvn -pl api -am verify
 * -Dreelsmith.updateOpenApi=true -Dtest=ApiDocsTest -Dsurefire.failIfNoSpecifiedTests=false}
 * rewrites it.
 */
@AppTest
class ApiDocsTest {

  private static final Path SNAPSHOT = Path.of("..", "ui", "openapi.json");
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  @TempDir static Path data;

  @Autowired WebTestClient http;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("reelsmith.data-dir", () -> data.toString());
  }

  private String served() throws Exception {
    byte[] body =
        http.get()
            .uri("/api/openapi.json")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .returnResult()
            .getResponseBody();
    return JSON.writeValueAsString(JSON.readValue(body, Object.class)) + "\n";
  }

  @Test
  void theUisSnapshotOfTheApiIsCurrent() throws Exception {
    String served = served();
    if (Boolean.getBoolean("reelsmith.updateOpenApi")) {
      Files.writeString(SNAPSHOT, served, StandardCharsets.UTF_8);
    }

    assertThat(Files.readString(SNAPSHOT))
        .as("ui/openapi.json is stale; regenerate it as this class's comment says")
        .isEqualTo(served);
  }

  @Test
  void responsesSayWhichFieldsMayBeNull() throws Exception {
    var schemas = JSON.readTree(served()).path("components").path("schemas");
    var snapshot = schemas.path("GenerationState");

    assertThat(snapshot.path("required").toString()).contains("\"story\"", "\"last_seq\"");
    assertThat(snapshot.path("properties").path("story").path("oneOf").toString())
        .contains("#/components/schemas/Story", "null");
    assertThat(snapshot.path("properties").path("final_video_path").path("type").toString())
        .contains("string", "null");
    assertThat(snapshot.path("properties").path("message").path("type").asText())
        .isEqualTo("string");
    assertThat(snapshot.path("properties").path("temporal_web_url").path("type").toString())
        .contains("string", "null");
    assertThat(schemas.has("ProgressUpdate")).isTrue();
    assertThat(schemas.path("Story").path("type").asText()).isEqualTo("object");
  }
}
