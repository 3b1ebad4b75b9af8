package dev.reelsmith.activities.llm;

import static dev.reelsmith.activities.llm.Schemas.array;
import static dev.reelsmith.activities.llm.Schemas.integer;
import static dev.reelsmith.activities.llm.Schemas.number;
import static dev.reelsmith.activities.llm.Schemas.object;
import static dev.reelsmith.activities.llm.Schemas.role;
import static dev.reelsmith.activities.llm.Schemas.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reelsmith.activities.copy.Arc;
import dev.reelsmith.activities.copy.Captions;
import dev.reelsmith.activities.llm.ChatClient.InvalidAnswer;
import dev.reelsmith.activities.llm.ChatClient.Schema;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.Scene;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scenes as a model writes them, and the checks they must pass. Durations need only be in
 * proportion: they are scaled to the ad's length, since models add up poorly.
 */
final class SceneAnswer {

  static final Schema SCHEMA;

  static {
    Map<String, ObjectNode> scene = new LinkedHashMap<>();
    scene.put("role", role());
    scene.put("narration", string("what the voice-over says during the scene"));
    scene.put(
        "caption", string("the on-screen text, at most " + Captions.MAX_LENGTH + " characters"));
    scene.put("visual", string("what the viewer sees, as a prompt for a video model"));
    scene.put("duration_seconds", number("how long the scene is on screen"));
    scene.put("image_index", integer("the reference image the scene is built on"));
    SCHEMA = new Schema("scenes", object(Map.of("scenes", array(object(scene)))));
  }

  private SceneAnswer() {}

  static List<Scene> read(JsonNode answer, Brief brief, List<ImageAnalysis> images)
      throws InvalidAnswer {
    List<String> problems = new ArrayList<>();
    Set<Integer> known = new TreeSet<>();
    images.forEach(image -> known.add(image.index()));
    JsonNode items = answer.path("scenes");
    List<String> roles = new ArrayList<>();
    List<Scene> scenes = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      int index = i + 1;
      String roleName = item.path("role").asText("");
      roles.add(roleName);
      String narration = item.path("narration").asText("").strip();
      String caption = item.path("caption").asText("").strip();
      String visual = item.path("visual").asText("").strip();
      double duration = item.path("duration_seconds").asDouble(0);
      int image = item.path("image_index").asInt(-1);
      if (narration.isEmpty()) {
        problems.add("scene " + index + " has no narration");
      }
      if (visual.isEmpty()) {
        problems.add("scene " + index + " has no visual");
      }
      if (!Captions.fits(caption)) {
        problems.add(
            "scene "
                + index
                + "'s caption must have 1 to "
                + Captions.MAX_LENGTH
                + " characters, not "
                + caption.codePointCount(0, caption.length()));
      }
      if (!(duration > 0) || !Double.isFinite(duration)) {
        problems.add("scene " + index + "'s duration_seconds must be positive");
      }
      if (!known.contains(image)) {
        problems.add("scene " + index + " uses image_index " + image + "; the images are " + known);
      }
      scenes.add(
          new Scene(index, Schemas.roleOf(roleName), narration, caption, visual, duration, image));
    }
    List<String> wanted = Arc.scenes(brief.sceneCount()).stream().map(Schemas::wire).toList();
    if (scenes.size() != brief.sceneCount()) {
      problems.add("there must be exactly " + brief.sceneCount() + " scenes, not " + scenes.size());
    } else if (!roles.equals(wanted)) {
      problems.add("the scenes' roles must be " + wanted + " in this order, not " + roles);
    }
    if (!problems.isEmpty()) {
      throw new InvalidAnswer(problems);
    }
    return fitted(scenes, brief.durationSeconds());
  }

  /**
   * Durations scaled to add up to the ad's length, in tenths of a second; the last scene takes the
   * rounding so the sum is exact.
   */
  private static List<Scene> fitted(List<Scene> scenes, int seconds) {
    double total = scenes.stream().mapToDouble(Scene::durationSeconds).sum();
    List<Scene> fitted = new ArrayList<>();
    int tenthsLeft = seconds * 10;
    for (int i = 0; i < scenes.size(); i++) {
      Scene s = scenes.get(i);
      int scenesAfter = scenes.size() - i - 1;
      int tenths =
          scenesAfter == 0
              ? tenthsLeft
              : Math.max(
                  1,
                  Math.min(
                      tenthsLeft - scenesAfter,
                      (int) Math.round(s.durationSeconds() / total * seconds * 10)));
      tenthsLeft -= tenths;
      fitted.add(
          new Scene(
              s.index(),
              s.role(),
              s.narration(),
              s.caption(),
              s.visual(),
              tenths / 10.0,
              s.imageIndex()));
    }
    return fitted;
  }
}
