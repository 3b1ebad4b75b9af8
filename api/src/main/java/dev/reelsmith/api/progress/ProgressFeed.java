package dev.reelsmith.api.progress;

import dev.reelsmith.workflows.messages.ProgressPage;
import dev.reelsmith.workflows.messages.ProgressUpdate;
import dev.reelsmith.workflows.messages.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.ErrorResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The live progress of one generation, shared by everyone who watches it.
 *
 * <p>The feed mirrors the workflow's list of updates: update {@code seq} sits at index {@code seq -
 * 1}. One poller queries the workflow for the updates after the last one known, at the poll
 * interval, from the first subscriber until a short linger after the last one leaves; after each
 * query it emits a tick. Every subscriber keeps its own cursor into the list and drains it on each
 * tick, so a thousand watchers cost one query per interval and a slow client holds nobody back.
 * Once the workflow has ended (complete or cancelled) the poller stops for good and the feed
 * answers from memory.
 *
 * <p>A query that fails (no worker polling, a deadline passed, Temporal unreachable) does not break
 * a stream: subscribers get a {@link ProgressNotice} without an id, and the poller tries again with
 * backoff. Only a generation that does not exist ends the poller with an error.
 */
final class ProgressFeed {

  /** The reconnection delay the first event of every stream tells EventSource to use. */
  static final Duration RECONNECT_AFTER = Duration.ofSeconds(3);

  /** The longest pause between two queries while they keep failing. */
  static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  static final String WAITING_FOR_WORKER = "Waiting for a worker to pick up this generation…";
  static final String RECONNECTING = "Lost contact with the workflow service; reconnecting…";

  private static final Logger log = LoggerFactory.getLogger(ProgressFeed.class);

  private static final ServerSentEvent<Object> KEEP_ALIVE =
      ServerSentEvent.builder().comment("keep-alive").build();

  /** Marks the end of a stream's events; never sent. */
  private static final ServerSentEvent<Object> END = ServerSentEvent.builder().build();

  /**
   * How a feed keeps time.
   *
   * @param pollInterval the pause between two queries while they succeed
   * @param heartbeatInterval the pause between two keep-alive comments on a stream
   * @param linger how long the poller outlives its last subscriber, so a reconnecting client finds
   *     it running
   * @param timer the scheduler of the pauses; never blocked
   */
  record Pacing(
      Duration pollInterval, Duration heartbeatInterval, Duration linger, Scheduler timer) {}

  /** What subscribers read, swapped whole so that updates and notice always agree. */
  private record State(List<ProgressUpdate> updates, ProgressNotice notice) {

    ProgressUpdate latest() {
      return updates.isEmpty() ? null : updates.get(updates.size() - 1);
    }
  }

  private final String generationId;
  private final ProgressQuery query;
  private final Pacing pacing;
  private final Runnable onQuery;
  private final Flux<Long> ticks;

  private volatile State state = new State(List.of(), null);
  private volatile boolean ended;
  private volatile boolean polling;
  private volatile boolean answered;
  private volatile int failures;
  private volatile long lastUsed = System.nanoTime();
  private final AtomicInteger subscribers = new AtomicInteger();

  /**
   * @param onQuery called once for every query issued
   */
  ProgressFeed(String generationId, ProgressQuery query, Pacing pacing, Runnable onQuery) {
    this.generationId = generationId;
    this.query = query;
    this.pacing = pacing;
    this.onQuery = onQuery;
    this.ticks =
        Flux.concat(
                poll(),
                Mono.defer(
                        () ->
                            ended
                                ? Mono.<Long>empty()
                                : Mono.delay(pause(), pacing.timer()).then(poll()))
                    .repeat(() -> !ended))
            .doOnSubscribe(
                subscription -> {
                  answered = false;
                  polling = true;
                })
            .doFinally(signal -> polling = false)
            .publish()
            .refCount(1, pacing.linger(), pacing.timer());
  }

  String generationId() {
    return generationId;
  }

  /**
   * Completes once the feed's state is recent enough to answer a new client: at once when the
   * workflow has ended or the poller is running, else after a fresh query. Fails with the 404 of a
   * generation that does not exist.
   */
  Mono<Void> ready() {
    touch();
    if (ended || (polling && answered)) {
      return Mono.empty();
    }
    return ticks.next().then();
  }

  /** Whether a client that has seen up to {@code lastSeen} has nothing more coming. */
  boolean finishedFor(long lastSeen) {
    ProgressUpdate latest = state.latest();
    return latest != null && latest.terminal() && lastSeen >= latest.seq();
  }

  /**
   * The stream of one client that has seen the updates up to {@code lastSeen} (0 for none): the
   * updates it missed, then new ones as they come, notices and keep-alive comments in between. It
   * completes after the terminal update.
   */
  Flux<ServerSentEvent<Object>> events(long lastSeen) {
    return Flux.defer(
            () -> {
              Cursor cursor = new Cursor(lastSeen);
              // Ticks first, then the first drain, so no update falls in between. A tick only
              // says "look again": a slow client may skip some, and its cursor catches up.
              Flux<Long> wakeUps =
                  ended
                      ? Flux.just(0L)
                      : Flux.merge(ticks.onBackpressureLatest(), Mono.just(0L))
                          .onErrorResume(ProgressFeed::notFound, e -> Flux.empty());
              Flux<ServerSentEvent<Object>> updates =
                  wakeUps.concatMapIterable(tick -> cursor.drain()).concatWith(Mono.just(END));
              Flux<ServerSentEvent<Object>> heartbeats =
                  Flux.interval(pacing.heartbeatInterval(), pacing.timer())
                      .onBackpressureDrop()
                      .map(beat -> KEEP_ALIVE);
              AtomicBoolean first = new AtomicBoolean(true);
              return Flux.merge(updates, heartbeats)
                  .takeWhile(event -> event != END)
                  .map(
                      event -> first.compareAndSet(true, false) ? withReconnectHint(event) : event);
            })
        .doOnSubscribe(subscription -> subscribers.incrementAndGet())
        .doFinally(
            signal -> {
              subscribers.decrementAndGet();
              touch();
            });
  }

