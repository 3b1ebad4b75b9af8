package dev.reelsmith.api.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.activities.testing.TestImages;
import dev.reelsmith.api.generations.GenerationController;
import dev.reelsmith.api.generations.GenerationHistory;
import dev.reelsmith.api.testing.AppTest;
import dev.reelsmith.api.testing.ReelsmithClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.BodyInserters;

/** A nearly full disk refuses new generations before anything of them is stored. */
@AppTest
@Import(DiskSpaceGuardTest.SimulatedDisk.class)
class DiskSpaceGuardTest {

  private static final DataSize MINIMUM = DataSize.ofGigabytes(2);

  /** What the simulated disk reports as usable. */
  private static final AtomicLong usable = new AtomicLong();

  @TempDir static Path data;
  @TempDir Path files;

  @Autowired WebTestClient http;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("reelsmith.data-dir", () -> data.toString());
    registry.add("reelsmith.min-free-disk", MINIMUM::toString);
  }

  @TestConfiguration
  static class SimulatedDisk {
    @Bean
    @Primary
    FreeSpace simulatedDisk() {
      return folder -> usable.get();
    }
  }

  private WebTestClient.ResponseSpec create() {
    MultipartBodyBuilder body = new MultipartBodyBuilder();
    body.part("brief", ReelsmithClient.BRIEF, MediaType.APPLICATION_JSON);
    body.part("images", new FileSystemResource(TestImages.jpegPhoto(files)));
    return http.post()
        .uri("/api/master-mode/generations")
        .contentType(MediaType.MULTIPART_FORM_DATA)
        .body(BodyInserters.fromMultipartData(body.build()))
        .exchange();
  }

  private long listed() {
    return http.get()
        .uri("/api/master-mode/generations")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(GenerationHistory.Page.class)
        .returnResult()
        .getResponseBody()
        .total();
  }

  private static List<Path> topLevel() throws IOException {
    try (Stream<Path> entries = Files.list(data)) {
      return entries.toList();
    }
  }

  /** Uploads in the making: none is left behind, whatever became of it. */
  private static List<Path> incoming() throws IOException {
    Path incoming = data.resolve(".incoming");
    if (!Files.isDirectory(incoming)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(incoming)) {
      return entries.toList();
    }
  }

  @Test
  void refusesANewGenerationWhileTheDiskIsNearlyFullAndStoresNothing() throws Exception {
    usable.set(MINIMUM.toBytes() - 1);
    List<Path> before = topLevel();
    long listedBefore = listed();

    create()
        .expectStatus()
        .isEqualTo(HttpStatus.INSUFFICIENT_STORAGE)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(507)
        .jsonPath("$.title")
        .isEqualTo("Not enough disk space")
        .jsonPath("$.detail")
        .value(
            detail ->
                assertThat((String) detail)
                    .contains("low on disk space")
                    .contains("nothing of this request was stored"));

    assertThat(topLevel()).containsExactlyInAnyOrderElementsOf(before);
    assertThat(incoming()).isEmpty();
    assertThat(listed()).isEqualTo(listedBefore);
  }

  @Test
  void acceptsNewGenerationsOnceThereIsRoomAgain() throws Exception {
    usable.set(MINIMUM.toBytes() - 1);
    create().expectStatus().isEqualTo(HttpStatus.INSUFFICIENT_STORAGE);
    long listedBefore = listed();

    usable.set(MINIMUM.toBytes());

    String id =
        create()
            .expectStatus()
            .isAccepted()
            .expectBody(GenerationController.Created.class)
            .returnResult()
            .getResponseBody()
            .generationId();
    assertThat(listed()).isEqualTo(listedBefore + 1);
    http.post()
        .uri("/api/master-mode/generations/{id}/cancel", id)
        .exchange()
        .expectStatus()
        .isAccepted();
  }
}
