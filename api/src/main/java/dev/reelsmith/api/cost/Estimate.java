package dev.reelsmith.api.cost;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import java.math.BigDecimal;
import java.util.List;

/**
 * What a generation will cost at most, step by step, before it starts.
 *
 * @param totalUsd the sum of the items; null when one of them has no price
 * @param budgetUsd the cap per generation; null when there is none
 * @param withinBudget false when the total is over the cap, or unknown while there is one
 */
@Schema(requiredProperties = {"currency", "total_usd", "items", "budget_usd", "within_budget"})
public record Estimate(
    String currency,
    @JsonProperty("total_usd") @Nullable BigDecimal totalUsd,
    List<Item> items,
    @JsonProperty("budget_usd") @Nullable BigDecimal budgetUsd,
    @JsonProperty("within_budget") boolean withinBudget) {

  public static final String CURRENCY = "USD";

  /**
   * One provider's share of a step.
   *
   * @param quantity how many units the step uses at most
   * @param unit what is counted: input tokens, output tokens, characters, video seconds
   * @param usd what they cost; null when the model has no price in {@code reelsmith.prices}
   */
  @Schema(
      name = "EstimateItem",
      requiredProperties = {"step", "provider", "model", "quantity", "unit", "usd"})
  public record Item(
      String step,
      String provider,
      String model,
      long quantity,
      String unit,
      @Nullable BigDecimal usd) {}

  /** Whether the estimate is under the cap: a price that is not known cannot be. */
  static boolean within(@Nullable BigDecimal total, @Nullable BigDecimal budget) {
    return budget == null || (total != null && total.compareTo(budget) <= 0);
  }
}
