package dev.reelsmith.bench;

import static dev.reelsmith.bench.Percentiles.percentile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Reelsmith under load, from outside: a running server (started by {@code bench/load.sh} with ten
 * users) gets 50 generations at once, five from each user, with the cheapest real brief (15 s, 1:1,
 * 720p, three scenes, two photos), while 500 SSE clients watch them, ten per generation, each
 * signed in as the generation's owner. Every request's status is counted; every stream is checked
 * for lost and repeated updates; the server process's peak RSS and CPU come from {@code /proc}.
 *
 * <p>Progress latency is measured on a sample of generations whose state a reference client polls
 * every {@link #REFERENCE_POLL}: the time from the state first showing an update to each SSE client
 * having it. It is therefore good to about one poll interval.
 */
public final class LoadBenchmark {

  private static final int GENERATIONS_PER_USER = 5;
  private static final int WATCHERS_PER_GENERATION = 10;
  private static final int SAMPLED_GENERATIONS = 5;
  private static final Duration REFERENCE_POLL = Duration.ofMillis(100);
  private static final Duration GIVE_UP = Duration.ofMinutes(20);
  private static final Pattern ID = Pattern.compile("\"generation_id\":\"([^\"]+)\"");
  private static final Pattern LAST_SEQ = Pattern.compile("\"last_seq\":(\\d+)");
  private static final Pattern STATUS = Pattern.compile("\"status\":\"([a-z_]+)\",\"progress\"");
  private static final String BRIEF =
      """
      {"product_name": "Aurora Cold Brew %d", "description": "Slow-steeped cold brew coffee.",
       "duration_seconds": 15, "aspect_ratio": "1:1", "resolution": "720p", "scene_count": 3}
      """;

  private final String base;
  private final long serverPid;
  private final Path examples;
  private final List<String[]> users;
  private final AtomicInteger serverErrors = new AtomicInteger();
  private final AtomicInteger clientErrors = new AtomicInteger();
  private final AtomicInteger unanswered = new AtomicInteger();
  private final Map<String, Map<Long, Long>> stateSeen = new ConcurrentHashMap<>();

  private LoadBenchmark(String base, long serverPid, Path examples, List<String[]> users) {
    this.base = base;
    this.serverPid = serverPid;
    this.examples = examples;
    this.users = users;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: LoadBenchmark <base-url> <server-pid> <examples-dir> <user:pw,…>");
      System.exit(2);
    }
    List<String[]> users = new ArrayList<>();
    for (String user : args[3].split(",")) {
      users.add(user.split(":", 2));
    }
    new LoadBenchmark(args[0], Long.parseLong(args[1]), Path.of(args[2]), users).run();
  }

  private void run() throws Exception {
    ProcessSampler server = new ProcessSampler(serverPid);
    server.start();
    ConnectionProvider pool =
        ConnectionProvider.builder("load").maxConnections(2000).pendingAcquireMaxCount(-1).build();
    HttpClient http = HttpClient.create(pool).baseUrl(base);
    long start = System.nanoTime();

    // 1. Everyone submits at once.
    List<Mono<Owned>> posts = new ArrayList<>();
    int n = 0;
    for (String[] user : users) {
      for (int i = 0; i < GENERATIONS_PER_USER; i++) {
        posts.add(create(user, ++n));
      }
    }
    List<Owned> generations =
        Flux.merge(posts).collectList().block(Duration.ofMinutes(5)).stream()
            .filter(owned -> owned.id() != null)
            .toList();
    double submitSeconds = (System.nanoTime() - start) / 1e9;

    // 2. Ten watchers per generation, signed in as its owner; a reference poller on a sample.
    List<SseClient> watchers = new ArrayList<>();
    for (Owned generation : generations) {
      HttpClient owner =
          http.headers(headers -> headers.set(HttpHeaders.AUTHORIZATION, generation.auth()));
      for (int i = 0; i < WATCHERS_PER_GENERATION; i++) {
        SseClient watcher = new SseClient(generation.id(), false);
        watchers.add(watcher);
        watcher.connect(owner, "/api/master-mode/progress/" + generation.id());
      }
    }
    List<Thread> pollers = new ArrayList<>();
    for (Owned generation :
        generations.subList(0, Math.min(SAMPLED_GENERATIONS, generations.size()))) {
      Thread poller = new Thread(() -> pollState(generation), "reference-" + generation.id());
      poller.setDaemon(true);
      poller.start();
      pollers.add(poller);
    }

    // 3. Until every stream has closed (each after its generation's terminal update).
    long deadline = System.nanoTime() + GIVE_UP.toNanos();
    while (!watchers.stream().allMatch(w -> w.closed) && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    double totalSeconds = (System.nanoTime() - start) / 1e9;
    pollers.forEach(Thread::interrupt);
    server.stop();

    Map<String, Integer> outcomes = new java.util.TreeMap<>();
    for (Owned generation : generations) {
      outcomes.merge(finalStatus(generation), 1, Integer::sum);
    }
    int lost = 0;
    int repeated = 0;
    int unfinished = 0;
    int streamErrors = 0;
    for (SseClient watcher : watchers) {
      List<Long> seqs = watcher.arrivals;
      long distinct = seqs.stream().distinct().count();
      repeated += (int) (seqs.size() - distinct);
      long last = seqs.stream().mapToLong(Long::longValue).max().orElse(0);
      lost += (int) (last - distinct);
      unfinished += watcher.closed ? 0 : 1;
      streamErrors += watcher.failed ? 1 : 0;
    }
    List<Double> latencies = new ArrayList<>();
    for (SseClient watcher : watchers) {
      Map<Long, Long> seen = stateSeen.get(watcher.generationId);
      if (seen != null) {
        watcher.received.forEach(
            (seq, at) -> {
              Long visible = seen.get(seq);
              if (visible != null) {
                latencies.add(Math.max(0, (at - visible) / 1e6));
              }
            });
      }
    }
    watchers.forEach(SseClient::close);
    pool.disposeLater().block(Duration.ofSeconds(10));

    System.out.printf(
        Locale.ROOT,
        "load: %d users submitted %d generations at once (15 s, 1:1, 720p, 3 scenes, 2 photos);"
            + " %d SSE clients watched, %d per generation%n"
            + "  accepted %d of %d in %.1f s; outcomes %s; all done after %.1f s%n"
            + "  5xx responses: %d; 4xx: %d; requests without an answer: %d; SSE stream errors: %d;"
            + " streams still open at the end: %d%n"
            + "  SSE updates lost: %d, repeated: %d (over %d streams)%n"
            + "  progress latency, state shows it -> SSE client has it (%d generations sampled,"
            + " %d ms polls, n=%d): p50 %.0f ms, p99 %.0f ms%n"
            + "  server process: peak RSS %.0f MB, CPU %.1f s over %.1f s (%.2f cores on average,"
            + " %.2f at peak, %d cores here)%n",
        users.size(),
        posts.size(),
        watchers.size(),
        WATCHERS_PER_GENERATION,
        generations.size(),
        posts.size(),
        submitSeconds,
        outcomes,
        totalSeconds,
        serverErrors.get(),
        clientErrors.get(),
        unanswered.get(),
        streamErrors,
        unfinished,
        lost,
        repeated,
        watchers.size(),
        pollers.size(),
        REFERENCE_POLL.toMillis(),
        latencies.size(),
        percentile(latencies, 50),
        percentile(latencies, 99),
        server.peakRssBytes() / 1e6,
        server.cpuSeconds(),
        server.wallSeconds(),
        server.cpuSeconds() / server.wallSeconds(),
        server.peakCores(),
        Runtime.getRuntime().availableProcessors());
  }

  /** A generation and its owner's credentials; a null id when the server refused it. */
  private record Owned(String id, String auth) {}

  private static String basic(String[] user) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user[0] + ":" + user[1]).getBytes(StandardCharsets.UTF_8));
  }

  private WebClient client(String auth) {
    return WebClient.builder()
        .baseUrl(base)
        .defaultHeader(HttpHeaders.AUTHORIZATION, auth)
        .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
        .build();
  }

  private Mono<Owned> create(String[] user, int n) {
    MultipartBodyBuilder body = new MultipartBodyBuilder();
    body.part("brief", BRIEF.formatted(n), MediaType.APPLICATION_JSON);
    body.part("images", new FileSystemResource(examples.resolve("bottle.jpg")));
    body.part("images", new FileSystemResource(examples.resolve("pour.jpg")));
    String auth = basic(user);
    return client(auth)
        .post()
        .uri("/api/master-mode/generations")
        .contentType(MediaType.MULTIPART_FORM_DATA)
        .bodyValue(body.build())
        .exchangeToMono(
            response -> {
              count(response.statusCode().value());
              return response.bodyToMono(String.class).defaultIfEmpty("");
            })
        .map(
            created -> {
              Matcher id = ID.matcher(created);
              return new Owned(id.find() ? id.group(1) : null, auth);
            })
        .onErrorResume(
            error -> {
              unanswered(error);
              return Mono.just(new Owned(null, auth));
            });
  }

  private String state(Owned generation) {
    return client(generation.auth())
        .get()
        .uri("/api/master-mode/generations/{id}", generation.id())
        .exchangeToMono(
            response -> {
              count(response.statusCode().value());
              return response.bodyToMono(String.class).defaultIfEmpty("");
            })
        .block(Duration.ofSeconds(30));
  }

  private void count(int status) {
    if (status >= 500) {
      serverErrors.incrementAndGet();
    } else if (status >= 400) {
      clientErrors.incrementAndGet();
    }
  }

  /** Notes when the state first shows each seq. */
  private void pollState(Owned generation) {
    Map<Long, Long> seen =
        stateSeen.computeIfAbsent(generation.id(), id -> new ConcurrentHashMap<>());
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Matcher last = LAST_SEQ.matcher(state(generation));
        long now = System.nanoTime();
        if (last.find()) {
          for (long seq = 1; seq <= Long.parseLong(last.group(1)); seq++) {
            seen.putIfAbsent(seq, now);
          }
        }
      } catch (RuntimeException e) {
        // A poll that timed out on the busy server: counted, and the next one tries again.
        unanswered(e);
      }
      try {
        Thread.sleep(REFERENCE_POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A request that got no answer (a timeout, a reset); the first few are shown. */
  private void unanswered(Throwable error) {
    if (unanswered.incrementAndGet() <= 3) {
      System.err.println("request failed: " + error);
    }
  }

  private String finalStatus(Owned generation) {
    Matcher status = STATUS.matcher(state(generation));
    return status.find() ? status.group(1) : "unknown";
  }

  /** The server's CPU time and resident memory, from {@code /proc/<pid>}, sampled each second. */
  private static final class ProcessSampler {

    private static final double TICKS_PER_SECOND = 100.0;

    private final Path stat;
    private final Path status;
    private Thread sampler;
    private volatile double peakCores;
    private double cpuStart;
    private double cpuEnd;
    private long wallStart;
    private long wallEnd;

    ProcessSampler(long pid) {
      this.stat = Path.of("/proc", Long.toString(pid), "stat");
      this.status = Path.of("/proc", Long.toString(pid), "status");
    }

    void start() throws IOException {
      cpuStart = cpu();
      wallStart = System.nanoTime();
      sampler =
          new Thread(
              () -> {
                try {
                  double lastCpu = cpu();
                  long lastWall = System.nanoTime();
                  while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(1000);
                    double nowCpu = cpu();
                    long nowWall = System.nanoTime();
                    peakCores =
                        Math.max(peakCores, (nowCpu - lastCpu) / ((nowWall - lastWall) / 1e9));
                    lastCpu = nowCpu;
                    lastWall = nowWall;
                  }
                } catch (InterruptedException | IOException e) {
                  // Sampling ends with the run.
                }
              },
              "process-sampler");
      sampler.setDaemon(true);
      sampler.start();
    }

    void stop() throws IOException {
      sampler.interrupt();
      cpuEnd = cpu();
      wallEnd = System.nanoTime();
    }

    double cpuSeconds() {
      return cpuEnd - cpuStart;
    }

    double wallSeconds() {
      return (wallEnd - wallStart) / 1e9;
    }

    double peakCores() {
      return peakCores;
    }

    /** VmHWM: the most resident memory the process has had. */
    long peakRssBytes() throws IOException {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
        }
      }
      return -1;
    }

    /** utime + stime, after the command name (which may hold spaces). */
    private double cpu() throws IOException {
      String line = Files.readString(stat);
      String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }
  }
}
