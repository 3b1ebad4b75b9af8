package dev.reelsmith.activities.copy;

import dev.reelsmith.activities.images.ImageAnalyzer;
import dev.reelsmith.activities.testing.TestImages;
import dev.reelsmith.activities.testing.TestImages.Look;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.messages.AspectRatio;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.Resolution;
import dev.reelsmith.workflows.messages.Tone;
import java.util.List;

/** Briefs and analysed images for the copy tests. */
final class Fixtures {

  static final String PRODUCT = "Aurora Cold Brew";
  static final String CALL_TO_ACTION = "Order today at aurora.example";

  private static List<ImageAnalysis> images;
  private static List<ImageAnalysis> awkwardImages;

  private Fixtures() {}

  /** The brief of PRODUCT.md §5.1. */
  static Brief brief() {
    return brief(Tone.WARM, 30, 4);
  }

  static Brief brief(Tone tone, int seconds, int scenes) {
    return new Brief(
        PRODUCT,
        "Slow-steeped cold brew coffee in a recyclable glass bottle. No sugar, no bitterness, "
            + "just smooth coffee. Keeps in the fridge for two weeks.",
        "busy professionals who want better coffee at home",
        tone,
        CALL_TO_ACTION,
        seconds,
        AspectRatio.LANDSCAPE,
        Resolution.HD,
        List.of("#1A73E8", "#FFFFFF"),
        scenes);
  }

  static Brief withoutCallToAction(Brief brief) {
    return new Brief(
        brief.productName(),
        brief.description(),
        brief.audience(),
        brief.tone(),
        null,
        brief.durationSeconds(),
        brief.aspectRatio(),
        brief.resolution(),
        brief.brandColors(),
        brief.sceneCount());
  }

  static Brief framed(Brief brief, AspectRatio aspect, Resolution resolution) {
    return new Brief(
        brief.productName(),
        brief.description(),
        brief.audience(),
        brief.tone(),
        brief.callToAction(),
        brief.durationSeconds(),
        aspect,
        resolution,
        brief.brandColors(),
        brief.sceneCount());
  }

  /**
   * Three analysed images: a studio photo (1), a cut-out in orange (2, the hero) and a dark photo
   * (3).
   */
  static synchronized List<ImageAnalysis> images() {
    if (images == null) {
      ImageAnalyzer analyzer = new ImageAnalyzer();
      images =
          List.of(
              analyzer.analyze(1, MediaLayout.reference(1), TestImages.photo(480, 300)),
              analyzer.analyze(2, MediaLayout.reference(2), TestImages.cutOut(400, 300)),
              analyzer.analyze(3, MediaLayout.reference(3), TestImages.photo(480, 300, Look.DARK)));
    }
    return images;
  }

  /** Every kind of image the planner must frame: wide, tall, tiny, cut-out, ordinary. */
  static synchronized List<ImageAnalysis> awkwardImages() {
    if (awkwardImages != null) {
      return awkwardImages;
    }
    ImageAnalyzer analyzer = new ImageAnalyzer();
    awkwardImages =
        List.of(
            analyzer.analyze(1, MediaLayout.reference(1), TestImages.photo(2560, 341), 6000, 800),
            analyzer.analyze(2, MediaLayout.reference(2), TestImages.photo(300, 600)),
            analyzer.analyze(3, MediaLayout.reference(3), TestImages.photo(8, 6)),
            analyzer.analyze(4, MediaLayout.reference(4), TestImages.cutOut(400, 300)),
            analyzer.analyze(
                5, MediaLayout.reference(5), TestImages.photo(1600, 900, Look.BRIGHT)));
    return awkwardImages;
  }
}
