package dev.reelsmith.api.providers;

import jakarta.annotation.Nullable;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * An OpenAI-compatible API (OpenAI, Ollama, vLLM, OpenRouter, LiteLLM): {@code OPENAI_BASE_URL},
 * {@code OPENAI_API_KEY}, {@code REELSMITH_LLM_MODEL} for the story steps and {@code
 * REELSMITH_TTS_MODEL} for narration.
 *
 * @param apiKey sent as a bearer token; null for servers that take none (a local Ollama)
 * @param timeout how long one request may take
 */
@ConfigurationProperties("reelsmith.openai")
public record OpenAiProperties(
    @DefaultValue("https://api.openai.com/v1") URI baseUrl,
    @Nullable String apiKey,
    @DefaultValue("gpt-4o-mini") String llmModel,
    @DefaultValue("gpt-4o-mini-tts") String ttsModel,
    @DefaultValue("alloy") String ttsVoice,
    @DefaultValue("120s") Duration timeout) {

  public OpenAiProperties {
    if (apiKey != null && apiKey.isBlank()) {
      apiKey = null;
    }
  }

  /** Never shows the key: these properties end up in logs and error reports. */
  @Override
  public String toString() {
    return "OpenAiProperties[baseUrl="
        + baseUrl
        + ", apiKey="
        + (apiKey == null ? "none" : "(set)")
        + ", llmModel="
        + llmModel
        + ", ttsModel="
        + ttsModel
        + ", ttsVoice="
        + ttsVoice
        + ", timeout="
        + timeout
        + "]";
  }
}
