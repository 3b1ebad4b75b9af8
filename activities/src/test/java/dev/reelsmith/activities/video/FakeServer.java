package dev.reelsmith.activities.video;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local HTTP server (127.0.0.1, a free port) that a fake provider answers through: it records
 * every request, lets a test put scripted answers in front of any step (a 429, a 503...), and can
 * hold a step's requests to stand for a worker that died while waiting.
 */
final class FakeServer implements AutoCloseable {

  /** The steps of a video job, as a test addresses them. */
  enum Step {
    SUBMIT,
    STATUS,
    RESULT,
    DOWNLOAD
  }

  record Request(
      Step step, String method, String path, Map<String, List<String>> headers, byte[] body) {

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst()
          .orElse(null);
    }
  }

  record Reply(int status, String body, Map<String, String> headers, byte[] bytes) {

    static Reply json(int status, String body) {
      return new Reply(status, body, Map.of("Content-Type", "application/json"), null);
    }

    static Reply json(int status, String body, Map<String, String> headers) {
      return new Reply(status, body, headers, null);
    }

    static Reply bytes(byte[] bytes) {
      return new Reply(200, null, Map.of("Content-Type", "video/mp4"), bytes);
    }
  }

  /** How a fake provider answers a request it has classified. */
  interface Handler {
    Reply answer(Request request) throws IOException;
  }

  /** Which step a request is, or null for one the provider does not know. */
  interface Router {
    Step step(String method, String path);
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<Step, Deque<Reply>> scripted = new EnumMap<>(Step.class);
  private volatile Step held;
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch heldArrived = new CountDownLatch(1);

  FakeServer(Router router, Handler handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Step step = router.step(method, path);
            Request request =
                new Request(
                    step,
                    method,
                    path,
                    Map.copyOf(exchange.getRequestHeaders()),
                    exchange.getRequestBody().readAllBytes());
            requests.add(request);
            send(exchange, reply(step, request, handler));
          }
        });
    server.start();
  }

  private Reply reply(Step step, Request request, Handler handler) throws IOException {
    if (step == null) {
      return Reply.json(404, "{\"detail\": \"Not found\"}");
    }
    if (step == held) {
      heldArrived.countDown();
      try {
        release.await(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Reply.json(503, "{\"detail\": \"the worker that asked is gone\"}");
    }
    synchronized (scripted) {
      Deque<Reply> queue = scripted.get(step);
      if (queue != null && !queue.isEmpty()) {
        return queue.removeFirst();
      }
    }
    return handler.answer(request);
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    byte[] body =
        reply.bytes() != null
            ? reply.bytes()
            : reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  URI base() {
    return URI.create(
        "http://"
            + server.getAddress().getAddress().getHostAddress()
            + ":"
            + server.getAddress().getPort());
  }

  /** The next request of {@code step} gets {@code reply} instead of the provider's answer. */
  void script(Step step, Reply reply) {
    synchronized (scripted) {
      scripted.computeIfAbsent(step, s -> new ArrayDeque<>()).addLast(reply);
    }
  }

  /**
   * Holds the first request of {@code step} until {@link #close()} (then answers it with a 503);
   * later requests of that step are answered as usual once {@link #awaitHeld()} has returned.
   */
  void hold(Step step) {
    held = step;
  }

  /** Waits until a held request has arrived, then lets any later ones through. */
  void awaitHeld() throws InterruptedException {
    if (!heldArrived.await(1, TimeUnit.MINUTES)) {
      throw new AssertionError("no " + held + " request arrived");
    }
    held = null;
  }

  List<Request> requests(Step step) {
    return requests.stream().filter(r -> r.step() == step).toList();
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
