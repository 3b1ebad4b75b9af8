package dev.reelsmith.api.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.activities.testing.TestImages;
import dev.reelsmith.api.testing.AppTest;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
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

/**
 * The OpenAI-compatible API for the story and the narration and fal for the video, priced by a
 * table of the test's own (whole numbers, so the figures below can be checked by hand), with a
 * budget of $1 per generation. No provider is ever called: estimating and refusing happen before
 * anything starts.
 */
@AppTest(
    properties = {
      "reelsmith.providers.story=openai",
      "reelsmith.providers.video=fal",
      "reelsmith.providers.voice=openai",
      "reelsmith.openai.base-url=http://127.0.0.1:9/v1",
      "reelsmith.openai.api-key=test-key",
      "reelsmith.openai.llm-model=test-llm",
      "reelsmith.openai.tts-model=test-tts",
      "reelsmith.fal.key=test-key",
      "reelsmith.fal.model=test/video",
      "reelsmith.prices.llm.models.test-llm.input-per-million=1.00",
      "reelsmith.prices.llm.models.test-llm.output-per-million=2.00",
      "reelsmith.prices.speech.models.test-tts=10.00",
      "reelsmith.prices.fal.models[test/video].per-second=0.10",
      "reelsmith.prices.fal.models[test/video].billed-seconds-step=5",
      "reelsmith.budget-usd=1.00"
    })
class RemoteCostTest {

  /** 15 s in three scenes of 5 s; 44 characters of text (11 tokens, plus 50 for the fields). */
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

  @Test
  void pricesEveryStepFromTheTable() {
    // Each call reads 1,500 prompt tokens, the brief's 61 and two images of 765: 3,091.
    // Story: three versions, two of them also reading a story and a verdict (1,200 + 400).
    // Judge: each version with its story. Scenes: once, with the story; 300 tokens a scene.
    http.post()
        .uri("/api/master-mode/estimate?images=2")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(BRIEF)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.currency")
        .isEqualTo("USD")
        .jsonPath("$.items[0].step")
        .isEqualTo("story")
        .jsonPath("$.items[0].model")
        .isEqualTo("test-llm")
        .jsonPath("$.items[0].quantity")
        .isEqualTo(3 * 3091 + 2 * 1600)
        .jsonPath("$.items[0].unit")
        .isEqualTo("input tokens")
        .jsonPath("$.items[1].quantity")
        .isEqualTo(3 * 1200)
        .jsonPath("$.items[2].step")
        .isEqualTo("judge")
        .jsonPath("$.items[2].quantity")
        .isEqualTo(3 * (3091 + 1200))
        .jsonPath("$.items[4].step")
        .isEqualTo("scenes")
        .jsonPath("$.items[5].quantity")
        .isEqualTo(3 * 300)
        .jsonPath("$.items[6].provider")
        .isEqualTo("fal")
        .jsonPath("$.items[6].model")
        .isEqualTo("test/video")
        .jsonPath("$.items[6].quantity")
        .isEqualTo(15)
        .jsonPath("$.items[6].unit")
        .isEqualTo("video seconds")
        .jsonPath("$.items[6].usd")
        .value(usd -> assertThat(dollars(usd)).isEqualByComparingTo("1.50"))
        .jsonPath("$.items[7].step")
        .isEqualTo("narration")
        .jsonPath("$.items[7].quantity")
        .isEqualTo(15 * 17)
        .jsonPath("$.items[7].unit")
        .isEqualTo("characters")
        // 0.0125 + 0.0072 + 0.0129 + 0.0024 + 0.0043 + 0.0018 + 1.50 + 0.0026, each rounded up.
        .jsonPath("$.total_usd")
        .value(usd -> assertThat(dollars(usd)).isEqualByComparingTo("1.5437"))
        .jsonPath("$.budget_usd")
        .value(usd -> assertThat(dollars(usd)).isEqualByComparingTo("1.00"))
        .jsonPath("$.within_budget")
        .isEqualTo(false);
  }

  @Test
  void fewerImagesCostLess() {
    BigDecimal one = total("/api/master-mode/estimate?images=1");
    BigDecimal ten = total("/api/master-mode/estimate?images=10");
    BigDecimal unsaid = total("/api/master-mode/estimate");

    assertThat(one).isLessThan(ten);
    assertThat(unsaid).as("the most images, when their number is not given").isEqualTo(ten);
  }

  @Test
  void refusesAGenerationOverTheBudgetBeforeStoringAnything() throws IOException {
    MultipartBodyBuilder body = new MultipartBodyBuilder();
    body.part("brief", BRIEF, MediaType.APPLICATION_JSON);
    body.part("images", new FileSystemResource(TestImages.jpegPhoto(files)));
    body.part("images", new FileSystemResource(TestImages.cutOutPng(files)));

    http.post()
        .uri("/api/master-mode/generations")
        .contentType(MediaType.MULTIPART_FORM_DATA)
        .body(BodyInserters.fromMultipartData(body.build()))
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .value(
            detail ->
                assertThat((String) detail)
                    .contains("up to $1.5437")
                    .contains("over the budget of $1.00 per generation"))
        .jsonPath("$.estimate.total_usd")
        .value(usd -> assertThat(dollars(usd)).isEqualByComparingTo("1.5437"));

    http.get()
        .uri("/api/master-mode/generations")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.items")
        .isEmpty();
    try (Stream<Path> entries = Files.list(data)) {
      // Dot-files are the server's own (.incoming, .share-key); generation folders are not.
      assertThat(entries.filter(p -> !p.getFileName().toString().startsWith(".")))
          .as("generation folders")
          .isEmpty();
    }
  }

  private BigDecimal total(String uri) {
    return http.post()
        .uri(uri)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(BRIEF)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(Estimate.class)
        .returnResult()
        .getResponseBody()
        .totalUsd();
  }

  private static BigDecimal dollars(Object usd) {
    return new BigDecimal(String.valueOf(usd));
  }
}
