package dev.reelsmith.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;

/** One SSE connection: splits the stream into events and notes when each seq arrived. */
final class SseClient {

  private static final Pattern MESSAGE = Pattern.compile("\"message\":\"([^\"]*)\"");

  final String generationId;
  final boolean keepMessages;
  final Map<Long, Long> received = new ConcurrentHashMap<>();

  /** Every seq in the order it arrived, repeats included. */
  final List<Long> arrivals = new CopyOnWriteArrayList<>();

  final Map<Long, String> messages = new ConcurrentHashMap<>();
  final AtomicInteger blocks = new AtomicInteger();
  private final StringBuilder pending = new StringBuilder();
  volatile long lastSeq;
  volatile long firstEventAt;
  volatile boolean closed;
  volatile boolean failed;
  private Disposable connection;

  SseClient(String generationId, boolean keepMessages) {
    this.generationId = generationId;
    this.keepMessages = keepMessages;
  }

  void connect(HttpClient http, String path) {
    connection =
        http.headers(headers -> headers.set("Accept", "text/event-stream"))
            .get()
            .uri(path)
            .responseContent()
            .asString(StandardCharsets.UTF_8)
            .subscribe(
                this::onChunk,
                error -> {
                  failed = true;
                  closed = true;
                },
                () -> closed = true);
  }

  /** Chunks arrive one at a time per connection. */
  private void onChunk(String chunk) {
    long now = System.nanoTime();
    pending.append(chunk);
    int end;
    while ((end = pending.indexOf("\n\n")) >= 0) {
      String event = pending.substring(0, end);
      pending.delete(0, end + 2);
      blocks.incrementAndGet();
      onEvent(event, now);
    }
  }

  private void onEvent(String event, long now) {
    Long seq = null;
    for (String line : event.split("\n")) {
      if (line.startsWith("id:")) {
        seq = Long.parseLong(line.substring(3).strip());
      }
    }
    if (seq == null) {
      return;
    }
    if (firstEventAt == 0) {
      firstEventAt = now;
    }
    received.put(seq, now);
    arrivals.add(seq);
    if (keepMessages) {
      Matcher message = MESSAGE.matcher(event);
      if (message.find()) {
        messages.put(seq, message.group(1));
      }
    }
    lastSeq = seq;
  }

  void close() {
    if (connection != null) {
      connection.dispose();
    }
  }
}
