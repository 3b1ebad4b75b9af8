package dev.reelsmith.api.generations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.activities.testing.TestImages;
import dev.reelsmith.api.testing.AppTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** Bad uploads get the right status and a problem that says what is wrong; none starts work. */
@AppTest
class UploadValidationTest {

  private static final String BRIEF =
      """
      {"product_name": "Aurora Cold Brew", "description": "Cold brew in a glass bottle.",
       "duration_seconds": 15}
      """;

  @TempDir static Path data;
  @TempDir Path files;

  @Autowired WebTestClient http;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("reelsmith.data-dir", () -> data.toString());
  }

  /**
   * A body refused part-way has its upload folder deleted just after the answer; this waits a
   * moment for that.
   */
  @AfterEach
  void nothingWasStored() throws IOException, InterruptedException {
    Path incoming = data.resolve(".incoming");
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (Files.isDirectory(incoming) && !isEmpty(incoming) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    try (Stream<Path> entries = Files.list(data)) {
      // Dot-files are the server's own (.incoming, .share-key); generation folders are not.
      assertThat(entries.filter(p -> !p.getFileName().toString().startsWith(".")))
          .as("generation folders")
          .isEmpty();
    }
    if (Files.isDirectory(incoming)) {
      try (Stream<Path> leftovers = Files.list(incoming)) {
        assertThat(leftovers).as("temporary uploads").isEmpty();
      }
    }
  }

  private static boolean isEmpty(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.findAny().isEmpty();
    }
  }

  private WebTestClient.ResponseSpec post(MultipartBodyBuilder body) {
    return http.post()
        .uri("/api/master-mode/generations")
        .contentType(MediaType.MULTIPART_FORM_DATA)
        .body(BodyInserters.fromMultipartData(body.build()))
        .exchange();
  }

  private static MultipartBodyBuilder withBrief(String json) {
    MultipartBodyBuilder body = new MultipartBodyBuilder();
    body.part("brief", json, MediaType.APPLICATION_JSON);
    return body;
  }

  private void expectProblem(MultipartBodyBuilder body, HttpStatus status, String detailFragment) {
    post(body)
        .expectStatus()
        .isEqualTo(status)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(status.value())
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains(detailFragment));
  }

  @Test
  void rejectsATextFileNamedLikeAJpeg() {
    MultipartBodyBuilder body = withBrief(BRIEF);
    body.part("images", new FileSystemResource(TestImages.textNamedJpg(files)));

    expectProblem(body, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "is a text file, not an image");
  }

  @Test
  void rejectsATruncatedJpeg() {
    MultipartBodyBuilder body = withBrief(BRIEF);
    body.part("images", new FileSystemResource(TestImages.jpegPhoto(files)));
    body.part("images", new FileSystemResource(TestImages.truncatedJpeg(files)));

    expectProblem(body, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "truncated");
  }

  @Test
  void rejectsElevenImages() {
    MultipartBodyBuilder body = withBrief(BRIEF);
    Path photo = TestImages.jpegPhoto(files);
    for (int i = 0; i < 11; i++) {
      body.part("images", new FileSystemResource(photo));
    }

    expectProblem(body, HttpStatus.BAD_REQUEST, "1 to 10 reference images (got 11)");
  }

  @Test
  void rejectsAFileOverFifteenMegabytes() {
    MultipartBodyBuilder body = withBrief(BRIEF);
    byte[] huge = new byte[16 * 1024 * 1024];
    body.part(
            "images",
            new ByteArrayResource(huge) {
              @Override
              public String getFilename() {
                return "huge.jpg";
              }
            })
        .contentType(MediaType.IMAGE_JPEG);

    expectProblem(body, HttpStatus.CONTENT_TOO_LARGE, "at most 15 MB");
  }

  @Test
  void rejectsABriefMissingARequiredFieldNamingIt() {
    MultipartBodyBuilder body = withBrief("{\"description\": \"Cold brew.\"}");
    body.part("images", new FileSystemResource(TestImages.jpegPhoto(files)));

    post(body)
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("brief.product_name")
        .jsonPath("$.errors[0].message")
        .isEqualTo("is required");
  }

  @Test
  void rejectsABriefWithAnUnknownField() {
    MultipartBodyBuilder body =
        withBrief(
            BRIEF.replace("\"duration_seconds\"", "\"music\": \"jazz\", \"duration_seconds\""));
    body.part("images", new FileSystemResource(TestImages.jpegPhoto(files)));

    post(body)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("brief.music")
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("music: is not a brief field"));
  }

  @Test
  void rejectsARequestWithoutImages() {
    expectProblem(withBrief(BRIEF), HttpStatus.BAD_REQUEST, "(got 0)");
  }

  @Test
  void rejectsABodyThatIsNotMultipart() {
    http.post()
        .uri("/api/master-mode/generations")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(BRIEF)
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
  }
}
