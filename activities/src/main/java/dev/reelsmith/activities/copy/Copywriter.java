package dev.reelsmith.activities.copy;

import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.Scene;
import dev.reelsmith.workflows.messages.Story;
import java.util.List;

/**
 * Writes an ad's copy (PRODUCT.md §7): the local, rule-based {@link LocalCopywriter} by default, a
 * remote OpenAI-compatible provider when configured. Scoring is not the writer's job: {@link
 * StoryScorer} and {@link CohesionScorer} judge every writer the same way.
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
}
