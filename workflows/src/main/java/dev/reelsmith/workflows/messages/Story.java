package dev.reelsmith.workflows.messages;

import java.util.List;

/** The ad's story: a title, its beats in order, and how it scored. */
public record Story(String title, List<StoryBeat> beats, Score score) {

  public Story {
    beats = List.copyOf(beats);
  }

  /** The beats as one readable text. */
  public String text() {
    return String.join(" ", beats.stream().map(StoryBeat::text).toList());
  }
}
