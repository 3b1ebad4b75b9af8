package dev.reelsmith.activities.copy;

/**
 * One line of a scoring rubric as a judge is told it: its name (as in {@link
 * dev.reelsmith.workflows.messages.RubricItem#criterion()}), its maximum points and what earns
 * them.
 */
public record Criterion(String name, int maxPoints, String earnedBy) {}
