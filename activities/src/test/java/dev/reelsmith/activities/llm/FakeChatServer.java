package dev.reelsmith.activities.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An OpenAI-compatible chat-completions server on 127.0.0.1 that records every request and answers
 * it by what it asks for (the story, the scenes, or one of the two scores): with replies scripted
 * for that kind first, then with a usable default.
 */
final class FakeChatServer implements AutoCloseable {

  static final String STORY = "story";
  static final String SCENES = "scenes";
  static final String STORY_SCORE = "story_score";
  static final String COHESION = "scene_cohesion";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as received. */
  record Request(String kind, String path, Map<String, List<String>> headers, JsonNode body) {

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    JsonNode lastMessage() {
      JsonNode messages = body.path("messages");
      return messages.get(messages.size() - 1);
    }
  }

  /** One answer: an HTTP status, headers and a body. */
  record Reply(int status, Map<String, String> headers, String body) {}

  private final HttpServer server;
  private final List<Request> requests = new ArrayList<>();
  private final Map<String, Deque<Reply>> scripts = new HashMap<>();
  private final Map<String, String> defaults = new HashMap<>();
  private boolean rejectJsonSchema;

  FakeChatServer() throws IOException {
    defaults.put(STORY, Answers.story("hook", "problem", "reveal", "benefit", "call_to_action"));
    defaults.put(SCENES, Answers.scenes(4, 6, 6, 4));
    defaults.put(STORY_SCORE, Answers.storyScore(16));
    defaults.put(COHESION, Answers.cohesionScore(12));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The base URL, as {@code OPENAI_BASE_URL} would give it. */
  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
  }

  /** Answers the next requests of this kind with these replies, in order. */
  synchronized FakeChatServer script(String kind, Reply... replies) {
    scripts.computeIfAbsent(kind, k -> new ArrayDeque<>()).addAll(List.of(replies));
    return this;
  }

  /** Answers requests of this kind that nothing is scripted for with this content. */
  synchronized FakeChatServer byDefault(String kind, String content) {
    defaults.put(kind, content);
    return this;
  }

  /** Behaves like a server without structured output: 400 for any json_schema request. */
  synchronized FakeChatServer rejectingJsonSchema() {
    rejectJsonSchema = true;
    return this;
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  synchronized List<Request> requests(String kind) {
    return requests.stream().filter(r -> r.kind().equals(kind)).toList();
  }

  /** A completion whose message content is {@code content}. */
  static Reply answer(String content) {
    return completion(content, null, "stop");
  }

  static Reply completion(String content, String refusal, String finishReason) {
    ObjectNode body = JSON.createObjectNode();
    body.put("id", "chatcmpl-test").put("object", "chat.completion").put("model", "test-model");
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0).put("finish_reason", finishReason);
    ObjectNode message = choice.putObject("message").put("role", "assistant");
    message.put("content", content);
    message.put("refusal", refusal);
    return new Reply(200, Map.of(), body.toString());
  }

  /** An error in OpenAI's shape. */
  static Reply error(int status, String message, Map<String, String> headers) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("message", message).put("type", "invalid_request_error");
    return new Reply(status, headers, body.toString());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
      Reply reply;
      synchronized (this) {
        String kind = kind(body);
        requests.add(
            new Request(
                kind,
                exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()),
                body));
        boolean schema = body.path("response_format").path("type").asText().equals("json_schema");
        if (rejectJsonSchema && schema) {
          reply =
              error(
                  400,
                  "response_format type 'json_schema' is not supported by this model",
                  Map.of());
        } else {
          Deque<Reply> script = scripts.get(kind);
          reply = script != null && !script.isEmpty() ? script.poll() : answer(defaults.get(kind));
        }
      }
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      reply.headers().forEach(exchange.getResponseHeaders()::add);
      exchange.sendResponseHeaders(reply.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /**
   * What a request asks for: the schema's name, or (in json_object mode, where the schema is in the
   * first message) which schema that is.
   */
  private static String kind(JsonNode body) {
    JsonNode format = body.path("response_format");
    if (format.path("type").asText().equals("json_schema")) {
      return format.path("json_schema").path("name").asText();
    }
    String instructions = body.path("messages").path(0).path("content").asText();
    if (instructions.contains("\"image_continuity\"")) {
      return COHESION;
    }
    if (instructions.contains("\"brand_fit\"")) {
      return STORY_SCORE;
    }
    if (instructions.contains("\"image_index\"")) {
      return SCENES;
    }
    return STORY;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
