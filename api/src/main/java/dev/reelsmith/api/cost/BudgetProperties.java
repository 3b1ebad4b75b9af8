package dev.reelsmith.api.cost;

import jakarta.annotation.Nullable;
import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The most one generation may cost, in US dollars ({@code REELSMITH_BUDGET_USD}); null for no cap.
 */
@ConfigurationProperties("reelsmith")
public record BudgetProperties(@Nullable BigDecimal budgetUsd) {}
