package dev.reelsmith.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.api.testing.AppTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What operators and API clients rely on: health, metrics, the API's own description. */
@AppTest
class OperationsTest {

  @TempDir static Path data;

  @Autowired WebTestClient http;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("reelsmith.data-dir", () -> data.toString());
  }

  @Test
  void healthIncludesTheTemporalConnection() {
    http.get()
        .uri("/actuator/health")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP")
        .jsonPath("$.components.temporal.status")
        .isEqualTo("UP")
        .jsonPath("$.components.temporal.details.namespace")
        .isEqualTo("default");
  }

  @Test
  void prometheusExposesTemporalSdkMetrics() {
    String metrics =
        http.get()
            .uri("/actuator/prometheus")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

    assertThat(metrics).contains("temporal_").contains("jvm_memory_used_bytes");
  }

  @Test
  void servesAnOpenApiDocumentOfTheGenerationsApi() {
    http.get()
        .uri("/api/openapi.json")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.paths['/api/master-mode/generations']")
        .exists()
        .jsonPath("$.paths['/api/master-mode/generations/{id}/retry']")
        .exists();
  }
}
