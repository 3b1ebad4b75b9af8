package dev.reelsmith.api.providers;

import dev.reelsmith.activities.copy.CopyActivitiesImpl;
import dev.reelsmith.activities.llm.ChatClient;
import dev.reelsmith.activities.llm.OpenAiCopy;
import dev.reelsmith.activities.storage.MediaStore;
import dev.reelsmith.activities.voice.Narrator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who writes and judges the story and the scenes ({@code REELSMITH_STORY_PROVIDER}): the local
 * rule-based writer and scorers, or an OpenAI-compatible model ({@link OpenAiProperties}) that
 * rewrites a story scoring under {@code reelsmith.story.min-score} ({@code
 * REELSMITH_STORY_MIN_SCORE}) at most twice.
 */
@Configuration(proxyBeanMethods = false)
public class StoryProviders {

  @Bean
  CopyActivitiesImpl copyActivities(
      MediaStore store,
      ProviderChoices choices,
      OpenAiProperties openai,
      Narrator narrator,
      @Value("${reelsmith.story.min-score:70}") int minStoryScore) {
    return switch (choices.story()) {
      case LOCAL -> CopyActivitiesImpl.local(store, narrator);
      case OPENAI ->
          OpenAiCopy.activities(
              store,
              new ChatClient(
                  openai.baseUrl(), openai.apiKey(), openai.llmModel(), openai.timeout()),
              minStoryScore,
              narrator);
    };
  }
}
