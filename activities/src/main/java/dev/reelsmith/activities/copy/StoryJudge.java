package dev.reelsmith.activities.copy;

import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.Score;
import dev.reelsmith.workflows.messages.Story;

/**
 * Grades a story 0–100 against {@link StoryScorer#RUBRIC}: the local {@link StoryScorer}, or an LLM
 * judge told the same rubric, so scores mean the same whichever provider is configured.
 */
public interface StoryJudge {

  Score score(Brief brief, Story story);
}
