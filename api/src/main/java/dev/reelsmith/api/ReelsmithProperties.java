package dev.reelsmith.api;

import dev.reelsmith.workflows.GenerationWorkers;
import jakarta.annotation.Nullable;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Reelsmith's own settings ({@code reelsmith.*}, or the environment variables of README.md).
 *
 * @param dataDir where generations keep their files
 * @param role what this process does: {@code all} (API and worker), {@code api} or {@code worker}
 * @param maxParallelScenes scenes of one generation rendered at once
 * @param retryWindow how long a failed generation waits for a retry
 * @param pollInterval how often one generation's progress is queried while someone watches
 * @param heartbeatInterval how often an idle progress stream sends a keep-alive comment
 * @param maxRunningPerUser how many of one user's generations run at once; the others wait in line
 * @param renderConcurrency scene renders and stitches this worker runs at once, for all generations
 *     together; 0 (the default) means one per processor
 * @param minFreeDisk the usable space the data dir's disk must have for a new generation to be
 *     accepted
 * @param retentionDays generations older than this many days are deleted, media and manifest; 0
 *     (the default) keeps them for ever
 * @param temporalWebUrl where operators open Temporal Web ({@code TEMPORAL_WEB_URL}), such as
 *     {@code http://localhost:8233}; null when there is none to link to
 * @param history where the history list comes from: the manifests in the data folder, or Temporal's
 *     visibility store (the default with {@code TEMPORAL_ADDRESS}, see {@link
 *     dev.reelsmith.api.temporal.TemporalDefaults})
 */
@ConfigurationProperties("reelsmith")
public record ReelsmithProperties(
    @DefaultValue("data") Path dataDir,
    @DefaultValue("all") Role role,
    @DefaultValue("2") int maxParallelScenes,
    @DefaultValue("7d") Duration retryWindow,
    @DefaultValue("250ms") Duration pollInterval,
    @DefaultValue("15s") Duration heartbeatInterval,
    @DefaultValue("2") int maxRunningPerUser,
    @DefaultValue("0") int renderConcurrency,
    @DefaultValue("2GB") DataSize minFreeDisk,
    @DefaultValue("0") int retentionDays,
    @Nullable String temporalWebUrl,
    @DefaultValue("manifests") History history) {

  public ReelsmithProperties {
    if (maxRunningPerUser < 1) {
      throw new IllegalArgumentException(
          "reelsmith.max-running-per-user must be at least 1 (got " + maxRunningPerUser + ")");
    }
    if (renderConcurrency < 0) {
      throw new IllegalArgumentException(
          "reelsmith.render-concurrency must be 0 (one per processor) or more (got "
              + renderConcurrency
              + ")");
    }
    if (renderConcurrency == 0) {
      renderConcurrency = GenerationWorkers.defaultRenderConcurrency();
    }
    if (minFreeDisk.isNegative()) {
      throw new IllegalArgumentException("reelsmith.min-free-disk must not be negative");
    }
    if (temporalWebUrl != null) {
      temporalWebUrl = temporalWebUrl.strip().replaceAll("/+$", "");
      if (temporalWebUrl.isEmpty()) {
        temporalWebUrl = null;
      } else if (!temporalWebUrl.matches("(?i)https?://[^/\\s]+(/\\S*)?")) {
        throw new IllegalArgumentException(
            "TEMPORAL_WEB_URL must be an http(s) address such as http://localhost:8233 (got "
                + temporalWebUrl
                + ")");
      }
    }
    if (retentionDays < 0) {
      throw new IllegalArgumentException(
          "reelsmith.retention-days must be 0 (keep for ever) or more (got " + retentionDays + ")");
    }
  }

  /** Whether old generations are deleted at all. */
  public boolean retains() {
    return retentionDays > 0;
  }

  /** Where the history list of generations comes from. */
  public enum History {
    /** The manifests in the data folder: every generation ever made there. */
    MANIFESTS,
    /**
     * Temporal's visibility store, by search attribute: needs a real Temporal server, and lists
     * only the workflows the namespace still keeps (its retention period).
     */
    VISIBILITY
  }

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
