package dev.reelsmith.activities.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reelsmith.workflows.messages.StoryBeat.Role;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Building blocks of strict JSON schemas: every object closed ({@code additionalProperties: false})
 * with all its properties required, as strict structured output demands. Limits such as caption
 * length stay out of the schema (strict mode rejects {@code maxLength}); the prompt states them and
 * our own validation enforces them.
 */
final class Schemas {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Schemas() {}

  static ObjectNode string(String description) {
    return JSON.createObjectNode().put("type", "string").put("description", description);
  }

  static ObjectNode number(String description) {
    return JSON.createObjectNode().put("type", "number").put("description", description);
  }

  static ObjectNode integer(String description) {
    return JSON.createObjectNode().put("type", "integer").put("description", description);
  }

  static ObjectNode role() {
    ObjectNode role = string("the beat of the ad's arc");
    Arrays.stream(Role.values()).forEach(r -> role.withArray("enum").add(wire(r)));
    return role;
  }

  static ObjectNode array(ObjectNode items) {
    ObjectNode array = JSON.createObjectNode().put("type", "array");
    array.set("items", items);
    return array;
  }

  /** A closed object with every property required, in the given order. */
  static ObjectNode object(Map<String, ObjectNode> properties) {
    ObjectNode object = JSON.createObjectNode().put("type", "object");
    ObjectNode props = object.putObject("properties");
    properties.forEach(props::set);
    properties.keySet().forEach(name -> object.withArray("required").add(name));
    object.put("additionalProperties", false);
    return object;
  }

  /** The role a wire name stands for; null for anything else. */
  static Role roleOf(String wire) {
    return Arrays.stream(Role.values()).filter(r -> wire(r).equals(wire)).findFirst().orElse(null);
  }

  /** A role as on the wire ({@code call_to_action}). */
  static String wire(Role role) {
    return role.name().toLowerCase(Locale.ROOT);
  }
}
