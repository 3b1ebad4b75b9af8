package dev.reelsmith.api.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reelsmith.workflows.messages.ProgressUpdate;
import dev.reelsmith.workflows.messages.Status;
import dev.reelsmith.workflows.messages.Step;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.ErrorResponse;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The feed against a fake workflow, in virtual time: sharing, replay, closing and failures. */
class ProgressFeedTest {

  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration HEARTBEAT = Duration.ofSeconds(15);
  private static final Duration LINGER = Duration.ofSeconds(1);
  private static final String ID = "6f1c2a53-0d2e-4c59-9a47-0b3f3c1d2e4f";

  private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
  private final AtomicInteger queriesIssued = new AtomicInteger();
  private final List<Recorder> recorders = new ArrayList<>();

  @AfterEach
  void disposeSubscribers() {
    recorders.forEach(Recorder::dispose);
    time.dispose();
  }

  private ProgressFeed feed(FakeWorkflow workflow) {
    return new ProgressFeed(
        ID,
        workflow,
        new ProgressFeed.Pacing(POLL, HEARTBEAT, LINGER, time),
        queriesIssued::incrementAndGet);
  }

  private Recorder watch(ProgressFeed feed, long lastSeen) {
    feed.ready().block();
    Recorder recorder = new Recorder(Long.MAX_VALUE);
    feed.events(lastSeen).subscribe(recorder);
    recorders.add(recorder);
    return recorder;
  }

  private void advance(Duration duration) {
    time.advanceTimeBy(duration);
  }

  @Test
  void replaysWhatTheClientMissedThenStreamsNewUpdatesWithTheirSeqAsId() {
    FakeWorkflow workflow = new FakeWorkflow().running(3);
    ProgressFeed feed = feed(workflow);

    Recorder client = watch(feed, 0);
    assertThat(client.ids()).containsExactly(1L, 2L, 3L);

    workflow.running(2);
    advance(POLL);

    assertThat(client.ids()).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(client.updates())
        .extracting(ProgressUpdate::seq)
        .containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(client.events).allSatisfy(event -> assertThat(event.event()).isNull());
    assertThat(client.events.get(0).retry()).isEqualTo(ProgressFeed.RECONNECT_AFTER);
    assertThat(client.events.subList(1, 5)).allSatisfy(e -> assertThat(e.retry()).isNull());
    assertThat(client.completed).isFalse();
  }

  @Test
  void resumesAfterTheLastEventIdWithoutLosingOrRepeatingAnUpdate() {
    FakeWorkflow workflow = new FakeWorkflow().running(3);
    ProgressFeed feed = feed(workflow);
    Recorder first = watch(feed, 0);
    first.dispose();

    workflow.running(2);
    advance(POLL);
    Recorder again = watch(feed, first.ids().get(first.ids().size() - 1));
    workflow.running(1);
    advance(POLL);

    List<Long> seen = new ArrayList<>(first.ids());
    seen.addAll(again.ids());
    assertThat(again.ids()).containsExactly(4L, 5L, 6L);
    assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
  }

  @Test
  void closesTheStreamAfterTheTerminalUpdate() {
    FakeWorkflow workflow = new FakeWorkflow().running(2);
    ProgressFeed feed = feed(workflow);
    Recorder client = watch(feed, 0);

    workflow.complete();
    advance(POLL);

    assertThat(client.completed).isTrue();
    assertThat(client.updates())
        .last()
        .extracting(ProgressUpdate::message)
        .isEqualTo("Generation complete!");
    assertThat(feed.finishedFor(3)).isTrue();
    assertThat(feed.finishedFor(2)).isFalse();
  }

  @Test
  void aThousandSubscribersCostTheQueriesOfOne() {
    FakeWorkflow alone = new FakeWorkflow().running(1);
    Recorder one = watch(feed(alone), 0);
    advance(Duration.ofSeconds(10));
    int queriesOfOne = alone.queries.get();
    one.dispose();

    FakeWorkflow crowded = new FakeWorkflow().running(1);
    ProgressFeed shared = feed(crowded);
    List<Recorder> crowd = IntStream.range(0, 1000).mapToObj(i -> watch(shared, 0)).toList();
    for (int second = 0; second < 10; second++) {
      crowded.running(1);
      advance(Duration.ofSeconds(1));
    }

    assertThat(queriesOfOne).isEqualTo(1 + 40);
    assertThat(crowded.queries).hasValue(queriesOfOne);
    assertThat(crowd).allSatisfy(r -> assertThat(r.ids()).hasSize(11));
  }

  @Test
  void stopsPollingWhenTheLastSubscriberLeavesAndStartsAgainWithTheNext() {
    FakeWorkflow workflow = new FakeWorkflow().running(1);
    ProgressFeed feed = feed(workflow);
    Recorder one = watch(feed, 0);
    Recorder two = watch(feed, 0);
    advance(Duration.ofSeconds(1));

    one.dispose();
    advance(Duration.ofSeconds(2));
    assertThat(feed.polling()).as("one subscriber is left").isTrue();
    two.dispose();
    advance(LINGER);
    int afterLast = workflow.queries.get();
    advance(Duration.ofSeconds(10));

    assertThat(feed.polling()).isFalse();
    assertThat(workflow.queries).hasValue(afterLast);

    workflow.running(1);
    Recorder three = watch(feed, 1);
    assertThat(feed.polling()).isTrue();
    assertThat(three.ids()).containsExactly(2L);
  }

