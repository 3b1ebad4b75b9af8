package dev.reelsmith.activities.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.reelsmith.workflows.Failures;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How every remote provider's failed answers reach the user and Temporal's retries. */
class ProviderHttpTest {

  private static final String KEY = "sk-secret-never-shown";

  private HttpServer server;
  private int status;
  private Map<String, String> headers = Map.of();
  private String body = "";
  private Duration delay = Duration.ZERO;

  private final ProviderHttp http = new ProviderHttp("Acme Video", Duration.ofSeconds(2));

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try {
            Thread.sleep(delay.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aSuccessReturnsTheBody() {
    answer(200, "{\"id\": \"job-1\"}");
    assertThat(http.sendJson(request(), "submitting scene 1").path("id").asText())
        .isEqualTo("job-1");
  }

  @Test
  void aRateLimitRetriesAfterTheProvidersDelay() {
    answer(429, "{\"error\": {\"message\": \"Too many requests\"}}");
    headers = Map.of("Retry-After", "7");

    ApplicationFailure failure = failure();

    assertThat(failure.getType()).isEqualTo(Failures.PROVIDER_RATE_LIMITED.name());
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "Acme Video is rate limiting submitting scene 1; trying again in 7 s: Too many"
                + " requests");
  }

  @Test
  void aRetryAfterDateIsADelayToo() {
    answer(429, "");
    headers =
        Map.of(
            "Retry-After",
            DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30)));

    assertThat(failure().getNextRetryDelay())
        .isBetween(Duration.ofSeconds(25), Duration.ofSeconds(30));
  }

  @Test
  void aRateLimitWithoutADelayWaitsAFewSeconds() {
    answer(429, "");
    assertThat(failure().getNextRetryDelay()).isEqualTo(ProviderHttp.DEFAULT_RETRY_AFTER);
  }

  @Test
  void aPauseLongerThanTenMinutesIsAnOutageNotADelay() {
    answer(429, "");
    headers = Map.of("Retry-After", "3600");

    ApplicationFailure failure = failure();

    assertThat(failure.getType()).isEqualTo(Failures.PROVIDER_UNAVAILABLE.name());
    assertThat(failure.getNextRetryDelay()).isNull();
  }

  @Test
  void aServerErrorIsRetriedWithTheActivitysBackOff() {
    answer(503, "<html>Service Unavailable</html>");

    ApplicationFailure failure = failure();

    assertThat(failure.getType()).isEqualTo(Failures.PROVIDER_UNAVAILABLE.name());
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage())
        .isEqualTo("Acme Video failed submitting scene 1 (HTTP 503)");
  }

  @Test
  void aRefusalIsFinalAndQuotesTheProvider() {
    answer(422, "{\"detail\": [{\"msg\": \"image_url: the image is too small\"}]}");

    ApplicationFailure failure = failure();

    assertThat(failure.getType()).isEqualTo(Failures.PROVIDER_REJECTED.name());
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "Acme Video refused submitting scene 1 (HTTP 422): image_url: the image is too small");
  }

  @Test
  void aRefusedKeyIsFinalAndTheKeyIsNeverRepeated() {
    answer(401, "{\"error\": \"Invalid API key\"}");

    ApplicationFailure failure = failure();

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "Acme Video refused the API key while submitting scene 1 (HTTP 401): Invalid API key")
        .doesNotContain(KEY);
  }

  @Test
  void noAnswerInTimeIsAnOutage() {
    answer(200, "{}");
    delay = Duration.ofSeconds(3);

    ApplicationFailure failure = failure();

    assertThat(failure.getType()).isEqualTo(Failures.PROVIDER_UNAVAILABLE.name());
    assertThat(failure.getOriginalMessage())
        .isEqualTo("Acme Video did not answer submitting scene 1 within 2 s");
  }

  private void answer(int status, String body) {
    this.status = status;
    this.body = body;
  }

  private HttpRequest.Builder request() {
    return ProviderHttp.postJson(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/jobs"),
        "Authorization",
        "Bearer " + KEY,
        Map.of("prompt", "a bottle on a table"));
  }

  private ApplicationFailure failure() {
    ProviderException e =
        catchThrowableOfType(
            ProviderException.class, () -> http.send(request(), "submitting scene 1"));
    assertThat(e).as("the request failed").isNotNull();
    return e.toFailure();
  }
}
