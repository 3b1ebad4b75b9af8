package dev.reelsmith.activities.images;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Dominant colours by weighted k-means in CIELAB over the grid's opaque cells. Seeded, so the same
 * image always gives the same palette. Near-duplicate clusters are merged and slivers dropped, so a
 * plain image honestly yields fewer colours than a busy one.
 */
final class PaletteExtractor {

  static final int MAX_COLORS = 5;

  private static final int ITERATIONS = 24;
  private static final double MERGE_DELTA_E = 12;
  private static final double MIN_SHARE = 0.03;
  private static final long SEED = 0x5EEDL;

  private PaletteExtractor() {}

  /** Up to five {@code #RRGGBB} colours, most dominant first; never empty. */
  static List<String> palette(Grid grid) {
    List<Integer> samples = new ArrayList<>();
    for (int i = 0; i < grid.rgb.length; i++) {
      if (grid.coverage[i] >= 0.5) {
        samples.add(i);
      }
    }
    if (samples.isEmpty()) {
      // Nothing opaque to speak of: the colours that are there are all there is.
      for (int i = 0; i < grid.rgb.length; i++) {
        samples.add(i);
      }
    }
    int n = samples.size();
    double[][] lab = new double[n][];
    double[] weight = new double[n];
    int[] rgb = new int[n];
    for (int s = 0; s < n; s++) {
      int cell = samples.get(s);
      rgb[s] = grid.rgb[cell];
      lab[s] = Colors.lab(rgb[s]);
      weight[s] = Math.max(grid.coverage[cell], 1e-3);
    }
    int k = Math.min(MAX_COLORS, n);
    double[][] centres = seed(lab, weight, k);
    int[] assignment = new int[n];
    for (int iteration = 0; iteration < ITERATIONS; iteration++) {
      boolean changed = assign(lab, centres, assignment) || iteration == 0;
      centres = update(lab, weight, assignment, centres);
      if (!changed) {
        break;
      }
    }
    assign(lab, centres, assignment);
    List<Cluster> clusters = new ArrayList<>();
    for (int c = 0; c < centres.length; c++) {
      clusters.add(new Cluster());
    }
    for (int s = 0; s < n; s++) {
      clusters.get(assignment[s]).add(rgb[s], lab[s], weight[s]);
    }
    clusters.removeIf(cluster -> cluster.weight == 0);
    merge(clusters);
    double total = clusters.stream().mapToDouble(c -> c.weight).sum();
    clusters.sort(Comparator.comparingDouble((Cluster c) -> -c.weight));
    List<String> palette = new ArrayList<>();
    for (Cluster cluster : clusters) {
      if (palette.isEmpty() || cluster.weight / total >= MIN_SHARE) {
        palette.add(Colors.hex(cluster.meanRgb()));
      }
    }
    return List.copyOf(palette);
  }

  /** k-means++ seeding with a fixed seed. */
  private static double[][] seed(double[][] lab, double[] weight, int k) {
    Random random = new Random(SEED);
    int n = lab.length;
    double[][] centres = new double[k][];
    double[] nearest = new double[n];
    int first = heaviest(weight);
    centres[0] = lab[first].clone();
    for (int s = 0; s < n; s++) {
      nearest[s] = squared(lab[s], centres[0]);
    }
    for (int c = 1; c < k; c++) {
      double sum = 0;
      for (int s = 0; s < n; s++) {
        sum += nearest[s] * weight[s];
      }
      int chosen = 0;
      if (sum > 0) {
        double target = random.nextDouble() * sum;
        for (int s = 0; s < n; s++) {
          target -= nearest[s] * weight[s];
          if (target <= 0) {
            chosen = s;
            break;
          }
        }
      }
      centres[c] = lab[chosen].clone();
      for (int s = 0; s < n; s++) {
        nearest[s] = Math.min(nearest[s], squared(lab[s], centres[c]));
      }
    }
    return centres;
  }

  private static int heaviest(double[] weight) {
    int best = 0;
    for (int i = 1; i < weight.length; i++) {
      if (weight[i] > weight[best]) {
        best = i;
      }
    }
    return best;
  }

  private static boolean assign(double[][] lab, double[][] centres, int[] assignment) {
    boolean changed = false;
    for (int s = 0; s < lab.length; s++) {
      int best = 0;
      double bestDistance = Double.MAX_VALUE;
      for (int c = 0; c < centres.length; c++) {
        double d = squared(lab[s], centres[c]);
        if (d < bestDistance) {
          bestDistance = d;
          best = c;
        }
      }
      if (assignment[s] != best) {
        assignment[s] = best;
        changed = true;
      }
    }
    return changed;
  }

  private static double[][] update(
      double[][] lab, double[] weight, int[] assignment, double[][] previous) {
    int k = previous.length;
    double[][] sums = new double[k][3];
    double[] weights = new double[k];
    for (int s = 0; s < lab.length; s++) {
      int c = assignment[s];
      for (int d = 0; d < 3; d++) {
        sums[c][d] += lab[s][d] * weight[s];
      }
      weights[c] += weight[s];
    }
    double[][] centres = new double[k][];
    for (int c = 0; c < k; c++) {
      centres[c] =
          weights[c] == 0
              ? previous[c]
              : new double[] {
                sums[c][0] / weights[c], sums[c][1] / weights[c], sums[c][2] / weights[c]
              };
    }
    return centres;
  }

  private static void merge(List<Cluster> clusters) {
    boolean merged = true;
    while (merged) {
      merged = false;
      outer:
      for (int i = 0; i < clusters.size(); i++) {
        for (int j = i + 1; j < clusters.size(); j++) {
          if (Colors.deltaE(clusters.get(i).meanLab(), clusters.get(j).meanLab()) < MERGE_DELTA_E) {
            clusters.get(i).absorb(clusters.remove(j));
            merged = true;
            break outer;
          }
        }
      }
    }
  }

  private static double squared(double[] a, double[] b) {
    double dl = a[0] - b[0];
    double da = a[1] - b[1];
    double db = a[2] - b[2];
    return dl * dl + da * da + db * db;
  }

  /** Running weighted sums of a cluster's members, in sRGB for output and Lab for merging. */
  private static final class Cluster {
    double weight;
    final double[] rgb = new double[3];
    final double[] lab = new double[3];

    void add(int color, double[] colorLab, double w) {
      weight += w;
      rgb[0] += Colors.red(color) * w;
      rgb[1] += Colors.green(color) * w;
      rgb[2] += Colors.blue(color) * w;
      for (int d = 0; d < 3; d++) {
        lab[d] += colorLab[d] * w;
      }
    }

    void absorb(Cluster other) {
      weight += other.weight;
      for (int d = 0; d < 3; d++) {
        rgb[d] += other.rgb[d];
        lab[d] += other.lab[d];
      }
    }

    double[] meanLab() {
      return new double[] {lab[0] / weight, lab[1] / weight, lab[2] / weight};
    }

    int meanRgb() {
      return Colors.rgb(
          (int) Math.round(rgb[0] / weight),
          (int) Math.round(rgb[1] / weight),
          (int) Math.round(rgb[2] / weight));
    }
  }
}
