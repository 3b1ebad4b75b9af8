package dev.reelsmith.activities.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reelsmith.activities.remote.ProviderException;
import dev.reelsmith.activities.remote.ProviderHttp;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An OpenAI-compatible chat-completions API ({@code POST {base}/chat/completions}: OpenAI, Ollama,
 * vLLM, OpenRouter, LiteLLM) asked for JSON that matches a schema.
 *
 * <p>Answers are asked for with a strict {@code json_schema} response format. A server that rejects
 * that format is asked again, and from then on, in {@code json_object} mode with the schema in the
 * prompt. Either way our own {@link Reader} checks the answer; an unusable answer is sent back with
 * what is wrong, at most {@value #MAX_CORRECTIONS} times, before the step fails for good. Refusals
 * and content filtering fail at once with the provider's own words: asking the same thing again
 * would be refused again.
 *
 * <p>The key is sent as a bearer token only when set (a local Ollama takes none) and appears in no
 * message.
 */
public final class ChatClient {

  /** Corrections after the first answer; each is a paid call, and two fix most slips. */
  static final int MAX_CORRECTIONS = 2;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProviderHttp http;
  private final URI endpoint;
  @Nullable private final String apiKey;
  private final String model;
  private final AtomicBoolean jsonObjectOnly = new AtomicBoolean();

  public ChatClient(URI baseUrl, @Nullable String apiKey, String model, Duration timeout) {
    this.http = new ProviderHttp("The language model (" + model + ")", timeout);
    String base = baseUrl.toString();
    this.endpoint = URI.create((base.endsWith("/") ? base : base + "/") + "chat/completions");
    this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
    this.model = model;
  }

  /** A JSON schema an answer must match, under a name the API shows in its logs. */
  public record Schema(String name, ObjectNode schema) {}

  /** Reads an answer into a value, or says everything that is wrong with it. */
  @FunctionalInterface
  public interface Reader<T> {
    T read(JsonNode answer) throws InvalidAnswer;
  }

  /** An answer that does not do what was asked, with each problem in words the model can fix. */
  public static final class InvalidAnswer extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidAnswer(List<String> problems) {
      super(String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }

  /**
   * Asks for an answer that matches {@code schema} and that {@code reader} accepts.
   *
   * @param messages the conversation so far, as chat-completions messages
   * @param what what is asked for, for messages ("the story")
   * @throws ProviderException when the API fails, refuses, or answers unusably every time
   */
  public <T> T ask(List<ObjectNode> messages, Schema schema, Reader<T> reader, String what) {
    List<ObjectNode> conversation = new ArrayList<>(messages);
    InvalidAnswer last = null;
    for (int attempt = 0; attempt <= MAX_CORRECTIONS; attempt++) {
      Reply reply = complete(conversation, schema, what);
      try {
        if (reply.cutOff()) {
          throw new InvalidAnswer(List.of("the answer was cut off for being too long; write less"));
        }
        return reader.read(parse(reply.content()));
      } catch (InvalidAnswer e) {
        last = e;
        conversation.add(text("assistant", reply.content()));
        conversation.add(
            text(
                "user",
                "That answer cannot be used: "
                    + e.getMessage()
                    + ". Answer again with the whole JSON object, with these problems fixed."));
      }
    }
    throw ProviderException.rejected(
        http.provider()
            + " gave no usable answer for "
            + what
            + " in "
            + (MAX_CORRECTIONS + 1)
            + " tries; the last answer had these problems: "
            + summary(last.problems()));
  }

  /** The first few problems, enough to act on without flooding the user's screen. */
  private static String summary(List<String> problems) {
    int shown = Math.min(3, problems.size());
    String first = String.join("; ", problems.subList(0, shown));
    return shown == problems.size()
        ? first
        : first + " (and " + (problems.size() - shown) + " more)";
  }

  /** A chat message with plain text content. */
  public static ObjectNode text(String role, String content) {
    ObjectNode message = JSON.createObjectNode();
    message.put("role", role);
    message.put("content", content);
    return message;
  }

  /** A user message: the text, then each image as an {@code image_url} part. */
  public static ObjectNode withImages(String text, List<String> imageDataUrls) {
    ObjectNode message = JSON.createObjectNode();
    message.put("role", "user");
    ArrayNode parts = message.putArray("content");
    parts.addObject().put("type", "text").put("text", text);
    for (String url : imageDataUrls) {
      parts.addObject().put("type", "image_url").putObject("image_url").put("url", url);
    }
    return message;
  }

  private record Reply(String content, boolean cutOff) {}

  private Reply complete(List<ObjectNode> conversation, Schema schema, String what) {
    String asking = "writing " + what;
    boolean strict = !jsonObjectOnly.get();
    HttpResponse<byte[]> response = http.exchange(request(conversation, schema, strict), asking);
    if (strict && rejectsJsonSchema(response)) {
      jsonObjectOnly.set(true);
      response = http.exchange(request(conversation, schema, false), asking);
    }
    if (response.statusCode() / 100 != 2) {
      throw http.failure(response, asking);
    }
    JsonNode choice = http.json(response.body(), asking).path("choices").path(0);
    JsonNode message = choice.path("message");
    String refusal = message.path("refusal").asText("");
    if (!refusal.isBlank()) {
      throw ProviderException.rejected(http.provider() + " declined " + asking + ": " + refusal);
    }
    String finish = choice.path("finish_reason").asText("");
    if (finish.equals("content_filter")) {
      String said = ProviderHttp.message(response.body()).map(m -> ": " + m).orElse("");
      throw ProviderException.rejected(
          http.provider() + "'s content filter stopped " + asking + said);
    }
    JsonNode content = message.path("content");
    if (!content.isTextual()) {
      throw ProviderException.unavailable(
          http.provider() + " answered " + asking + " without any content", null);
    }
    return new Reply(content.asText(), finish.equals("length"));
  }

  private HttpRequest.Builder request(
      List<ObjectNode> conversation, Schema schema, boolean strict) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model);
    ArrayNode messages = body.putArray("messages");
    if (!strict) {
      messages.add(
          text(
              "system",
              "Answer with one JSON object and nothing else. It must match this JSON schema: "
                  + schema.schema()));
    }
    messages.addAll(conversation);
    ObjectNode format = body.putObject("response_format");
    if (strict) {
      format.put("type", "json_schema");
      format
          .putObject("json_schema")
          .put("name", schema.name())
          .put("strict", true)
          .set("schema", schema.schema());
    } else {
      format.put("type", "json_object");
    }
    HttpRequest.Builder request;
    try {
      request =
          HttpRequest.newBuilder(endpoint)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a chat request as JSON", e);
    }
    return apiKey == null ? request : request.header("Authorization", "Bearer " + apiKey);
  }

  /** Whether a server turned the request down for its response format, not for its content. */
  private static boolean rejectsJsonSchema(HttpResponse<byte[]> response) {
    int status = response.statusCode();
    if (status != 400 && status != 422) {
      return false;
    }
    String said = ProviderHttp.message(response.body()).orElse("").toLowerCase(Locale.ROOT);
    return said.contains("response_format")
        || said.contains("json_schema")
        || said.contains("structured output");
  }

  /** The answer as JSON; servers in {@code json_object} mode sometimes wrap it in a code fence. */
  private static JsonNode parse(String content) throws InvalidAnswer {
    String json = content.strip();
    if (json.startsWith("```")) {
      int start = json.indexOf('\n');
      int end = json.lastIndexOf("```");
      json = start < 0 || end <= start ? json : json.substring(start + 1, end);
    }
    try {
      JsonNode node = JSON.readTree(json);
      if (node == null || !node.isObject()) {
        throw new InvalidAnswer(List.of("the answer is not a JSON object"));
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new InvalidAnswer(
          List.of("the answer is not valid JSON (" + e.getOriginalMessage() + ")"));
    }
  }
}
