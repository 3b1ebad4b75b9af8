package dev.reelsmith.api.providers;

import jakarta.annotation.Nullable;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Runway's API for scene videos ({@code REELSMITH_VIDEO_PROVIDER=runway}): {@code
 * RUNWAYML_API_SECRET}, {@code REELSMITH_RUNWAY_MODEL}, {@code REELSMITH_RUNWAY_BASE_URL}.
 *
 * @param pollInterval how often a task's status is read; under the render's 20 s heartbeat timeout
 * @param timeout how long one request may take; also under the heartbeat timeout
 */
@ConfigurationProperties("reelsmith.runway")
public record RunwayProperties(
    @DefaultValue("https://api.dev.runwayml.com") URI baseUrl,
    @Nullable String apiSecret,
    @DefaultValue("gen4_turbo") String model,
    @DefaultValue("5s") Duration pollInterval,
    @DefaultValue("15s") Duration timeout) {

  public RunwayProperties {
    if (apiSecret != null && apiSecret.isBlank()) {
      apiSecret = null;
    }
  }

  /** Never shows the secret: these properties end up in logs and error reports. */
  @Override
  public String toString() {
    return "RunwayProperties[baseUrl="
        + baseUrl
        + ", apiSecret="
        + (apiSecret == null ? "none" : "(set)")
        + ", model="
        + model
        + ", pollInterval="
        + pollInterval
        + ", timeout="
        + timeout
        + "]";
  }
}
