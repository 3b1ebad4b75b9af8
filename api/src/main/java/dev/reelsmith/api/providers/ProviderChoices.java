package dev.reelsmith.api.providers;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which provider does each AI step ({@code REELSMITH_STORY_PROVIDER}, {@code
 * REELSMITH_VIDEO_PROVIDER}, {@code REELSMITH_VOICE_PROVIDER}). The local ones need no network and
 * no keys, so they are the default.
 */
@ConfigurationProperties("reelsmith.providers")
public record ProviderChoices(
    @DefaultValue("local") Story story,
    @DefaultValue("local") Video video,
    @DefaultValue("local") Voice voice) {

  /** Writes the story and the scenes, and judges them. */
  public enum Story {
    LOCAL,
    OPENAI
  }

  /** Turns each scene into a video. */
  public enum Video {
    LOCAL,
    FAL,
    RUNWAY
  }

  /** Speaks each scene's narration. */
  public enum Voice {
    LOCAL,
    OPENAI
  }
}
