package dev.reelsmith.api.providers;

import dev.reelsmith.activities.storage.MediaStore;
import dev.reelsmith.activities.voice.FreeTtsSpeaker;
import dev.reelsmith.activities.voice.Narrator;
import dev.reelsmith.activities.voice.OpenAiSpeaker;
import dev.reelsmith.activities.voice.Speaker;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who speaks the narration ({@code REELSMITH_VOICE_PROVIDER}): the offline FreeTTS voice, or an
 * OpenAI-compatible {@code /audio/speech} with {@code REELSMITH_TTS_MODEL} and the voice in {@code
 * reelsmith.openai.tts-voice}.
 */
@Configuration(proxyBeanMethods = false)
public class VoiceProviders {

  @Bean
  Speaker speaker(ProviderChoices choices, OpenAiProperties openAi) {
    return switch (choices.voice()) {
      case LOCAL -> new FreeTtsSpeaker();
      case OPENAI ->
          new OpenAiSpeaker(
              openAi.baseUrl(),
              openAi.apiKey(),
              openAi.ttsModel(),
              openAi.ttsVoice(),
              openAi.timeout());
    };
  }

  @Bean
  Narrator narrator(MediaStore store, Speaker speaker) {
    return new Narrator(store, speaker);
  }
}
