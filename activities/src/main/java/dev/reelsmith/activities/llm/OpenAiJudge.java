package dev.reelsmith.activities.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reelsmith.activities.copy.CohesionJudge;
import dev.reelsmith.activities.copy.CohesionScorer;
import dev.reelsmith.activities.copy.Criterion;
import dev.reelsmith.activities.copy.StoryJudge;
import dev.reelsmith.activities.copy.StoryScorer;
import dev.reelsmith.activities.llm.ChatClient.Schema;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.Scene;
import dev.reelsmith.workflows.messages.Score;
import dev.reelsmith.workflows.messages.Story;
import java.util.List;

/**
 * An LLM judge that grades with the local scorers' rubrics ({@link StoryScorer#RUBRIC}, {@link
 * CohesionScorer#RUBRIC}): same items, same maximum points, each with a note, so a score reads the
 * same whoever gave it. It reads text only; the pictures were the writer's to look at.
 */
public final class OpenAiJudge implements StoryJudge, CohesionJudge {

  private static final Schema STORY = ScoreAnswer.schema("story_score", StoryScorer.RUBRIC);
  private static final Schema COHESION =
      ScoreAnswer.schema("scene_cohesion", CohesionScorer.RUBRIC);

  private final ChatClient chat;

  public OpenAiJudge(ChatClient chat) {
    this.chat = chat;
  }

  @Override
  public Score score(Brief brief, Story story) {
    return judge(
        "the story of a video ad",
        StoryScorer.RUBRIC,
        STORY,
        Prompts.brief(brief) + "\n\n" + Prompts.story(story),
        "the story's score");
  }

  @Override
  public Score score(Brief brief, List<Scene> scenes, List<ImageAnalysis> images) {
    return judge(
        "how well the scenes of a video ad hang together",
        CohesionScorer.RUBRIC,
        COHESION,
        Prompts.brief(brief) + "\n\n" + Prompts.images(images) + "\n\n" + Prompts.scenes(scenes),
        "the scenes' score");
  }

  private Score judge(
      String subject, List<Criterion> rubric, Schema schema, String material, String what) {
    List<ObjectNode> messages =
        List.of(
            ChatClient.text(
                "system",
                "You are a strict judge of "
                    + subject
                    + ". Grade with this rubric: give each item whole points from 0 to its"
                    + " maximum, and a one-sentence note saying why and what would earn the"
                    + " rest.\n"
                    + Prompts.rubric(rubric)),
            ChatClient.text("user", material));
    return chat.ask(messages, schema, answer -> ScoreAnswer.read(answer, rubric), what);
  }
}
