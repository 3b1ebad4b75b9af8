package dev.reelsmith.workflows.messages;

import java.util.List;

/** A 0–100 grade with the rubric items that add up to it. */
public record Score(int total, List<RubricItem> rubric) {

  public Score {
    rubric = List.copyOf(rubric);
  }

  /** Sums the rubric and scales it to 0–100. */
  public static Score of(List<RubricItem> rubric) {
    int points = rubric.stream().mapToInt(RubricItem::points).sum();
    int max = rubric.stream().mapToInt(RubricItem::maxPoints).sum();
    return new Score(max == 0 ? 0 : Math.round(100f * points / max), rubric);
  }
}
