package dev.reelsmith.activities.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reelsmith.activities.copy.CohesionScorer;
import dev.reelsmith.activities.copy.Criterion;
import dev.reelsmith.activities.copy.StoryScorer;
import java.util.List;
import java.util.Map;

/** What a model answers, as the JSON text of a completion's message. */
final class Answers {

  static final String TITLE = "Aurora Cold Brew: better coffee at home";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> BEATS =
      Map.of(
          "hook", "Tired of bitter office coffee?",
          "problem", "Mornings are busy and cafés are far.",
          "reveal", "Meet Aurora Cold Brew, slow-steeped coffee in a glass bottle.",
          "benefit", "No sugar, no bitterness, two weeks in your fridge.",
          "call_to_action", "Order today at aurora.example.");

  private Answers() {}

  static String story(String... roles) {
    ObjectNode story = JSON.createObjectNode().put("title", TITLE);
    ArrayNode beats = story.putArray("beats");
    for (String role : roles) {
      beats.addObject().put("role", role).put("text", BEATS.get(role));
    }
    return story.toString();
  }

  /** Four scenes (hook, reveal, benefit, call to action) on images 1, 2, 1, 2. */
  static String scenes(double... durations) {
    String[] roles = {"hook", "reveal", "benefit", "call_to_action"};
    String[] captions = {
      "Bitter coffee again?", "Aurora Cold Brew", "No sugar. No bitterness", "Order today"
    };
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode scenes = answer.putArray("scenes");
    for (int i = 0; i < roles.length; i++) {
      scenes
          .addObject()
          .put("role", roles[i])
          .put("narration", BEATS.get(roles[i]))
          .put("caption", captions[i])
          .put("visual", "Slow push-in on the bottle, morning light")
          .put("duration_seconds", durations[i])
          .put("image_index", i % 2 + 1);
    }
    return answer.toString();
  }

  /** Every item of the story rubric given {@code points} (the judge clamps to each maximum). */
  static String storyScore(int points) {
    return score(StoryScorer.RUBRIC, points);
  }

  static String cohesionScore(int points) {
    return score(CohesionScorer.RUBRIC, points);
  }

  private static String score(List<Criterion> rubric, int points) {
    ObjectNode answer = JSON.createObjectNode();
    for (Criterion criterion : rubric) {
      answer
          .putObject(ScoreAnswer.key(criterion))
          .put("points", points)
          .put("note", "Judged " + criterion.name() + " at " + points + ".");
    }
    return answer.toString();
  }
}
