package dev.reelsmith.api.cost;

import dev.reelsmith.api.problems.Problems;
import dev.reelsmith.api.providers.FalProperties;
import dev.reelsmith.api.providers.OpenAiProperties;
import dev.reelsmith.api.providers.ProviderChoices;
import dev.reelsmith.api.providers.ProviderChoices.Story;
import dev.reelsmith.api.providers.ProviderChoices.Video;
import dev.reelsmith.api.providers.ProviderChoices.Voice;
import dev.reelsmith.api.providers.RunwayProperties;
import dev.reelsmith.workflows.messages.Brief;
import jakarta.annotation.Nullable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * The most a generation can cost with the configured providers, from its brief and the number of
 * its reference images, priced by the {@link PriceTable}. It is an upper bound: every story is
 * assumed to be rewritten the two times allowed and judged each time, and every scene to be
 * rendered and narrated once at its full length. What it does not count: a provider call repeated
 * because its answer was invalid or lost, and a scene rendered again after a retry.
 *
 * <p>A model that has no price in the table does not stop the server (a local Ollama or vLLM model
 * costs nothing to this app, and operators rarely list it): its item says the price is unknown
 * ({@code usd: null}), the total is then unknown too, and a generation cannot start while a budget
 * is set, since no one can tell whether it fits.
 */
@Component
public class CostEstimator {

  /** The instructions and JSON schema that come with every chat request. */
  static final int PROMPT_TOKENS = 1_500;

  /**
   * One reference image as the chat API counts it at most: OpenAI's high detail charges 85 tokens
   * plus 170 per 512 px tile, and images are downscaled to fit 1024 px first (four tiles).
   */
  static final int IMAGE_TOKENS = 85 + 4 * 170;

  /** About four characters of English to a token. */
  static final int CHARACTERS_PER_TOKEN = 4;

  /** The longest story (premise, beats, narration) the story step asks for. */
  static final int STORY_TOKENS = 1_200;

  /** The judge's scores and its reasons. */
  static final int VERDICT_TOKENS = 400;

  /** One scene's plan: what it shows, its camera move, caption and narration. */
  static final int SCENE_TOKENS = 300;

  /** A story under the minimum score is rewritten at most this many times (issue 7). */
  static final int MAX_REWRITES = 2;

  /** Brisk narration: about 170 words a minute, six characters a word with its space. */
  static final int NARRATION_CHARACTERS_PER_SECOND = 17;

  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  private final PriceTable prices;
  private final ProviderChoices providers;
  private final OpenAiProperties openAi;
  private final FalProperties fal;
  private final RunwayProperties runway;
  @Nullable private final BigDecimal budget;

  public CostEstimator(
      PriceTable prices,
      ProviderChoices providers,
      OpenAiProperties openAi,
      BudgetProperties budget,
      FalProperties fal,
      RunwayProperties runway) {
    this.prices = prices;
    this.providers = providers;
    this.openAi = openAi;
    this.fal = fal;
    this.runway = runway;
    this.budget = budget.budgetUsd();
  }

  /** The estimate for a checked brief with {@code images} reference images. */
  public Estimate estimate(Brief brief, int images) {
    List<Estimate.Item> items = new ArrayList<>();
    if (providers.story() == Story.OPENAI) {
      items.addAll(story(brief, images));
    }
    items.addAll(video(brief));
    if (providers.voice() == Voice.OPENAI) {
      items.add(narration(brief));
    }
    BigDecimal total =
        items.stream().anyMatch(item -> item.usd() == null)
            ? null
            : items.stream().map(Estimate.Item::usd).reduce(BigDecimal.ZERO, BigDecimal::add);
    return new Estimate(Estimate.CURRENCY, total, items, budget, Estimate.within(total, budget));
  }

