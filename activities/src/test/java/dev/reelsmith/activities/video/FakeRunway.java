package dev.reelsmith.activities.video;

import dev.reelsmith.activities.render.SceneRenderer;
import dev.reelsmith.activities.video.FakeServer.Reply;
import dev.reelsmith.activities.video.FakeServer.Request;
import dev.reelsmith.activities.video.FakeServer.Step;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runway's API as documented: {@code POST /v1/image_to_video} with a bearer key and {@code
 * X-Runway-Version} answers {@code {"id"}}; {@code GET /v1/tasks/{id}} goes {@code PENDING}, {@code
 * RUNNING}, then {@code SUCCEEDED} with {@code output: [url]}, or {@code FAILED} with {@code
 * failure} and a {@code SAFETY.*} {@code failureCode}.
 */
final class FakeRunway implements FakeVideoApi {

  static final String MODEL = "gen4_turbo";
  static final String KEY = "key_runway-test-secret-9a7e";
  static final String REFUSAL = "Your input image did not pass our content moderation.";

  private final byte[] video;
  private final FakeServer server;
  private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
  private final Set<String> refused = ConcurrentHashMap.newKeySet();
  private final AtomicInteger submitted = new AtomicInteger();
  private volatile boolean refuseNext;

  FakeRunway(byte[] video) throws IOException {
    this.video = video;
    this.server = new FakeServer(FakeRunway::step, this::answer);
  }

  private static Step step(String method, String path) {
    if (method.equals("POST") && path.equals("/v1/image_to_video")) {
      return Step.SUBMIT;
    }
    if (method.equals("GET") && path.matches("/v1/tasks/[^/]+")) {
      return Step.STATUS;
    }
    if (method.equals("GET") && path.matches("/files/[^/]+\\.mp4")) {
      return Step.DOWNLOAD;
    }
    return null;
  }

  private Reply answer(Request request) {
    if (request.step() == Step.DOWNLOAD) {
      return Reply.bytes(video);
    }
    if (!("Bearer " + KEY).equals(request.header("Authorization"))) {
      return Reply.json(401, "{\"error\": \"Incorrect API key provided\"}");
    }
    if (!RunwayVideoRenderer.API_VERSION.equals(request.header("X-Runway-Version"))) {
      return Reply.json(400, "{\"error\": \"Invalid or missing X-Runway-Version header\"}");
    }
    return request.step() == Step.SUBMIT
        ? submit()
        : task(request.path().substring("/v1/tasks/".length()));
  }

  private Reply submit() {
    String id = "17f20503-6c24-4c16-946b-35dbbce2af2" + submitted.incrementAndGet();
    polls.put(id, new AtomicInteger());
    if (refuseNext) {
      refuseNext = false;
      refused.add(id);
    }
    return Reply.json(200, "{\"id\": \"" + id + "\"}");
  }

  private Reply task(String id) {
    AtomicInteger count = polls.get(id);
    if (count == null) {
      return Reply.json(404, "{\"error\": \"Task not found\"}");
    }
    String head = "{\"id\": \"" + id + "\", \"createdAt\": \"2026-11-26T17:00:00.000Z\", ";
    return switch (count.incrementAndGet()) {
      case 1 -> Reply.json(200, head + "\"status\": \"PENDING\"}");
      case 2 -> Reply.json(200, head + "\"status\": \"RUNNING\", \"progress\": 0.4}");
      default ->
          refused.contains(id)
              ? Reply.json(
                  200,
                  head
                      + "\"status\": \"FAILED\", \"failure\": \""
                      + REFUSAL
                      + "\", \"failureCode\": \"SAFETY.INPUT.IMAGE\"}")
              : Reply.json(
                  200,
                  head
                      + "\"status\": \"SUCCEEDED\", \"output\": [\""
                      + server.base()
                      + "/files/"
                      + id
                      + ".mp4\"]}");
    };
  }

  @Override
  public FakeServer server() {
    return server;
  }

  @Override
  public SceneRenderer renderer() {
    return new RunwayVideoRenderer(
        server.base(), KEY, MODEL, Duration.ofMillis(10), Duration.ofSeconds(10));
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
