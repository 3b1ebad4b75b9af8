package dev.reelsmith.activities.llm;

import dev.reelsmith.activities.copy.Criterion;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.Scene;
import dev.reelsmith.workflows.messages.Story;
import dev.reelsmith.workflows.messages.StoryBeat;
import java.util.List;
import java.util.Locale;

/** The facts every prompt shares, written the same way for the writer and the judge. */
final class Prompts {

  private Prompts() {}

  static String brief(Brief brief) {
    return String.join(
        "\n",
        "Product: " + brief.productName(),
        "Description: " + brief.description(),
        "Audience: " + orElse(brief.audience(), "not given"),
        "Tone: " + brief.tone().wireName(),
        "Call to action: " + orElse(brief.callToAction(), "none given; end on a fitting one"),
        "Length: " + brief.durationSeconds() + " seconds, " + brief.sceneCount() + " scenes",
        "Brand colours: " + (brief.brandColors().isEmpty() ? "none" : brief.brandColors()));
  }

  /** One line per reference image; the pictures themselves follow in the same order. */
  static String images(List<ImageAnalysis> images) {
    StringBuilder text = new StringBuilder("Reference images (attached in this order):");
    for (ImageAnalysis image : images) {
      text.append(
          String.format(
              Locale.ROOT,
              "%nImage %d: %s, %dx%d px, colours %s, brightness %.2f%s",
              image.index(),
              image.orientation().name().toLowerCase(Locale.ROOT),
              image.width(),
              image.height(),
              image.palette(),
              image.brightness(),
              image.transparent() ? ", a cut-out on a transparent background" : ""));
    }
    return text.toString();
  }

  static String story(Story story) {
    StringBuilder text = new StringBuilder("Story: " + story.title());
    for (StoryBeat beat : story.beats()) {
      text.append("\n- ").append(Schemas.wire(beat.role())).append(": ").append(beat.text());
    }
    return text.toString();
  }

  static String scenes(List<Scene> scenes) {
    StringBuilder text = new StringBuilder("Scenes:");
    for (Scene scene : scenes) {
      text.append(
          String.format(
              Locale.ROOT,
              "%n%d. %s, %.1f s, image %d%n   narration: %s%n   caption: %s%n   visual: %s",
              scene.index(),
              scene.role() == null ? "(no role)" : Schemas.wire(scene.role()),
              scene.durationSeconds(),
              scene.imageIndex(),
              scene.narration(),
              scene.caption(),
              scene.visual()));
    }
    return text.toString();
  }

  static String rubric(List<Criterion> rubric) {
    StringBuilder text = new StringBuilder();
    for (Criterion criterion : rubric) {
      text.append(
          String.format(
              Locale.ROOT,
              "- %s (%d points): %s%n",
              ScoreAnswer.key(criterion),
              criterion.maxPoints(),
              criterion.earnedBy()));
    }
    return text.toString().strip();
  }

  private static String orElse(String value, String otherwise) {
    return value == null || value.isBlank() ? otherwise : value;
  }
}
