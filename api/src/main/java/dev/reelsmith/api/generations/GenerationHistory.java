package dev.reelsmith.api.generations;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.reelsmith.workflows.messages.Status;
import jakarta.annotation.Nullable;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Where the history list comes from ({@code REELSMITH_HISTORY}). {@link ManifestHistory} reads the
 * generations' manifests, because Temporal's embedded server neither survives a restart nor
 * implements {@code ListWorkflowExecutions}; with a real server, {@link VisibilityHistory} asks
 * Temporal's visibility store, by search attribute.
 */
public interface GenerationHistory {

  /**
   * One page of the generations {@code caller} may see, newest first; {@code page} counts from 0.
   */
  Mono<Page> page(Principal caller, int page, int size);

  /** One row of the history list. */
  record Item(
      @JsonProperty("generation_id") String generationId,
      @JsonProperty("product_name") String productName,
      Status status,
      @JsonProperty("created_at") Instant createdAt,
      @JsonProperty("duration_seconds") @Nullable Double durationSeconds,
      @JsonProperty("poster_path") @Nullable String posterPath,
      @JsonProperty("final_video_path") @Nullable String finalVideoPath) {}

  /** A page of the list, and how many generations there are in all. */
  record Page(List<Item> items, int page, int size, long total) {

    public Page {
      items = List.copyOf(items);
    }
  }
}
