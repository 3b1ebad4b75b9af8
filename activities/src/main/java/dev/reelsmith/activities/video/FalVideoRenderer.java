package dev.reelsmith.activities.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reelsmith.activities.remote.ProviderException;
import dev.reelsmith.activities.remote.ProviderHttp;
import dev.reelsmith.workflows.messages.SceneParams;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scene videos from an image-to-video model on fal.ai, through its queue API: {@code POST
 * {base}/{model}} with the model's input, then the {@code status_url} until {@code COMPLETED}, then
 * the {@code response_url} for {@code {"video": {"url": ...}}}. A request the model refused
 * (content policy, validation) answers the result with a 4xx and the model's own message.
 *
 * <p>The input is the one fal's image-to-video models share: {@code prompt}, {@code image_url} (a
 * {@code data:} URI), {@code duration} in seconds as a string, and {@code aspect_ratio}; models
 * ignore what they do not take.
 */
public final class FalVideoRenderer extends RemoteVideoRenderer {

  static final String JOB_KIND = "fal";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> RATIOS = List.of("16:9", "9:16", "1:1");

  private final URI baseUrl;
  private final String authorization;
  private final String model;
  private final List<Integer> durations;

  /**
   * @param key {@code FAL_KEY}; required
   * @param model the model id, e.g. {@code fal-ai/kling-video/v2.1/standard/image-to-video}
   * @param durations the clip lengths the model makes, in seconds, ascending
   */
  public FalVideoRenderer(
      URI baseUrl,
      String key,
      String model,
      List<Integer> durations,
      Duration pollInterval,
      Duration requestTimeout) {
    super(JOB_KIND, new ProviderHttp("fal.ai", requestTimeout), pollInterval);
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException(
          "REELSMITH_VIDEO_PROVIDER=fal needs FAL_KEY in the environment");
    }
    if (durations.isEmpty()) {
      throw new IllegalArgumentException("reelsmith.fal.durations names no clip length");
    }
    this.baseUrl = Objects.requireNonNull(baseUrl);
    this.authorization = "Key " + key;
    this.model = Objects.requireNonNull(model);
    this.durations = durations.stream().sorted().toList();
  }

  @Override
  protected ProviderJob submit(SceneParams scene, String imageDataUri) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("prompt", prompt(scene, 2500));
    input.put("image_url", imageDataUri);
    input.put("duration", Integer.toString(duration(scene, durations)));
    input.put("aspect_ratio", nearestRatio(scene, RATIOS));
    JsonNode answer =
        http.sendJson(
            ProviderHttp.postJson(url(model), "Authorization", authorization, input),
            "submitting scene " + scene.index());
    String id = answer.path("request_id").asText("");
    if (id.isBlank()) {
      throw ProviderException.unavailable(
          "fal.ai accepted scene " + scene.index() + " but named no request id", null);
    }
    String requests = url(appId()) + "/requests/" + id;
    return job(
        id,
        ownUrl(answer.path("status_url").asText(""), requests + "/status"),
        ownUrl(answer.path("response_url").asText(""), requests));
  }

  @Override
  protected Status poll(ProviderJob job, SceneParams scene) {
    String what = "checking scene " + scene.index();
    JsonNode status = getJson(request(job.statusUrl()), what).orElse(null);
    if (status == null) {
      return unknownJob(job, scene);
    }
    String state = status.path("status").asText("");
    return switch (state) {
      case "IN_QUEUE", "IN_PROGRESS" -> new Running();
      case "COMPLETED" -> result(job, scene, status);
      default ->
          new Failed(
              ProviderException.unavailable(
                  "fal.ai reports scene " + scene.index() + " as " + state + errorOf(status),
                  null));
    };
  }

  private Status result(ProviderJob job, SceneParams scene, JsonNode status) {
    String what = "fetching scene " + scene.index() + "'s video";
    HttpResponse<byte[]> response = http.exchange(request(job.resultUrl()).GET(), what);
    int code = response.statusCode();
    if (code / 100 == 2) {
      return video(http.json(response.body(), what).path("video").path("url").asText(null), scene);
    }
    if (code == 404) {
      return unknownJob(job, scene);
    }
    if (code >= 400 && code < 500 && code != 408 && code != 429) {
      return new Failed(
          ProviderException.rejected(
              "fal.ai refused to make scene "
                  + scene.index()
                  + " (HTTP "
                  + code
                  + ")"
                  + ProviderHttp.message(response.body()).map(m -> ": " + m).orElse("")
                  + errorType(response.body())));
    }
    if (code >= 500 && !errorOf(status).isEmpty()) {
      // The request itself failed at fal.ai, which does not bill for it: submit it afresh.
      return new Failed(
          ProviderException.unavailable(
              "fal.ai failed to make scene " + scene.index() + errorOf(status), null));
    }
    throw http.failure(response, what);
  }

  /** The error a finished request's status names, as {@code ": <error>"}, or empty. */
  private static String errorOf(JsonNode status) {
    String error = status.path("error").asText("");
    return error.isBlank() ? "" : ": " + error;
  }

  /** The type of fal's first error ({@code content_policy_violation}...), as {@code " (type)"}. */
  private static String errorType(byte[] body) {
    try {
      String type = JSON.readTree(body).path("detail").path(0).path("type").asText("");
      return type.isBlank() ? "" : " (" + type + ")";
    } catch (IOException notJson) {
      return "";
    }
  }

  private HttpRequest.Builder request(String url) {
    return HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization);
  }

  /** The app a model belongs to: status and result URLs use only its first two path segments. */
  private String appId() {
    String[] parts = model.split("/");
    return parts.length <= 2 ? model : parts[0] + "/" + parts[1];
  }

  private URI url(String path) {
    String base = baseUrl.toString();
    return URI.create((base.endsWith("/") ? base : base + "/") + path);
  }

  /**
   * A URL fal.ai named, if it is on the host the key is meant for; otherwise the documented one.
   * The key goes with every poll, so it must never follow a link to another host.
   */
  private String ownUrl(String named, String documented) {
    try {
      URI uri = URI.create(named);
      return baseUrl.getScheme().equals(uri.getScheme())
              && baseUrl.getAuthority().equals(uri.getAuthority())
          ? named
          : documented;
    } catch (IllegalArgumentException e) {
      return documented;
    }
  }
}
