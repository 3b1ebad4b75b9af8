package dev.reelsmith.activities.llm;

import static dev.reelsmith.activities.llm.Schemas.array;
import static dev.reelsmith.activities.llm.Schemas.object;
import static dev.reelsmith.activities.llm.Schemas.role;
import static dev.reelsmith.activities.llm.Schemas.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reelsmith.activities.copy.Arc;
import dev.reelsmith.activities.llm.ChatClient.InvalidAnswer;
import dev.reelsmith.activities.llm.ChatClient.Schema;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.Story;
import dev.reelsmith.workflows.messages.StoryBeat;
import dev.reelsmith.workflows.messages.StoryBeat.Role;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The story as a model writes it, and the checks it must pass. */
final class StoryAnswer {

  static final Schema SCHEMA;

  static {
    Map<String, ObjectNode> beat = new LinkedHashMap<>();
    beat.put("role", role());
    beat.put("text", string("what the voice-over says in this beat"));
    Map<String, ObjectNode> story = new LinkedHashMap<>();
    story.put("title", string("a short title for the ad"));
    story.put("beats", array(object(beat)));
    SCHEMA = new Schema("story", object(story));
  }

  private StoryAnswer() {}

  /**
   * The beats a story for {@code brief} has, in order: the same arc as the local writer's, with one
   * benefit per benefit scene.
   */
  static List<Role> roles(Brief brief) {
    List<Role> roles = new ArrayList<>(List.of(Role.HOOK, Role.PROBLEM, Role.REVEAL));
    roles.addAll(Collections.nCopies(Arc.benefits(brief.sceneCount()), Role.BENEFIT));
    roles.add(Role.CALL_TO_ACTION);
    return roles;
  }

  static Story read(JsonNode answer, Brief brief) throws InvalidAnswer {
    List<String> problems = new ArrayList<>();
    String title = answer.path("title").asText("").strip();
    if (title.isEmpty()) {
      problems.add("the title is empty");
    }
    List<StoryBeat> beats = new ArrayList<>();
    List<String> roles = new ArrayList<>();
    JsonNode items = answer.path("beats");
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String roleName = item.path("role").asText("");
      Role role = Schemas.roleOf(roleName);
      roles.add(roleName);
      String text = item.path("text").asText("").strip();
      if (text.isEmpty()) {
        problems.add("beat " + (i + 1) + " has no text");
      }
      beats.add(new StoryBeat(role, text));
    }
    List<String> wanted = roles(brief).stream().map(Schemas::wire).toList();
    if (!roles.equals(wanted)) {
      problems.add("the beats' roles must be " + wanted + " in this order, not " + roles);
    }
    if (!problems.isEmpty()) {
      throw new InvalidAnswer(problems);
    }
    return new Story(title, beats, null);
  }
}
