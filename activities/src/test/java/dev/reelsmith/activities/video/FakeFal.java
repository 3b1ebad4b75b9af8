package dev.reelsmith.activities.video;

import dev.reelsmith.activities.render.SceneRenderer;
import dev.reelsmith.activities.video.FakeServer.Reply;
import dev.reelsmith.activities.video.FakeServer.Request;
import dev.reelsmith.activities.video.FakeServer.Step;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fal.ai's queue API as documented: {@code POST /{model}} with {@code Authorization: Key ...}
 * answers {@code request_id}, {@code status_url} and {@code response_url}; the status is {@code
 * IN_QUEUE} and {@code IN_PROGRESS} (HTTP 202) and then {@code COMPLETED} (200); the result is
 * {@code {"video": {"url": ...}}}, or a 422 with {@code detail[]} when the content was refused.
 */
final class FakeFal implements FakeVideoApi {

  static final String MODEL = "fal-ai/kling-video/v2.1/standard/image-to-video";
  static final String APP = "fal-ai/kling-video";
  static final String KEY = "fal-test-key-5f1c";
  static final String REFUSAL = "The content was flagged by a content checker.";

  private static final Pattern STATUS = Pattern.compile("/" + APP + "/requests/([^/]+)/status");
  private static final Pattern RESULT = Pattern.compile("/" + APP + "/requests/([^/]+)");
  private static final Pattern FILE = Pattern.compile("/files/([^/]+)\\.mp4");

  private final byte[] video;
  private final FakeServer server;
  private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
  private final Set<String> refused = ConcurrentHashMap.newKeySet();
  private final AtomicInteger submitted = new AtomicInteger();
  private volatile boolean refuseNext;

  FakeFal(byte[] video) throws IOException {
    this.video = video;
    this.server = new FakeServer(FakeFal::step, this::answer);
  }

  private static Step step(String method, String path) {
    if (method.equals("POST") && path.equals("/" + MODEL)) {
      return Step.SUBMIT;
    }
    if (method.equals("GET") && STATUS.matcher(path).matches()) {
      return Step.STATUS;
    }
    if (method.equals("GET") && RESULT.matcher(path).matches()) {
      return Step.RESULT;
    }
    if (method.equals("GET") && FILE.matcher(path).matches()) {
      return Step.DOWNLOAD;
    }
    return null;
  }

  private Reply answer(Request request) {
    if (request.step() != Step.DOWNLOAD
        && !("Key " + KEY).equals(request.header("Authorization"))) {
      return Reply.json(401, "{\"detail\": \"No user found for Key ID and Secret\"}");
    }
    return switch (request.step()) {
      case SUBMIT -> submit();
      case STATUS -> status(id(STATUS, request.path()));
      case RESULT -> result(id(RESULT, request.path()));
      case DOWNLOAD -> Reply.bytes(video);
    };
  }

  private Reply submit() {
    String id = "764cabcf-b745-4b3e-ae38-1200304cf45" + submitted.incrementAndGet();
    polls.put(id, new AtomicInteger());
    if (refuseNext) {
      refuseNext = false;
      refused.add(id);
    }
    String requests = server.base() + "/" + APP + "/requests/" + id;
    return Reply.json(
        200,
        String.format(
            "{\"request_id\": \"%s\", \"response_url\": \"%s\", \"status_url\": \"%s/status\","
                + " \"cancel_url\": \"%s/cancel\", \"queue_position\": 0}",
            id, requests, requests, requests));
  }

  private Reply status(String id) {
    AtomicInteger count = polls.get(id);
    if (count == null) {
      return Reply.json(404, "{\"detail\": \"Request not found\"}");
    }
    return switch (count.incrementAndGet()) {
      case 1 -> Reply.json(202, "{\"status\": \"IN_QUEUE\", \"queue_position\": 0}");
      case 2 -> Reply.json(202, "{\"status\": \"IN_PROGRESS\", \"logs\": []}");
      default -> Reply.json(200, "{\"status\": \"COMPLETED\", \"logs\": [], \"metrics\": {}}");
    };
  }

  private Reply result(String id) {
    AtomicInteger count = polls.get(id);
    if (count == null) {
      return Reply.json(404, "{\"detail\": \"Request not found\"}");
    }
    if (count.get() < 3) {
      return Reply.json(400, "{\"detail\": \"Request is still in progress\"}");
    }
    if (refused.contains(id)) {
      return Reply.json(
          422,
          "{\"detail\": [{\"loc\": [\"body\", \"image_url\"], \"msg\": \""
              + REFUSAL
              + "\", \"type\": \"content_policy_violation\","
              + " \"url\": \"https://docs.fal.ai/errors#content_policy_violation\"}]}",
          Map.of("Content-Type", "application/json", "X-Fal-Retryable", "false"));
    }
    return Reply.json(
        200,
        "{\"video\": {\"url\": \""
            + server.base()
            + "/files/"
            + id
            + ".mp4\", \"content_type\": \"video/mp4\", \"file_size\": "
            + video.length
            + "}}");
  }

  private static String id(Pattern pattern, String path) {
    Matcher m = pattern.matcher(path);
    if (!m.matches()) {
      throw new IllegalStateException(path);
    }
    return m.group(1);
  }

  @Override
  public FakeServer server() {
    return server;
  }

  @Override
  public SceneRenderer renderer() {
    return new FalVideoRenderer(
        server.base(), KEY, MODEL, List.of(5, 10), Duration.ofMillis(10), Duration.ofSeconds(10));
  }

  @Override
  public String key() {
    return KEY;
  }

  @Override
  public void refuseNextJob() {
    refuseNext = true;
  }

  @Override
  public String refusal() {
    return REFUSAL;
  }

  @Override
  public int paidSubmissions() {
    return submitted.get();
  }

  @Override
  public void close() {
    server.close();
  }
}
