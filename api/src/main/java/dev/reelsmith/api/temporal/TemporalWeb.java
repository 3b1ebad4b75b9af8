package dev.reelsmith.api.temporal;

import dev.reelsmith.api.ReelsmithProperties;
import dev.reelsmith.workflows.Generations;
import io.temporal.client.WorkflowClient;
import jakarta.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Links into Temporal Web, where operators follow a generation's workflow, when {@code
 * TEMPORAL_WEB_URL} says where it is. A link opens the workflow's latest run.
 */
@Component
public class TemporalWeb {

  private final @Nullable String base;
  private final String namespace;

  public TemporalWeb(ReelsmithProperties properties, WorkflowClient client) {
    this.base = properties.temporalWebUrl();
    this.namespace = client.getOptions().getNamespace();
  }

  /** {@code <base>/namespaces/<namespace>/workflows/generation-<id>}; null without a base. */
  public @Nullable String workflowUrl(String generationId) {
    if (base == null) {
      return null;
    }
    return base
        + "/namespaces/"
        + UriUtils.encodePathSegment(namespace, StandardCharsets.UTF_8)
        + "/workflows/"
        + UriUtils.encodePathSegment(Generations.workflowId(generationId), StandardCharsets.UTF_8);
  }
}
