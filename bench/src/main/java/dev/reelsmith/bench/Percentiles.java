package dev.reelsmith.bench;

import java.util.Arrays;
import java.util.List;

/** Nearest-rank percentiles of measured values. */
final class Percentiles {

  private Percentiles() {}

  static double percentile(List<Double> values, int percentile) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
