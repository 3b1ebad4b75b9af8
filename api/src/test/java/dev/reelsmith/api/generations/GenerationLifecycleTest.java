package dev.reelsmith.api.generations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.activities.testing.TestImages;
import dev.reelsmith.api.testing.AppTest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** Starting, cancelling and (refused) retrying a generation over HTTP. */
@AppTest
class GenerationLifecycleTest {

  @TempDir static Path data;
  @TempDir Path files;

  @Autowired WebTestClient http;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("reelsmith.data-dir", () -> data.toString());
  }

  private String create() {
    MultipartBodyBuilder body = new MultipartBodyBuilder();
    body.part(
        "brief",
        """
        {"product_name": "Aurora Cold Brew", "description": "Cold brew in a glass bottle.",
         "duration_seconds": 60, "scene_count": 8}
        """,
        MediaType.APPLICATION_JSON);
    body.part("images", new FileSystemResource(TestImages.jpegPhoto(files)));
    return http.post()
        .uri("/api/master-mode/generations")
        .contentType(MediaType.MULTIPART_FORM_DATA)
        .body(BodyInserters.fromMultipartData(body.build()))
        .exchange()
        .expectStatus()
        .isAccepted()
        .expectHeader()
        .value("Location", location -> assertThat(location).startsWith("/api/master-mode/"))
        .expectBody(GenerationController.Created.class)
        .returnResult()
        .getResponseBody()
        .generationId();
  }

  private WebTestClient.BodyContentSpec state(String id) {
    return http.get()
        .uri("/api/master-mode/generations/{id}", id)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody();
  }

  private WebTestClient.ResponseSpec post(String id, String action) {
    return http.post().uri("/api/master-mode/generations/{id}/{action}", id, action).exchange();
  }

  @Test
  void cancelStopsARunningGenerationAndRetryIsThenRefused() throws Exception {
    String id = create();
    state(id).jsonPath("$.status").isEqualTo("in_progress");
    // While the scenes render, as users mostly do; GenerationWorkflowTest cancels at other moments.
    awaitState(id, "\"step\":\"videos\"");

    post(id, "cancel").expectStatus().isAccepted();

    awaitState(id, "\"cancelled\"");
    state(id)
        .jsonPath("$.status")
        .isEqualTo("cancelled")
        .jsonPath("$.final_video_path")
        .doesNotExist();
    post(id, "retry")
        .expectStatus()
        .isEqualTo(HttpStatus.CONFLICT)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("Only a failed generation can be retried; this one is cancelled.");
    post(id, "cancel")
        .expectStatus()
        .isEqualTo(HttpStatus.CONFLICT)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("This generation has already been cancelled.");
  }

  private void awaitState(String id, String text) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (!new String(state(id).returnResult().getResponseBody()).contains(text)) {
      assertThat(System.nanoTime()).as("the state shows " + text).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  @Test
  void unknownAndMalformedIdsAreNotFound() {
    for (String id : new String[] {"00000000-0000-0000-0000-000000000000", "not-an-id"}) {
      http.get()
          .uri("/api/master-mode/generations/{id}", id)
          .exchange()
          .expectStatus()
          .isNotFound()
          .expectHeader()
          .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
      post(id, "retry").expectStatus().isNotFound();
      post(id, "cancel").expectStatus().isNotFound();
    }
  }
}
