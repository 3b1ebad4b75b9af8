package dev.reelsmith.api.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.activities.testing.TestImages;
import dev.reelsmith.api.testing.AppTest;
import java.nio.file.Path;
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

/** With the local providers (the default) a generation costs nothing, and says so. */
@AppTest
class LocalCostTest {

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

  private WebTestClient.ResponseSpec estimate(String uri, String brief) {
    return http.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(brief).exchange();
  }

  @Test
  void localProvidersCostNothing() {
    estimate("/api/master-mode/estimate?images=3", BRIEF)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.currency")
        .isEqualTo("USD")
        .jsonPath("$.total_usd")
        .isEqualTo(0)
        .jsonPath("$.items")
        .isEmpty()
        .jsonPath("$.budget_usd")
        .isEqualTo(null)
        .jsonPath("$.within_budget")
        .isEqualTo(true);
  }

  @Test
  void rejectsAMalformedBriefLikeCreateDoes() {
    estimate(
            "/api/master-mode/estimate",
            """
            {"product_name": "", "description": "Cold brew.", "duration_seconds": 20,
             "colour": "red"}
            """)
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).startsWith("The brief is invalid"))
        .jsonPath("$.errors[*].field")
        .value(
            fields ->
                assertThat(String.valueOf(fields))
                    .contains("brief.product_name", "brief.duration_seconds", "brief.colour"));
  }

  @Test
  void rejectsTextThatIsNotJson() {
    estimate("/api/master-mode/estimate", "product: Aurora")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("brief");
  }

  @Test
  void rejectsANumberOfImagesACreateWouldRefuse() {
    estimate("/api/master-mode/estimate?images=11", BRIEF)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("images");
  }

  @Test
  void aCreatedGenerationCarriesItsEstimate() {
    MultipartBodyBuilder body = new MultipartBodyBuilder();
    body.part("brief", BRIEF, MediaType.APPLICATION_JSON);
    body.part("images", new FileSystemResource(TestImages.jpegPhoto(files)));

    http.post()
        .uri("/api/master-mode/generations")
        .contentType(MediaType.MULTIPART_FORM_DATA)
        .body(BodyInserters.fromMultipartData(body.build()))
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.ACCEPTED)
        .expectBody()
        .jsonPath("$.estimate.total_usd")
        .isEqualTo(0)
        .jsonPath("$.estimate.within_budget")
        .isEqualTo(true)
        .jsonPath("$.generation_id")
        .isNotEmpty();
  }
}
