package dev.reelsmith.workflows.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One line of a scoring rubric: what was judged, the points given, and why. */
public record RubricItem(
    String criterion, int points, @JsonProperty("max_points") int maxPoints, String note) {}
