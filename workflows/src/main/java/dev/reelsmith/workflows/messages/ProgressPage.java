package dev.reelsmith.workflows.messages;

import java.util.List;

/** The answer to the progress query: updates after the asked-for seq, and the current state. */
public record ProgressPage(List<ProgressUpdate> updates, GenerationSnapshot snapshot) {

  public ProgressPage {
    updates = List.copyOf(updates);
  }
}
