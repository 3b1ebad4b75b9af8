package dev.reelsmith.api.durability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.api.TestAccounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One client's Server-Sent Events connection to a generation's progress (PRODUCT.md §4), read as
 * EventSource would read it: events with an id are progress updates, the rest (notices, keep-alive
 * comments) are skipped. It reads on a thread of its own until the server closes the stream or the
 * connection is lost, which {@link #awaitEnd} tells apart.
 */
final class ProgressStream implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One progress update as the stream carried it. */
  record Update(long seq, JsonNode data) {

    String step() {
      return data.path("step").asString();
    }

    String status() {
      return data.path("status").asString();
    }

    String message() {
      return data.path("message").asString();
    }

    boolean completesTheGeneration() {
      return step().equals("complete") && status().equals("completed");
    }
  }

  private final List<Update> updates = new CopyOnWriteArrayList<>();
  private final CountDownLatch ended = new CountDownLatch(1);
  private final Thread reader;
  private volatile Stream<String> lines;
  private volatile int status;
  private volatile Throwable lost;

  private ProgressStream(int port, String generationId, long lastEventId) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:" + port + "/api/master-mode/progress/" + generationId))
            .header("Accept", "text/event-stream")
            .header("Authorization", TestAccounts.basic(TestAccounts.USER, TestAccounts.PASSWORD));
    if (lastEventId > 0) {
      request.header("Last-Event-ID", Long.toString(lastEventId));
    }
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    reader = new Thread(() -> read(http, request.build()), "sse-" + generationId);
    reader.setDaemon(true);
    reader.start();
  }

  /** Opens the stream as a client that has seen the updates up to {@code lastEventId} (0: none). */
  static ProgressStream open(int port, String generationId, long lastEventId) {
    return new ProgressStream(port, generationId, lastEventId);
  }

  /** The updates read so far. */
  List<Update> updates() {
    return List.copyOf(updates);
  }

  /** The seq of the last update read, what EventSource sends as Last-Event-ID; 0 for none. */
  long lastEventId() {
    return updates.isEmpty() ? 0 : updates.get(updates.size() - 1).seq();
  }

  /** Waits until an update matching {@code condition} has been read; fails after the timeout. */
  void awaitUpdate(Predicate<Update> condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (updates.stream().noneMatch(condition)) {
      assertThat(ended.getCount()).as("the stream ended before the update: %s", this).isOne();
      assertThat(System.nanoTime()).as("waiting for an update: %s", this).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  /**
   * Waits until the stream has ended; returns what ended it: null when the server closed it after a
   * 200, the failure when the connection was lost.
   */
  Throwable awaitEnd(Duration timeout) throws InterruptedException {
    assertThat(ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS))
        .as("the stream ends within %s: %s", timeout, this)
        .isTrue();
    assertThat(status).as("the stream's status").isEqualTo(200);
    return lost;
  }

  @Override
  public void close() {
    Stream<String> open = lines;
    if (open != null) {
      open.close();
    }
    reader.interrupt();
    try {
      reader.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "status " + status + ", lost " + lost + ", updates " + updates;
  }

  private void read(HttpClient http, HttpRequest request) {
    try {
      HttpResponse<Stream<String>> response =
          http.send(request, HttpResponse.BodyHandlers.ofLines());
      status = response.statusCode();
      lines = response.body();
      Long id = null;
      StringBuilder data = new StringBuilder();
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.isEmpty()) {
          if (id != null) {
            updates.add(new Update(id, JSON.readTree(data.toString())));
          }
          id = null;
          data.setLength(0);
        } else if (line.startsWith("id:")) {
          id = Long.parseLong(line.substring(3).strip());
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).strip());
        }
      }
    } catch (IOException | UncheckedIOException e) {
      lost = e;
    } catch (InterruptedException e) {
      lost = e;
      Thread.currentThread().interrupt();
    } finally {
      ended.countDown();
    }
  }
}
