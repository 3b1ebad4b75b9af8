package dev.reelsmith.activities.video;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reelsmith.activities.remote.ProviderException;
import dev.reelsmith.activities.remote.ProviderHttp;
import dev.reelsmith.workflows.messages.SceneParams;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scene videos from Runway's API (API version {@value #API_VERSION}): {@code POST
 * /v1/image_to_video} gives a task id, {@code GET /v1/tasks/{id}} its status until {@code
 * SUCCEEDED} (with {@code output: [url]}) or {@code FAILED} (with {@code failure} and {@code
 * failureCode}). Runway asks that {@code SAFETY.*} and input failures are not retried; {@code
 * INTERNAL.*} ones may be, with a new task.
 */
public final class RunwayVideoRenderer extends RemoteVideoRenderer {

  static final String JOB_KIND = "runway";
  static final String API_VERSION = "2024-11-06";

  /** The output sizes each model makes; models not listed take Gen-4's. */
  private static final Map<String, List<String>> RATIOS =
      Map.of(
          "gen4_turbo",
          List.of("1280:720", "720:1280", "1104:832", "832:1104", "960:960", "1584:672"),
          "gen3a_turbo",
          List.of("1280:768", "768:1280"));

  private static final List<Integer> DURATIONS = List.of(5, 10);

  private final URI baseUrl;
  private final String authorization;
  private final String model;

  /**
   * @param secret {@code RUNWAYML_API_SECRET}; required
   * @param model e.g. {@code gen4_turbo}
   */
  public RunwayVideoRenderer(
      URI baseUrl, String secret, String model, Duration pollInterval, Duration requestTimeout) {
    super(JOB_KIND, new ProviderHttp("Runway", requestTimeout), pollInterval);
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException(
          "REELSMITH_VIDEO_PROVIDER=runway needs RUNWAYML_API_SECRET in the environment");
    }
    this.baseUrl = Objects.requireNonNull(baseUrl);
    this.authorization = "Bearer " + secret;
    this.model = Objects.requireNonNull(model);
  }

  @Override
  protected ProviderJob submit(SceneParams scene, String imageDataUri) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", model);
    body.put("promptImage", imageDataUri);
    body.put("promptText", prompt(scene, 1000));
    body.put("ratio", nearestRatio(scene, RATIOS.getOrDefault(model, RATIOS.get("gen4_turbo"))));
    body.put("duration", duration(scene, DURATIONS));
    body.put("seed", Math.floorMod(scene.seed(), 4_294_967_296L));
    JsonNode answer =
        http.sendJson(
            ProviderHttp.postJson(url("v1/image_to_video"), "Authorization", authorization, body)
                .header("X-Runway-Version", API_VERSION),
            "submitting scene " + scene.index());
    String id = answer.path("id").asText("");
    if (id.isBlank()) {
      throw ProviderException.unavailable(
          "Runway accepted scene " + scene.index() + " but named no task id", null);
    }
    return job(id, null, null);
  }

  @Override
  protected Status poll(ProviderJob job, SceneParams scene) {
    JsonNode task =
        getJson(
                HttpRequest.newBuilder(url("v1/tasks/" + job.id()))
                    .header("Authorization", authorization)
                    .header("X-Runway-Version", API_VERSION),
                "checking scene " + scene.index())
            .orElse(null);
    if (task == null) {
      return unknownJob(job, scene);
    }
    String state = task.path("status").asText("");
    return switch (state) {
      case "PENDING", "THROTTLED", "RUNNING" -> new Running();
      case "SUCCEEDED" -> video(task.path("output").path(0).asText(null), scene);
      case "CANCELLED" ->
          new Failed(
              ProviderException.rejected(
                  "Scene "
                      + scene.index()
                      + "'s task was cancelled at Runway; Retry submits a new one."));
      default -> failed(task, scene);
    };
  }

  private static Failed failed(JsonNode task, SceneParams scene) {
    String code = task.path("failureCode").asText("");
    String failure = task.path("failure").asText("").strip();
    String message =
        "Runway could not make scene "
            + scene.index()
            + (failure.isEmpty() ? "" : ": " + failure)
            + (code.isEmpty() ? "" : " (" + code + ")");
    return new Failed(
        code.startsWith("INTERNAL")
            ? ProviderException.unavailable(message, null)
            : ProviderException.rejected(message));
  }

  private URI url(String path) {
    String base = baseUrl.toString();
    return URI.create((base.endsWith("/") ? base : base + "/") + path);
  }
}
