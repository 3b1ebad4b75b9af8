package dev.reelsmith.activities.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The HTTP side of every remote provider: one client, one request timeout, and one reading of
 * failed answers into {@link ProviderException}s. Nothing here logs or repeats a request's headers,
 * so API keys stay out of logs, messages and workflow history.
 */
public final class ProviderHttp {

  /** A provider that asks for a longer pause than this is treated as down for now. */
  static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

  /** Used when a 429 names no delay. */
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String provider;
  private final HttpClient client;
  private final Duration requestTimeout;

  /**
   * @param provider the provider's name as users know it ("fal.ai", "the OpenAI-compatible API"),
   *     used in every message
   */
  public ProviderHttp(String provider, Duration requestTimeout) {
    this.provider = provider;
    this.requestTimeout = requestTimeout;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  public String provider() {
    return provider;
  }

  /**
   * Sends the request and returns the body of a 2xx answer.
   *
   * @param what what the request is for, for messages ("submitting scene 3")
   * @throws ProviderException for any other answer, or none
   */
  public byte[] send(HttpRequest.Builder request, String what) {
    HttpResponse<byte[]> response = exchange(request, what);
    if (response.statusCode() / 100 == 2) {
      return response.body();
    }
    throw failure(response, what);
  }

  /** Sends the request and returns its answer as JSON; see {@link #send}. */
  public JsonNode sendJson(HttpRequest.Builder request, String what) {
    return json(send(request, what), what);
  }

  /** A successful answer's body as JSON; one that is not JSON is an outage, retried. */
  public JsonNode json(byte[] body, String what) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw ProviderException.unavailable(
          provider + " answered " + what + " with something that is not JSON", e);
    }
  }

  /** Sends the request and returns the answer whatever its status; only transport fails. */
  public HttpResponse<byte[]> exchange(HttpRequest.Builder request, String what) {
    try {
      return client.send(
          request.timeout(requestTimeout).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw ProviderException.unavailable(
          provider + " did not answer " + what + " within " + requestTimeout.toSeconds() + " s", e);
    } catch (IOException e) {
      throw ProviderException.unavailable(
          provider + " could not be reached " + what + " (" + e.getMessage() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ProviderException.unavailable("Interrupted " + what, e);
    }
  }

  /** What a non-2xx answer means for the user and for retries. */
  public ProviderException failure(HttpResponse<byte[]> response, String what) {
    int status = response.statusCode();
    String said = message(response.body()).map(m -> ": " + m).orElse("");
    if (status == 429) {
      Duration delay = retryAfter(response).orElse(DEFAULT_RETRY_AFTER);
      if (delay.compareTo(MAX_RETRY_AFTER) > 0) {
        return ProviderException.unavailable(
            provider + " is rate limiting " + what + " for " + delay.toMinutes() + " min" + said,
            null);
      }
      return ProviderException.rateLimited(
          provider + " is rate limiting " + what + "; trying again in " + seconds(delay) + said,
          delay);
    }
    if (status == 401 || status == 403) {
      return ProviderException.rejected(
          provider + " refused the API key while " + what + " (HTTP " + status + ")" + said);
    }
    if (status == 408 || status >= 500) {
      return ProviderException.unavailable(
          provider + " failed " + what + " (HTTP " + status + ")" + said, null);
    }
    return ProviderException.rejected(
        provider + " refused " + what + " (HTTP " + status + ")" + said);
  }

  /** The provider's own words, from the error shapes the supported APIs use. */
  public static Optional<String> message(byte[] body) {
    if (body == null || body.length == 0) {
      return Optional.empty();
    }
    try {
      JsonNode root = JSON.readTree(body);
      for (JsonNode candidate :
          new JsonNode[] {
            root.path("error").path("message"),
            root.path("error"),
            root.path("detail").path(0).path("msg"),
            root.path("detail"),
            root.path("message")
          }) {
        if (candidate.isTextual() && !candidate.asText().isBlank()) {
          return Optional.of(clip(candidate.asText()));
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
      return text.isEmpty() || text.startsWith("<") ? Optional.empty() : Optional.of(clip(text));
    }
  }

  /** Retry-After as delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
  static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .flatMap(
            value -> {
              String v = value.strip();
              try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
              } catch (NumberFormatException notSeconds) {
                try {
                  ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                  Duration until = Duration.between(ZonedDateTime.now(at.getZone()), at);
                  return Optional.of(until.isNegative() ? Duration.ZERO : until);
                } catch (DateTimeParseException notADate) {
                  return Optional.empty();
                }
              }
            });
  }

  /** A JSON POST with a bearer-style header, the shape most providers take. */
  public static HttpRequest.Builder postJson(URI uri, String authHeader, String auth, Object body) {
    try {
      return HttpRequest.newBuilder(uri)
          .header("Content-Type", "application/json")
          .header(authHeader, auth)
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot write a request body as JSON", e);
    }
  }

  private static String seconds(Duration delay) {
    return Math.max(1, delay.toSeconds()) + " s";
  }

  private static String clip(String text) {
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 297) + "...";
  }
}
