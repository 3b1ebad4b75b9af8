package dev.reelsmith.api.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reelsmith.api.providers.FalProperties;
import dev.reelsmith.api.providers.OpenAiProperties;
import dev.reelsmith.api.providers.ProviderChoices;
import dev.reelsmith.api.providers.ProviderChoices.Story;
import dev.reelsmith.api.providers.ProviderChoices.Video;
import dev.reelsmith.api.providers.ProviderChoices.Voice;
import dev.reelsmith.api.providers.RunwayProperties;
import dev.reelsmith.workflows.Briefs;
import dev.reelsmith.workflows.InvalidBriefException;
import dev.reelsmith.workflows.messages.Brief;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** How the estimate handles what the endpoint tests leave out: other models and missing prices. */
class CostEstimatorTest {

  private static final PriceTable PRICES =
      new PriceTable(
          new PriceTable.Llm(
              Map.of(
                  "gpt-4o-mini",
                  new PriceTable.TokenPrice(new BigDecimal("0.15"), new BigDecimal("0.60")))),
          new PriceTable.Speech(Map.of("gpt-4o-mini-tts", new BigDecimal("15"))),
          new PriceTable.Video(
              Map.of("kling", new PriceTable.VideoPrice(new BigDecimal("0.05"), 5))),
          new PriceTable.Video(
              Map.of("gen4_turbo", new PriceTable.VideoPrice(new BigDecimal("0.05"), 5))));

  /** 30 s in four scenes of 7.5 s. */
  private static final Brief BRIEF =
      brief(
          """
          {"product_name": "Aurora Cold Brew", "description": "Cold brew in a glass bottle."}
          """);

  private static Brief brief(String json) {
    try {
      return Briefs.parse(json);
    } catch (InvalidBriefException e) {
      throw new AssertionError(e);
    }
  }

  private static CostEstimator estimator(
      ProviderChoices providers, String llmModel, BigDecimal budget, String videoModel) {
    return new CostEstimator(
        PRICES,
        providers,
        new OpenAiProperties(
            URI.create("http://127.0.0.1:9/v1"),
            null,
            llmModel,
            "gpt-4o-mini-tts",
            "alloy",
            Duration.ofSeconds(5)),
        new BudgetProperties(budget),
        new FalProperties(null, null, videoModel, null, null, null),
        new RunwayProperties(null, null, videoModel, null, null));
  }

  @Test
  void pricesRunwayInWholeClips() {
    Estimate estimate =
        estimator(
                new ProviderChoices(Story.LOCAL, Video.RUNWAY, Voice.LOCAL),
                "gpt-4o-mini",
                null,
                "gen4_turbo")
            .estimate(BRIEF, 1);

    assertThat(estimate.items())
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.provider()).isEqualTo("runway");
              assertThat(item.model()).isEqualTo("gen4_turbo");
              // 7.5 s a scene is billed as a 10 s clip.
              assertThat(item.quantity()).isEqualTo(4 * 10);
              assertThat(item.usd()).isEqualByComparingTo("2.00");
            });
    assertThat(estimate.totalUsd()).isEqualByComparingTo("2.00");
  }

  @Test
  void saysWhenAModelHasNoPrice() {
    Estimate estimate =
        estimator(
                new ProviderChoices(Story.OPENAI, Video.FAL, Voice.LOCAL),
                "llama3.1",
                null,
                "kling")
            .estimate(BRIEF, 1);

    assertThat(estimate.items())
        .filteredOn(item -> item.model().equals("llama3.1"))
        .hasSize(6)
        .allSatisfy(item -> assertThat(item.usd()).isNull());
    assertThat(estimate.items())
        .filteredOn(item -> item.provider().equals("fal"))
        .singleElement()
        .satisfies(item -> assertThat(item.usd()).isEqualByComparingTo("2.00"));
    assertThat(estimate.totalUsd()).isNull();
    assertThat(estimate.withinBudget()).as("no budget to keep").isTrue();
  }

  @Test
  void refusesAnUnpricedModelWhileThereIsABudget() {
    CostEstimator costs =
        estimator(
            new ProviderChoices(Story.LOCAL, Video.FAL, Voice.LOCAL),
            "gpt-4o-mini",
            new BigDecimal("5"),
            "fal-ai/new-model");

    assertThat(costs.estimate(BRIEF, 1).withinBudget()).isFalse();
    assertThatThrownBy(() -> costs.requireWithinBudget(BRIEF, 1))
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
              assertThat(e.getBody().getDetail())
                  .contains("No price is configured for fal model fal-ai/new-model")
                  .contains("the budget of $5.00 per generation");
            });
  }

  @Test
  void letsAGenerationWithinTheBudgetThrough() {
    CostEstimator costs =
        estimator(
            new ProviderChoices(Story.OPENAI, Video.FAL, Voice.OPENAI),
            "gpt-4o-mini",
            new BigDecimal("2.50"),
            "kling");

    Estimate estimate = costs.requireWithinBudget(BRIEF, 1);

    // 40 s of video at $0.05, and a few cents of tokens and speech.
    assertThat(estimate.totalUsd()).isBetween(new BigDecimal("2.00"), new BigDecimal("2.05"));
    assertThat(estimate.withinBudget()).isTrue();
  }
}
