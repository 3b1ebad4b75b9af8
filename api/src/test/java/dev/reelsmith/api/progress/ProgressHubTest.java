package dev.reelsmith.api.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.messages.ProgressPage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.ErrorResponse;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The hub: which feed serves a client, what it answers before any stream, metrics and limits. */
class ProgressHubTest {

  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration LINGER = Duration.ofSeconds(1);

  private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final Map<String, FakeWorkflow> workflows = new ConcurrentHashMap<>();
  private final AtomicInteger queries = new AtomicInteger();
  private final List<Disposable> streams = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeStreams() {
    streams.forEach(Disposable::dispose);
    time.dispose();
  }

  private ProgressHub hub(int maxFeeds, Duration quiet) {
    return new ProgressHub(
        this::progress,
        new ProgressFeed.Pacing(POLL, Duration.ofSeconds(15), LINGER, time),
        meters,
        maxFeeds,
        quiet);
  }

  private ProgressHub hub() {
    return hub(ProgressHub.MAX_FEEDS, ProgressHub.QUIET_BEFORE_EVICTION);
  }

  private Mono<ProgressPage> progress(String generationId, long afterSeq) {
    queries.incrementAndGet();
    FakeWorkflow workflow = workflows.get(generationId);
    if (workflow == null) {
      workflow = new FakeWorkflow();
      workflow.exists = false;
    }
    return workflow.progress(generationId, afterSeq);
  }

  private String generation(FakeWorkflow workflow) {
    String id = Generations.newId();
    workflows.put(id, workflow);
    return id;
  }

  private List<ServerSentEvent<Object>> watch(ProgressHub hub, String id, long lastSeen) {
    List<ServerSentEvent<Object>> events = new CopyOnWriteArrayList<>();
    Flux<ServerSentEvent<Object>> stream = hub.open(id, lastSeen).block();
    assertThat(stream).as("a stream for %s after %d", id, lastSeen).isNotNull();
    streams.add(stream.subscribe(events::add));
    return events;
  }

  private static void assertNotFound(Mono<?> answer) {
    assertThatThrownBy(answer::block)
        .isInstanceOfSatisfying(
            ErrorResponse.class,
            e -> assertThat(e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)).isTrue());
  }

  @Test
  void turnsAwayAMalformedIdWithoutAskingTemporal() {
    ProgressHub hub = hub();

    assertNotFound(hub.open("generation-../../etc", 0));

    assertThat(queries).hasValue(0);
    assertThat(hub.feeds()).isZero();
  }

  @Test
  void answers404ForAnUnknownGenerationAndKeepsNoFeedForIt() {
    ProgressHub hub = hub();
    String unknown = Generations.newId();

    assertNotFound(hub.open(unknown, 0));
    assertThat(hub.feeds()).isZero();
    workflows.put(unknown, new FakeWorkflow().running(1));

    assertThat(watch(hub, unknown, 0)).hasSize(1);
  }

  @Test
  void hasNothingToSendToAClientThatSawTheTerminalUpdate() {
    ProgressHub hub = hub();
    FakeWorkflow workflow = new FakeWorkflow().running(3);
    workflow.complete();
    String id = generation(workflow);

    assertThat(hub.open(id, 4).block()).isNull();
    assertThat(hub.open(id, 9).block()).isNull();
    assertThat(watch(hub, id, 3)).extracting(ServerSentEvent::id).containsExactly("4");
    assertThat(queries).hasValue(1);
  }

  @Test
  void measuresOpenStreamsPollersAndQueries() {
    ProgressHub hub = hub();
    String running = generation(new FakeWorkflow().running(1));
    String other = generation(new FakeWorkflow().running(1));
    watch(hub, running, 0);
    watch(hub, running, 0);
    watch(hub, other, 0);
    time.advanceTimeBy(Duration.ofSeconds(2));

    assertThat(meters.get("reelsmith.progress.subscribers").gauge().value()).isEqualTo(3);
    assertThat(meters.get("reelsmith.progress.pollers").gauge().value()).isEqualTo(2);
    assertThat(meters.get("reelsmith.progress.queries").counter().count())
        .isEqualTo(queries.get())
        .isEqualTo(2 * (1 + 8));

    streams.forEach(Disposable::dispose);
    time.advanceTimeBy(LINGER);
    assertThat(meters.get("reelsmith.progress.subscribers").gauge().value()).isZero();
    assertThat(meters.get("reelsmith.progress.pollers").gauge().value()).isZero();
  }

  @Test
  void forgetsTheLeastRecentlyUsedIdleGenerationsBeyondItsLimit() {
    ProgressHub hub = hub(4, Duration.ZERO);
    List<String> ids =
        IntStream.range(0, 6)
            .mapToObj(
                i -> {
                  FakeWorkflow workflow = new FakeWorkflow().running(1);
                  workflow.complete();
                  return generation(workflow);
                })
            .toList();
    for (String id : ids) {
      assertThat(watch(hub, id, 0)).hasSize(2);
    }
    assertThat(hub.feeds()).isEqualTo(4);

    int before = queries.get();
    watch(hub, ids.get(5), 0);
    assertThat(queries).as("a kept generation replays from memory").hasValue(before);
    watch(hub, ids.get(0), 0);
    assertThat(queries).as("a forgotten one is asked again").hasValue(before + 1);
  }

  @Test
  void endsEveryOpenStreamWithAReconnectHintWhenTheApplicationStops() {
    ProgressHub hub = hub();
    hub.start();
    String id = generation(new FakeWorkflow().running(2));
    AtomicBoolean ended = new AtomicBoolean();
    List<ServerSentEvent<Object>> received = new CopyOnWriteArrayList<>();
    streams.add(
        hub.open(id, 0).block().doOnComplete(() -> ended.set(true)).subscribe(received::add));

    hub.stop();

    assertThat(ended).isTrue();
    assertThat(received).last().isSameAs(ProgressHub.GOODBYE);
    assertThat(ProgressHub.GOODBYE.retry()).isEqualTo(ProgressFeed.RECONNECT_AFTER);
    assertThat(hub.isRunning()).isFalse();
    assertThat(meters.get("reelsmith.progress.subscribers").gauge().value()).isZero();
  }
}
