package dev.reelsmith.activities.copy;

import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.Scene;
import dev.reelsmith.workflows.messages.Story;
import java.util.List;
import java.util.Optional;

/**
 * Writes an ad's copy (PRODUCT.md §7): the local, rule-based {@link LocalCopywriter} by default, a
 * remote OpenAI-compatible provider when configured. Scoring is not the writer's job: a {@link
 * StoryJudge} and a {@link CohesionJudge} grade every writer against the same rubrics.
 */
public interface Copywriter {

  /**
   * The ad's story: a title and its beats in arc order (hook, problem, reveal, benefits, call to
   * action). The returned story carries no score ({@code null}).
   */
  Story writeStory(Brief brief, List<ImageAnalysis> images);

  /**
   * Exactly {@code brief.sceneCount()} scenes that carry the story, each with narration, an
   * on-screen caption of at most {@link Captions#MAX_LENGTH} characters, a visual description, a
   * reference image and a duration; durations add up to {@code brief.durationSeconds()}.
   */
  List<Scene> planScenes(Brief brief, Story story, List<ImageAnalysis> images);

  /**
   * This writer for one generation. A writer that reads the generation's files (a remote one sends
   * the reference images along) binds to it here; the local writer needs nothing.
   */
  default Copywriter forGeneration(String generationId) {
    return this;
  }

  /**
   * A rewrite of {@code scored} (a story with its score) that addresses the score's notes, or empty
   * when this writer does not rewrite: the story is good enough, or the writer is deterministic and
   * would only write the same story again.
   */
  default Optional<Story> rewriteStory(Brief brief, List<ImageAnalysis> images, Story scored) {
    return Optional.empty();
  }
}
