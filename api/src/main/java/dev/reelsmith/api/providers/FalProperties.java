package dev.reelsmith.api.providers;

import jakarta.annotation.Nullable;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * fal.ai's queue API for scene videos ({@code REELSMITH_VIDEO_PROVIDER=fal}): {@code FAL_KEY},
 * {@code REELSMITH_FAL_MODEL}, {@code REELSMITH_FAL_BASE_URL} (tests and proxies point it
 * elsewhere).
 *
 * @param model an image-to-video model id from fal's gallery
 * @param durations the clip lengths the model makes, in seconds (Kling: 5 and 10)
 * @param pollInterval how often a job's status is read; under the render's 20 s heartbeat timeout
 * @param timeout how long one request may take; also under the heartbeat timeout
 */
@ConfigurationProperties("reelsmith.fal")
public record FalProperties(
    @DefaultValue("https://queue.fal.run") URI baseUrl,
    @Nullable String key,
    @DefaultValue("fal-ai/kling-video/v2.1/standard/image-to-video") String model,
    @DefaultValue({"5", "10"}) List<Integer> durations,
    @DefaultValue("5s") Duration pollInterval,
    @DefaultValue("15s") Duration timeout) {

  public FalProperties {
    if (key != null && key.isBlank()) {
      key = null;
    }
  }

  /** Never shows the key: these properties end up in logs and error reports. */
  @Override
  public String toString() {
    return "FalProperties[baseUrl="
        + baseUrl
        + ", key="
        + (key == null ? "none" : "(set)")
        + ", model="
        + model
        + ", durations="
        + durations
        + ", pollInterval="
        + pollInterval
        + ", timeout="
        + timeout
        + "]";
  }
}