  @Test
  void neverQueriesAgainOnceTheWorkflowHasEnded() {
    FakeWorkflow workflow = new FakeWorkflow().running(3);
    workflow.complete();
    ProgressFeed feed = feed(workflow);

    Recorder first = watch(feed, 0);
    advance(Duration.ofSeconds(10));
    Recorder late = watch(feed, 2);
    advance(Duration.ofSeconds(10));

    assertThat(first.completed).isTrue();
    assertThat(late.completed).isTrue();
    assertThat(late.ids()).containsExactly(3L, 4L);
    assertThat(workflow.queries).hasValue(1);
    assertThat(queriesIssued).hasValue(1);
    assertThat(feed.polling()).isFalse();
  }

  @Test
  void aFailedGenerationClosesTheStreamAndItsRetryOpensANewOne() {
    FakeWorkflow workflow = new FakeWorkflow().running(3);
    ProgressFeed feed = feed(workflow);
    Recorder client = watch(feed, 0);
    workflow.add(Step.VIDEOS, Status.FAILED, "Scene 2 of 3 failed to render");
    advance(POLL);
    assertThat(client.completed).isTrue();
    assertThat(client.ids()).containsExactly(1L, 2L, 3L, 4L);
    advance(Duration.ofSeconds(5));
    assertThat(feed.polling()).as("a failed generation is not polled unwatched").isFalse();

    workflow.add(Step.VIDEOS, Status.IN_PROGRESS, "Scene 2 of 3 rendered");
    assertThat(feed.finishedFor(4)).as("the feed has not looked again yet").isTrue();
    Recorder reconnected = watch(feed, 4);

    assertThat(feed.finishedFor(4)).isFalse();
    assertThat(reconnected.ids()).containsExactly(5L);
    assertThat(reconnected.completed).isFalse();
    assertThat(watch(feed, 0).ids()).as("a replay passes the failure").hasSize(5);
  }

  @Test
  void saysItIsWaitingForAWorkerWithoutAnIdWhileQueriesFailAndBacksOff() {
    FakeWorkflow workflow = new FakeWorkflow().running(2);
    ProgressFeed feed = feed(workflow);
    Recorder client = watch(feed, 0);

    workflow.failure =
        new StatusRuntimeException(io.grpc.Status.DEADLINE_EXCEEDED.withDescription("no poller"));
    int before = workflow.queries.get();
    advance(Duration.ofSeconds(20));

    assertThat(client.content()).hasSize(3);
    ServerSentEvent<Object> notice = client.content().get(2);
    assertThat(notice.id()).isNull();
    assertThat(notice.event()).isNull();
    assertThat(notice.data())
        .isEqualTo(
            new ProgressNotice(
                Step.STORY,
                Status.IN_PROGRESS,
                5,
                ProgressFeed.WAITING_FOR_WORKER,
                new ProgressUpdate.Data(List.of(), null)));
    // 250 ms doubling to a 5 s ceiling: 0.5 + 1 + 2 + 4 + 5 + 5 ... instead of 80 polls.
    assertThat(workflow.queries.get() - before).isBetween(5, 9);
    assertThat(client.completed).isFalse();

    workflow.failure = null;
    workflow.running(1);
    advance(ProgressFeed.MAX_BACKOFF);

    assertThat(client.ids()).containsExactly(1L, 2L, 3L);
    assertThat(client.completed).isFalse();
  }

  @Test
  void restatesWhereTheGenerationIsWhenQueriesRecoverWithNothingNew() {
    FakeWorkflow workflow = new FakeWorkflow().running(2);
    ProgressFeed feed = feed(workflow);
    Recorder client = watch(feed, 0);
    workflow.failure = new IllegalStateException("query timed out");
    advance(POLL);
    workflow.failure = null;
    advance(ProgressFeed.MAX_BACKOFF);

    assertThat(client.events).hasSize(4);
    assertThat(client.notices())
        .extracting(ProgressNotice::message)
        .containsExactly(ProgressFeed.WAITING_FOR_WORKER, "Step 2");
    assertThat(client.events.get(3).id()).isNull();
  }

  @Test
  void saysItIsReconnectingWhenTemporalIsUnreachable() {
    FakeWorkflow workflow = new FakeWorkflow();
    workflow.failure = new StatusRuntimeException(io.grpc.Status.UNAVAILABLE);
    ProgressFeed feed = feed(workflow);

    Recorder client = watch(feed, 0);

    assertThat(client.notices())
        .singleElement()
        .satisfies(
            notice -> {
              assertThat(notice.message()).isEqualTo(ProgressFeed.RECONNECTING);
              assertThat(notice.step()).isEqualTo(Step.INIT);
              assertThat(notice.progress()).isZero();
            });
    assertThat(client.events.get(0).retry()).isEqualTo(ProgressFeed.RECONNECT_AFTER);
  }

