package dev.reelsmith.api;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reelsmith's own settings ({@code reelsmith.*}, or the environment variables of README.md).
 *
 * @param dataDir where generations keep their files
 * @param role what this process does: {@code all} (API and worker), {@code api} or {@code worker}
 * @param maxParallelScenes scenes of one generation rendered at once
 * @param retryWindow how long a failed generation waits for a retry
 * @param pollInterval how often one generation's progress is queried while someone watches
 * @param heartbeatInterval how often an idle progress stream sends a keep-alive comment
 */
@ConfigurationProperties("reelsmith")
public record ReelsmithProperties(
    @DefaultValue("data") Path dataDir,
    @DefaultValue("all") Role role,
    @DefaultValue("2") int maxParallelScenes,
    @DefaultValue("7d") Duration retryWindow,
    @DefaultValue("250ms") Duration pollInterval,
    @DefaultValue("15s") Duration heartbeatInterval) {

  /** What one Reelsmith process does, so workers can scale apart from the API. */
  public enum Role {
    ALL,
    API,
    WORKER;

    public boolean runsWorkers() {
      return this != API;
    }

    public boolean servesHttp() {
      return this != WORKER;
    }
  }
}
