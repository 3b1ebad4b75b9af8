package dev.reelsmith.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.activities.testing.TestImages;
import dev.reelsmith.api.TestAccounts;
import dev.reelsmith.workflows.messages.GenerationSnapshot;
import dev.reelsmith.workflows.messages.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** Drives the HTTP API as a browser would: create a generation, then follow its state. */
public final class ReelsmithClient {

  /** A 15-second, 720p, three-scene ad: the cheapest real one. */
  public static final String BRIEF =
      """
      {"product_name": "Aurora Cold Brew",
       "description": "Slow-steeped cold brew coffee in a recyclable glass bottle.",
       "tone": "energetic", "call_to_action": "Order today at aurora.example",
       "duration_seconds": 15, "aspect_ratio": "16:9", "resolution": "720p",
       "scene_count": 3}
      """;

  private static final Duration POLL = Duration.ofMillis(100);

  private final WebTestClient http;

  public ReelsmithClient(WebTestClient http) {
    this.http = http;
  }

  public WebTestClient http() {
    return http;
  }

  /**
   * An HTTP client for an application listening on {@code port}, signed in as the tests' account
   * ({@link TestAccounts}).
   */
  public static ReelsmithClient onPort(int port) {
    return new ReelsmithClient(
        TestAccounts.signedIn(
                WebTestClient.bindToServer()
                    .baseUrl("http://localhost:" + port)
                    .responseTimeout(Duration.ofSeconds(30)))
            .build());
  }

  /** Creates a generation from {@link #BRIEF} and two photos; returns its id. */
  public String create(Path scratch) throws Exception {
    return create(scratch, BRIEF);
  }

  /** Creates a generation from {@code brief} (JSON) and two photos; returns its id. */
  public String create(Path scratch, String brief) throws Exception {
    Path images = Files.createTempDirectory(scratch, "images");
    MultipartBodyBuilder body = new MultipartBodyBuilder();
    body.part("brief", brief, MediaType.APPLICATION_JSON);
    body.part("images", new FileSystemResource(TestImages.jpegPhoto(images)));
    body.part("images", new FileSystemResource(TestImages.cutOutPng(images)));
    Map<String, Object> created =
        http.post()
            .uri("/api/master-mode/generations")
            .contentType(MediaType.MULTIPART_FORM_DATA)
            .body(BodyInserters.fromMultipartData(body.build()))
            .exchange()
            .expectStatus()
            .isEqualTo(HttpStatus.ACCEPTED)
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
            .returnResult()
            .getResponseBody();
    assertThat(created).containsKey("generation_id");
    return (String) created.get("generation_id");
  }

  public GenerationSnapshot state(String generationId) {
    return http.get()
        .uri("/api/master-mode/generations/{id}", generationId)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(GenerationSnapshot.class)
        .returnResult()
        .getResponseBody();
  }

  /** Polls the state until {@code condition} holds; fails after {@code timeout}. */
  public GenerationSnapshot awaitState(
      String generationId, Predicate<GenerationSnapshot> condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    GenerationSnapshot snapshot = state(generationId);
    while (!condition.test(snapshot)) {
      assertThat(System.nanoTime()).as("waiting, at %s", snapshot).isLessThan(deadline);
      Thread.sleep(POLL.toMillis());
      snapshot = state(generationId);
    }
    return snapshot;
  }

  /** Polls until the generation completed; fails at once if it failed. */
  public GenerationSnapshot awaitCompleted(String generationId) throws InterruptedException {
    GenerationSnapshot snapshot =
        awaitState(generationId, s -> s.status() != Status.IN_PROGRESS, Duration.ofMinutes(3));
    assertThat(snapshot.status()).as("error: %s", snapshot.error()).isEqualTo(Status.COMPLETED);
    return snapshot;
  }
}