  @Test
  void keepsAnIdleStreamAliveWithComments() {
    ProgressFeed feed = feed(new FakeWorkflow().running(1));
    Recorder client = watch(feed, 0);

    advance(HEARTBEAT.multipliedBy(2));

    assertThat(client.events).hasSize(3);
    assertThat(client.events.subList(1, 3))
        .allSatisfy(
            event -> {
              assertThat(event.comment()).isEqualTo("keep-alive");
              assertThat(event.data()).isNull();
              assertThat(event.id()).isNull();
            });
  }

  @Test
  void failsWithNotFoundForAGenerationThatDoesNotExist() {
    FakeWorkflow workflow = new FakeWorkflow();
    workflow.exists = false;

    assertThatThrownBy(() -> feed(workflow).ready().block())
        .isInstanceOfSatisfying(
            ErrorResponse.class,
            e -> assertThat(e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)).isTrue());
  }

  @Test
  void aSlowSubscriberHoldsNobodyBackAndCatchesUpInOrder() {
    FakeWorkflow workflow = new FakeWorkflow().running(1);
    ProgressFeed feed = feed(workflow);
    feed.ready().block();
    Recorder slow = new Recorder(1);
    feed.events(0).subscribe(slow);
    recorders.add(slow);
    Recorder fast = watch(feed, 0);

    for (int i = 0; i < 300; i++) {
      workflow.running(1);
      advance(POLL);
    }
    assertThat(fast.ids()).hasSize(301);
    assertThat(slow.ids()).containsExactly(1L);

    slow.request(Long.MAX_VALUE);
    assertThat(slow.ids()).isEqualTo(fast.ids());
  }

  @Test
  void clientsJoiningWhileUpdatesArriveGetEachUpdateExactlyOnce() throws Exception {
    FakeWorkflow workflow = new FakeWorkflow();
    ProgressFeed feed =
        new ProgressFeed(
            ID,
            (id, afterSeq) ->
                workflow.progress(id, afterSeq).subscribeOn(Schedulers.boundedElastic()),
            new ProgressFeed.Pacing(Duration.ofMillis(1), HEARTBEAT, LINGER, Schedulers.parallel()),
            queriesIssued::incrementAndGet);
    int total = 400;
    Thread producer =
        new Thread(
            () -> {
              for (int seq = 2; seq < total; seq++) {
                workflow.running(1);
                LockSupport.parkNanos(100_000);
              }
              workflow.complete();
            });
    workflow.running(1);
    producer.start();

    List<Mono<List<Long>>> clients = new ArrayList<>();
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      LockSupport.parkNanos(random.nextInt(200_000));
      long lastSeen = random.nextInt(workflow.updates.size() + 1);
      clients.add(
          feed.ready()
              .then(
                  Mono.defer(
                      () -> feed.events(lastSeen).mapNotNull(ServerSentEvent::id).collectList()))
              .map(ids -> prepend(lastSeen, ids))
              .cache());
      clients.get(i).subscribe();
    }
    producer.join();

    List<Long> everyUpdate = LongStream.rangeClosed(1, total).boxed().toList();
    for (Mono<List<Long>> client : clients) {
      assertThat(client.block(Duration.ofSeconds(10))).isEqualTo(everyUpdate);
    }
  }

  /** The seqs a client knew before it connected (1..lastSeen), then the ids it received. */
  private static List<Long> prepend(long lastSeen, List<String> ids) {
    List<Long> all = new ArrayList<>(LongStream.rangeClosed(1, lastSeen).boxed().toList());
    ids.forEach(id -> all.add(Long.parseLong(id)));
    return all;
  }

  /** Records what one client receives, requesting as much as it is told to. */
  private static final class Recorder extends BaseSubscriber<ServerSentEvent<Object>> {

    final List<ServerSentEvent<Object>> events = new CopyOnWriteArrayList<>();
    private final long initialDemand;
    volatile boolean completed;

    Recorder(long initialDemand) {
      this.initialDemand = initialDemand;
    }

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
      request(initialDemand);
    }

    @Override
    protected void hookOnNext(ServerSentEvent<Object> event) {
      events.add(event);
    }

    @Override
    protected void hookOnComplete() {
      completed = true;
    }

    /** The events without the keep-alive comments. */
    List<ServerSentEvent<Object>> content() {
      return events.stream().filter(event -> event.comment() == null).toList();
    }

    List<ProgressUpdate> updates() {
      return data(ProgressUpdate.class);
    }

    List<ProgressNotice> notices() {
      return data(ProgressNotice.class);
    }

    private <T> List<T> data(Class<T> type) {
      return events.stream()
          .map(ServerSentEvent::data)
          .filter(type::isInstance)
          .map(type::cast)
          .toList();
    }

    List<Long> ids() {
      return events.stream()
          .filter(event -> event.id() != null)
          .map(event -> Long.parseLong(event.id()))
          .toList();
    }
  }
}