  /** Whether the poller is running. */
  boolean polling() {
    return polling;
  }

  /** Whether nobody has used the feed for {@code quiet}: no stream, no poller, no new client. */
  boolean idleFor(Duration quiet) {
    return subscribers.get() == 0 && !polling && System.nanoTime() - lastUsed > quiet.toNanos();
  }

  long lastUsed() {
    return lastUsed;
  }

  private void touch() {
    lastUsed = System.nanoTime();
  }

  private Mono<Long> poll() {
    return Mono.defer(
        () -> {
          if (ended) {
            return Mono.empty();
          }
          onQuery.run();
          return query
              .progress(generationId, state.updates().size())
              .map(this::record)
              .onErrorResume(error -> !notFound(error), this::fail)
              .doOnNext(tick -> answered = true);
        });
  }

  private Duration pause() {
    if (failures == 0) {
      return pacing.pollInterval();
    }
    Duration backoff = pacing.pollInterval().multipliedBy(1L << Math.min(failures, 16));
    return backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
  }

  /** Appends the new updates; those already known (a late answer to an old query) are skipped. */
  private synchronized long record(ProgressPage page) {
    List<ProgressUpdate> known = state.updates();
    List<ProgressUpdate> updates = new ArrayList<>(known);
    for (ProgressUpdate update : page.updates()) {
      if (update.seq() == updates.size() + 1) {
        updates.add(update);
      } else if (update.seq() > updates.size() + 1) {
        log.warn(
            "Generation {}: skipped update {} after {}",
            generationId,
            update.seq(),
            updates.size());
      }
    }
    if (failures > 0) {
      log.info("Progress of generation {} is available again", generationId);
    }
    failures = 0;
    state = new State(List.copyOf(updates), null);
    ProgressUpdate latest = state.latest();
    if (latest != null && latest.terminal() && latest.status() != Status.FAILED) {
      ended = true;
    }
    return updates.size();
  }

  /** Turns a failed query into a notice; a change of notice is logged, a repeat is not. */
  private synchronized Mono<Long> fail(Throwable error) {
    failures++;
    String message =
        io.grpc.Status.fromThrowable(error).getCode() == io.grpc.Status.Code.UNAVAILABLE
            ? RECONNECTING
            : WAITING_FOR_WORKER;
    State current = state;
    if (current.notice() == null || !current.notice().message().equals(message)) {
      log.warn(
          "Progress query of generation {} failed; retrying with backoff: {}",
          generationId,
          error.toString());
      state = new State(current.updates(), ProgressNotice.at(current.latest(), message));
    }
    return Mono.just((long) current.updates().size());
  }

  private static boolean notFound(Throwable error) {
    return error instanceof ErrorResponse response
        && response.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND);
  }

  private static ServerSentEvent<Object> withReconnectHint(ServerSentEvent<Object> event) {
    ServerSentEvent.Builder<Object> hinted =
        ServerSentEvent.builder(event.data()).retry(RECONNECT_AFTER);
    if (event.id() != null) {
      hinted.id(event.id());
    }
    if (event.comment() != null) {
      hinted.comment(event.comment());
    }
    return hinted.build();
  }

  /** One client's position in the feed; drained by one thread at a time. */
  private final class Cursor {

    private long sent;
    private ProgressNotice noticeSent;

    Cursor(long lastSeen) {
      this.sent = Math.max(0, lastSeen);
    }

    /** The events this client has not had yet, ending with {@link #END} after a terminal one. */
    List<ServerSentEvent<Object>> drain() {
      State now = state;
      List<ProgressUpdate> updates = now.updates();
      List<ServerSentEvent<Object>> events = new ArrayList<>();
      for (int i = (int) Math.min(sent, updates.size()); i < updates.size(); i++) {
        ProgressUpdate update = updates.get(i);
        events.add(ServerSentEvent.<Object>builder(update).id(Long.toString(update.seq())).build());
      }
      sent = Math.max(sent, updates.size());
      ProgressUpdate latest = now.latest();
      if (latest != null && latest.terminal() && sent >= latest.seq()) {
        events.add(END);
        return events;
      }
      if (now.notice() != noticeSent) {
        if (now.notice() != null) {
          events.add(notice(now.notice()));
        } else if (events.isEmpty() && latest != null) {
          // The trouble is over, but nothing new happened: restate where the generation is.
          events.add(notice(ProgressNotice.at(latest, latest.message())));
        }
        noticeSent = now.notice();
      }
      return events;
    }

    private ServerSentEvent<Object> notice(ProgressNotice notice) {
      return ServerSentEvent.<Object>builder(notice).build();
    }
  }
}
