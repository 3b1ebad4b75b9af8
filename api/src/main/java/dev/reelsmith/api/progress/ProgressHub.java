package dev.reelsmith.api.progress;

import dev.reelsmith.api.ReelsmithProperties;
import dev.reelsmith.api.generations.GenerationService;
import dev.reelsmith.api.problems.Problems;
import dev.reelsmith.workflows.Generations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * The one {@link ProgressFeed} of each watched generation, so that every client of a generation
 * shares its poller. Feeds nobody uses are evicted once there are more than {@link #MAX_FEEDS};
 * until then an ended generation is answered from memory without a query.
 *
 * <p>When the application stops, the hub ends every open stream first: otherwise each would hold
 * the web server's graceful shutdown for its whole timeout. The last thing a stream sends then is a
 * {@code retry:} hint and a comment saying why, so EventSource reconnects soon with its
 * Last-Event-ID, to another instance or to this one once it is back, and loses nothing.
 *
 * <p>Metrics: {@code reelsmith.progress.subscribers} (open streams), {@code
 * reelsmith.progress.pollers} (generations being polled) and {@code reelsmith.progress.queries}
 * (workflow queries issued).
 */
@Component
public class ProgressHub implements SmartLifecycle {

  /** Feeds kept; one holds a generation's updates, a few kilobytes, so about 10 MB in all. */
  static final int MAX_FEEDS = 1024;

  /** A feed is never evicted this soon after a client used it. */
  static final Duration QUIET_BEFORE_EVICTION = Duration.ofSeconds(30);

  /**
   * A query waits for a worker; past this the stream says "waiting for a worker" and tries again.
   */
  static final Duration QUERY_DEADLINE = Duration.ofSeconds(5);

  private final Map<String, ProgressFeed> feeds = new ConcurrentHashMap<>();
  private final ProgressQuery query;
  private final ProgressFeed.Pacing pacing;
  private final int maxFeeds;
  private final Duration quietBeforeEviction;
  private final Counter queries;
  private final AtomicInteger subscribers = new AtomicInteger();

  /** A stream's last event when the server stops: when to come back, and why it ended. */
  static final ServerSentEvent<Object> GOODBYE =
      ServerSentEvent.builder()
          .retry(ProgressFeed.RECONNECT_AFTER)
          .comment("server stopping; reconnect to continue")
          .build();

  private final Sinks.One<Boolean> stopping = Sinks.one();
  private volatile boolean running;
  private volatile boolean stopped;

  @Autowired
  public ProgressHub(
      GenerationService generations, ReelsmithProperties properties, MeterRegistry registry) {
    this(
        (id, afterSeq) -> generations.progress(id, afterSeq, QUERY_DEADLINE),
        new ProgressFeed.Pacing(
            properties.pollInterval(),
            properties.heartbeatInterval(),
            linger(properties.pollInterval()),
            Schedulers.parallel()),
        registry,
        MAX_FEEDS,
        QUIET_BEFORE_EVICTION);
  }

  ProgressHub(
      ProgressQuery query,
      ProgressFeed.Pacing pacing,
      MeterRegistry registry,
      int maxFeeds,
      Duration quietBeforeEviction) {
    this.query = query;
    this.pacing = pacing;
    this.maxFeeds = maxFeeds;
    this.quietBeforeEviction = quietBeforeEviction;
    this.queries =
        Counter.builder("reelsmith.progress.queries")
            .description("Progress queries sent to generation workflows")
            .register(registry);
    Gauge.builder("reelsmith.progress.subscribers", subscribers, AtomicInteger::get)
        .description("Open progress streams")
        .register(registry);
    Gauge.builder("reelsmith.progress.pollers", this, ProgressHub::pollers)
        .description("Generations whose progress is being polled")
        .register(registry);
  }

  /**
   * A client's progress stream, given the last seq it has seen (0 for none): empty when it has
   * already seen the terminal update, an error with a 404 problem when there is no such generation.
   */
  public Mono<Flux<ServerSentEvent<Object>>> open(String generationId, long lastSeen) {
    if (!Generations.isValidId(generationId)) {
      return Mono.error(Problems.notFound(generationId));
    }
    ProgressFeed feed = feed(generationId);
    return feed.ready()
        .doOnError(error -> feeds.remove(generationId, feed))
        .then(
            Mono.fromSupplier(
                () ->
                    feed.finishedFor(lastSeen)
                        ? null
                        : feed.events(lastSeen)
                            .takeUntilOther(stopping.asMono())
                            .concatWith(Mono.fromSupplier(() -> stopped ? GOODBYE : null))
                            .doOnSubscribe(subscription -> subscribers.incrementAndGet())
                            .doFinally(signal -> subscribers.decrementAndGet())));
  }

  @Override
  public void start() {
    running = true;
  }

  /** Ends every open stream, before the web server waits for open requests to finish. */
  @Override
  public void stop() {
    running = false;
    stopped = true;
    stopping.tryEmitValue(Boolean.TRUE);
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  int subscribers() {
    return subscribers.get();
  }

  int feeds() {
    return feeds.size();
  }

  int pollers() {
    return (int) feeds.values().stream().filter(ProgressFeed::polling).count();
  }

  private ProgressFeed feed(String generationId) {
    ProgressFeed existing = feeds.get(generationId);
    if (existing != null) {
      return existing;
    }
    ProgressFeed feed =
        feeds.computeIfAbsent(
            generationId, id -> new ProgressFeed(id, query, pacing, queries::increment));
    if (feeds.size() > maxFeeds) {
      evictIdle();
    }
    return feed;
  }

  /** Drops the least recently used idle feeds until a quarter of the room is free again. */
  private void evictIdle() {
    int excess = feeds.size() - maxFeeds * 3 / 4;
    feeds.values().stream()
        .filter(feed -> feed.idleFor(quietBeforeEviction))
        .sorted(Comparator.comparingLong(ProgressFeed::lastUsed))
        .limit(Math.max(0, excess))
        .forEach(
            feed ->
                feeds.computeIfPresent(
                    feed.generationId(),
                    (id, current) ->
                        current == feed && feed.idleFor(quietBeforeEviction) ? null : current));
  }

  /** Long enough for a client to reconnect without the poller stopping in between. */
  private static Duration linger(Duration pollInterval) {
    Duration fourPolls = pollInterval.multipliedBy(4);
    return fourPolls.compareTo(Duration.ofSeconds(1)) > 0 ? fourPolls : Duration.ofSeconds(1);
  }
}
