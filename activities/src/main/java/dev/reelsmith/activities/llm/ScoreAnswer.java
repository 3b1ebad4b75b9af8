package dev.reelsmith.activities.llm;

import static dev.reelsmith.activities.llm.Schemas.integer;
import static dev.reelsmith.activities.llm.Schemas.object;
import static dev.reelsmith.activities.llm.Schemas.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reelsmith.activities.copy.Criterion;
import dev.reelsmith.activities.llm.ChatClient.InvalidAnswer;
import dev.reelsmith.activities.llm.ChatClient.Schema;
import dev.reelsmith.workflows.messages.RubricItem;
import dev.reelsmith.workflows.messages.Score;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A judge's grades, one property per rubric item (so none can be skipped or renamed), read into a
 * {@link Score} the way the local scorers build theirs: points clamped to each item's range.
 */
final class ScoreAnswer {

  private ScoreAnswer() {}

  static Schema schema(String name, List<Criterion> rubric) {
    Map<String, ObjectNode> items = new LinkedHashMap<>();
    for (Criterion criterion : rubric) {
      Map<String, ObjectNode> item = new LinkedHashMap<>();
      item.put("points", integer("0 to " + criterion.maxPoints()));
      item.put("note", string("one sentence: why these points, and what would earn the rest"));
      items.put(key(criterion), object(item));
    }
    return new Schema(name, object(items));
  }

  static Score read(JsonNode answer, List<Criterion> rubric) throws InvalidAnswer {
    List<String> problems = new ArrayList<>();
    List<RubricItem> items = new ArrayList<>();
    for (Criterion criterion : rubric) {
      JsonNode item = answer.path(key(criterion));
      JsonNode points = item.path("points");
      String note = item.path("note").asText("").strip();
      if (!points.isNumber()) {
        problems.add(key(criterion) + ".points must be a number");
      }
      if (note.isEmpty()) {
        problems.add(key(criterion) + ".note is missing");
      }
      int clamped =
          (int) Math.max(0, Math.min(criterion.maxPoints(), Math.round(points.asDouble())));
      items.add(new RubricItem(criterion.name(), clamped, criterion.maxPoints(), note));
    }
    if (!problems.isEmpty()) {
      throw new InvalidAnswer(problems);
    }
    return Score.of(items);
  }

  /** The rubric item's property name: JSON-friendly, as "brand_fit". */
  static String key(Criterion criterion) {
    return criterion.name().replace(' ', '_');
  }
}
