package dev.reelsmith.activities.voice;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reelsmith.activities.remote.ProviderException;
import dev.reelsmith.activities.remote.ProviderHttp;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Narration from an OpenAI-compatible {@code POST {base}/audio/speech} (OpenAI, LiteLLM, and the
 * local servers that copy its API), asked for WAV. The key is sent only as a bearer token; it is
 * never part of a message. An answer that is not audio is refused rather than stored, so the next
 * attempt asks again.
 */
public final class OpenAiSpeaker implements Speaker {

  private static final String PROVIDER = "The OpenAI-compatible speech API";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  @Nullable private final String apiKey;
  private final String model;
  private final String voice;
  private final ProviderHttp http;

  /**
   * @param baseUrl the API's base, e.g. {@code https://api.openai.com/v1}
   * @param apiKey null for servers that take none
   */
  public OpenAiSpeaker(
      URI baseUrl, @Nullable String apiKey, String model, String voice, Duration timeout) {
    String base = baseUrl.toString();
    this.endpoint = URI.create((base.endsWith("/") ? base : base + "/") + "audio/speech");
    this.apiKey = apiKey;
    this.model = model;
    this.voice = voice;
    this.http = new ProviderHttp(PROVIDER, timeout);
  }

  @Override
  public void speak(String text, Path file) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", model);
    body.put("input", text);
    body.put("voice", voice);
    body.put("response_format", "wav");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .header("Content-Type", "application/json")
            .header("Accept", "audio/wav")
            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    Files.write(file, http.send(request, "speaking the narration"));
    try {
      AudioDecoder.decode(file, Narrator.MAX_SECONDS);
    } catch (IOException e) {
      throw ProviderException.rejected(
          PROVIDER
              + " answered the narration with something that is not "
              + (int) Narrator.MAX_SECONDS
              + " s or less of audio ("
              + e.getMessage()
              + "); check REELSMITH_TTS_MODEL");
    }
  }
}
