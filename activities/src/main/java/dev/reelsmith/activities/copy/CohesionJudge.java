package dev.reelsmith.activities.copy;

import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.Scene;
import dev.reelsmith.workflows.messages.Score;
import java.util.List;

/**
 * Grades how well scenes hang together, 0–100, against {@link CohesionScorer#RUBRIC}: the local
 * {@link CohesionScorer}, or an LLM judge told the same rubric.
 */
public interface CohesionJudge {

  Score score(Brief brief, List<Scene> scenes, List<ImageAnalysis> images);
}
