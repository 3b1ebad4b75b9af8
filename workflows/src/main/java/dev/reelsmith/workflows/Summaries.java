package dev.reelsmith.workflows;

import dev.reelsmith.workflows.messages.AdmissionNotice;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.GenerationError;
import dev.reelsmith.workflows.messages.GenerationInput;
import dev.reelsmith.workflows.messages.ImageRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one owner of what operators read about a generation in Temporal Web: the one-line summary and
 * the details it starts with, the short status the workflow keeps current, and a name for each
 * activity call. Brief fields are the user's words, so they are escaped wherever Temporal Web reads
 * Markdown.
 */
final class Summaries {

  /** Temporal keeps at most 200 bytes of a workflow's static summary. */
  static final int SUMMARY_BYTES = 200;

  /** ...and 20 KB of its static details. */
  static final int DETAILS_BYTES = 20_000;

  private Summaries() {}

  /** "Ad for Aurora Cold Brew — 30 s, 16:9, 720p, by alice", within {@link #SUMMARY_BYTES}. */
  static String summary(GenerationInput input) {
    Brief brief = input.brief();
    String tail =
        " — "
            + brief.durationSeconds()
            + " s, "
            + brief.aspectRatio().wireName()
            + ", "
            + brief.resolution().wireName()
            + (input.owner() == null ? "" : ", by " + input.owner());
    String head = "Ad for ";
    int room = SUMMARY_BYTES - bytes(head) - bytes(tail);
    return fit(head + fit(oneLine(brief.productName()), Math.max(room, 0)) + tail, SUMMARY_BYTES);
  }

  /** The brief's fields and the reference images, as Markdown. */
  static String details(GenerationInput input) {
    Brief brief = input.brief();
    List<String> lines = new ArrayList<>();
    lines.add(
        "**"
            + markdown(brief.productName())
            + "**"
            + (input.owner() == null ? "" : ", for " + markdown(input.owner())));
    lines.add("");
    lines.add("> " + markdown(brief.description()));
    lines.add("");
    lines.add(
        "- **Length:** " + brief.durationSeconds() + " s in " + brief.sceneCount() + " scenes");
    lines.add(
        "- **Format:** "
            + brief.aspectRatio().wireName()
            + " at "
            + brief.resolution().wireName()
            + " ("
            + brief.width()
            + "×"
            + brief.height()
            + ")");
    lines.add("- **Tone:** " + brief.tone().wireName());
    if (brief.audience() != null && !brief.audience().isBlank()) {
      lines.add("- **Audience:** " + markdown(brief.audience()));
    }
    if (brief.callToAction() != null && !brief.callToAction().isBlank()) {
      lines.add("- **Call to action:** " + markdown(brief.callToAction()));
    }
    if (!brief.brandColors().isEmpty()) {
      lines.add("- **Brand colours:** " + markdown(String.join(", ", brief.brandColors())));
    }
    lines.add(
        "- **Reference images:** "
            + input.images().size()
            + " ("
            + markdown(
                input.images().stream()
                    .map(ImageRef::originalName)
                    .collect(Collectors.joining(", ")))
            + ")");
    lines.add("- **Generation:** " + input.generationId());
    return fit(String.join("\n", lines), DETAILS_BYTES);
  }

  static String analyseImages(int count) {
    return "Analyse " + plural(count, "reference image");
  }

  static String writeStory() {
    return "Write and score the story";
  }

  static String planScenes(int count) {
    return "Plan " + count + " scenes and score their cohesion";
  }

  static String prepareParams(int count) {
    return "Prepare render parameters for " + count + " scenes";
  }

  static String renderScene(int scene, int total) {
    return "Render scene " + scene + " of " + total;
  }

  static String stitch(int count) {
    return "Stitch " + count + " scenes into the final ad";
  }

  static String requestSlot(String owner, int limit) {
    return "Ask for one of " + owner + "'s " + limit + (limit == 1 ? " slot" : " slots");
  }

  /** What the generation does now, in a few words; {@code rendered} counts finished scenes. */
  static String working(GenerationInput input, Milestone milestone, int rendered, int scenes) {
    return switch (milestone.step) {
      case INIT -> "Starting";
      case UPLOAD -> "Analysing " + plural(input.images().size(), "reference image");
      case STORY -> "Writing and scoring the story";
      case SCENES -> "Planning " + input.brief().sceneCount() + " scenes";
      case VIDEO_PARAMS -> "Preparing render parameters for " + scenes + " scenes";
      case VIDEOS ->
          milestone == Milestone.STITCHED
              ? "Stitched " + scenes + " scenes into the final ad"
              : rendered < scenes
                  ? "Rendering scenes: " + rendered + " of " + scenes + " done"
                  : "Stitching " + scenes + " scenes into the final ad";
      case COMPLETE -> "Complete";
    };
  }

  static String queued(AdmissionNotice notice) {
    String details = "Queued behind " + plural(notice.running(), "running generation");
    return notice.ahead() == 0
        ? details
        : details + " and " + notice.ahead() + " waiting ahead of it";
  }

  static String failed(GenerationError error) {
    return "Failed at "
        + error.step().wireName()
        + (error.scene() == null ? "" : " (scene " + error.scene() + ")")
        + ": "
        + error.message();
  }

  static String cancelled(String step) {
    return "Cancelled at " + step;
  }

  /** {@code details} with the attempt it belongs to, once there has been a retry. */
  static String attempt(String details, int attempt) {
    return attempt == 1 ? details : details + " (attempt " + attempt + ")";
  }

  private static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  /**
   * {@code text} as literal Markdown on one line: characters that would start a link, emphasis,
   * code, a table cell, HTML or a heading are escaped.
   */
  static String markdown(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 8);
    for (char c : oneLine(text).toCharArray()) {
      if ("\\`*_[]<>|#~!".indexOf(c) >= 0) {
        escaped.append('\\');
      }
      escaped.append(c);
    }
    return escaped.toString();
  }

  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  private static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /** {@code text} cut to at most {@code max} UTF-8 bytes, never inside a character. */
  static String fit(String text, int max) {
    if (bytes(text) <= max) {
      return text;
    }
    String ellipsis = "…";
    int room = max - bytes(ellipsis);
    int end = 0;
    int used = 0;
    while (end < text.length()) {
      int next = text.offsetByCodePoints(end, 1);
      int size = bytes(text.substring(end, next));
      if (used + size > room) {
        break;
      }
      used += size;
      end = next;
    }
    return text.substring(0, end).stripTrailing() + ellipsis;
  }
}