  /**
   * The estimate, when it is within the budget; otherwise a 422 problem that names both figures and
   * carries the estimate, so nothing is stored or started.
   */
  public Estimate requireWithinBudget(Brief brief, int images) {
    Estimate estimate = estimate(brief, images);
    if (estimate.withinBudget()) {
      return estimate;
    }
    String detail =
        estimate.totalUsd() == null
            ? "No price is configured for "
                + estimate.items().stream()
                    .filter(item -> item.usd() == null)
                    .map(item -> item.provider() + " model " + item.model())
                    .distinct()
                    .collect(Collectors.joining(" and "))
                + ", so this generation cannot be checked against the budget of "
                + dollars(budget)
                + " per generation. Add its price under reelsmith.prices."
            : "This generation is estimated to cost up to "
                + dollars(estimate.totalUsd())
                + ", over the budget of "
                + dollars(budget)
                + " per generation. Choose a shorter ad, or ask the operator to raise"
                + " REELSMITH_BUDGET_USD.";
    ErrorResponseException problem =
        Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "Over budget", detail);
    problem.getBody().setProperty("estimate", estimate);
    throw problem;
  }

  /** Dollars as people write them, with the cents a small figure needs. */
  static String dollars(BigDecimal usd) {
    BigDecimal plain = usd.stripTrailingZeros();
    return "$" + (plain.scale() < 2 ? plain.setScale(2) : plain).toPlainString();
  }

  /** The story written and rewritten, each version judged, and the scenes planned. */
  private List<Estimate.Item> story(Brief brief, int images) {
    String model = openAi.llmModel();
    PriceTable.TokenPrice price = prices.llm().models().get(model);
    long context = PROMPT_TOKENS + briefTokens(brief) + (long) images * IMAGE_TOKENS;
    int versions = 1 + MAX_REWRITES;
    // A rewrite also reads the version before it and the judge's verdict on it.
    long storyInput = versions * context + MAX_REWRITES * (STORY_TOKENS + VERDICT_TOKENS);
    long judgeInput = versions * (context + STORY_TOKENS);
    long scenesInput = context + STORY_TOKENS;
    return List.of(
        tokens("story", model, storyInput, price, PriceTable.TokenPrice::inputPerMillion, "input"),
        tokens(
            "story",
            model,
            (long) versions * STORY_TOKENS,
            price,
            PriceTable.TokenPrice::outputPerMillion,
            "output"),
        tokens("judge", model, judgeInput, price, PriceTable.TokenPrice::inputPerMillion, "input"),
        tokens(
            "judge",
            model,
            (long) versions * VERDICT_TOKENS,
            price,
            PriceTable.TokenPrice::outputPerMillion,
            "output"),
        tokens(
            "scenes", model, scenesInput, price, PriceTable.TokenPrice::inputPerMillion, "input"),
        tokens(
            "scenes",
            model,
            (long) brief.sceneCount() * SCENE_TOKENS,
            price,
            PriceTable.TokenPrice::outputPerMillion,
            "output"));
  }

  private static Estimate.Item tokens(
      String step,
      String model,
      long quantity,
      @Nullable PriceTable.TokenPrice price,
      Function<PriceTable.TokenPrice, BigDecimal> perMillion,
      String direction) {
    return new Estimate.Item(
        step,
        "openai",
        model,
        quantity,
        direction + " tokens",
        price == null ? null : perMillion(quantity, perMillion.apply(price)));
  }

  /** One clip per scene, each as long as its share of the ad, billed in the model's steps. */
  private List<Estimate.Item> video(Brief brief) {
    if (providers.video() == Video.LOCAL) {
      return List.of();
    }
    PriceTable.Video table = providers.video() == Video.FAL ? prices.fal() : prices.runway();
    String model = providers.video() == Video.FAL ? fal.model() : runway.model();
    String provider = providers.video().name().toLowerCase(Locale.ROOT);
    PriceTable.VideoPrice price = table.models().get(model);
    long step = price == null ? 1 : price.billedSecondsStep();
    long sceneSeconds = ceilDiv(brief.durationSeconds(), brief.sceneCount());
    long seconds = brief.sceneCount() * ceilDiv(sceneSeconds, step) * step;
    return List.of(
        new Estimate.Item(
            "video",
            provider,
            model,
            seconds,
            "video seconds",
            price == null ? null : money(price.perSecond().multiply(BigDecimal.valueOf(seconds)))));
  }

  private Estimate.Item narration(Brief brief) {
    String model = openAi.ttsModel();
    BigDecimal perMillion = prices.speech().models().get(model);
    long characters = (long) brief.durationSeconds() * NARRATION_CHARACTERS_PER_SECOND;
    return new Estimate.Item(
        "narration",
        "openai",
        model,
        characters,
        "characters",
        perMillion == null ? null : perMillion(characters, perMillion));
  }

  /** The brief's text as tokens, with a little for its field names and choices. */
  private static long briefTokens(Brief brief) {
    long characters =
        Stream.of(
                brief.productName(),
                brief.description(),
                brief.audience(),
                brief.callToAction(),
                String.join(" ", brief.brandColors()))
            .mapToLong(text -> text == null ? 0 : text.length())
            .sum();
    return 50 + ceilDiv(characters, CHARACTERS_PER_TOKEN);
  }

  private static BigDecimal perMillion(long quantity, BigDecimal pricePerMillion) {
    return money(
        pricePerMillion.multiply(BigDecimal.valueOf(quantity)).divide(MILLION, 6, RoundingMode.UP));
  }

  /** Dollars to a hundredth of a cent, rounded up: an upper bound stays one. */
  private static BigDecimal money(BigDecimal usd) {
    return usd.setScale(4, RoundingMode.UP);
  }

  private static long ceilDiv(long a, long b) {
    return Math.floorDiv(a + b - 1, b);
  }
}
