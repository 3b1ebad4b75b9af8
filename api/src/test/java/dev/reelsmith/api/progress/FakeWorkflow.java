package dev.reelsmith.api.progress;

import dev.reelsmith.api.problems.Problems;
import dev.reelsmith.workflows.messages.ProgressPage;
import dev.reelsmith.workflows.messages.ProgressUpdate;
import dev.reelsmith.workflows.messages.Status;
import dev.reelsmith.workflows.messages.Step;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * A generation's workflow as the progress query sees it: a list of updates that a test grows, a
 * count of queries answered, and switches to make the query fail or the generation unknown.
 */
final class FakeWorkflow implements ProgressQuery {

  final List<ProgressUpdate> updates = new CopyOnWriteArrayList<>();
  final AtomicInteger queries = new AtomicInteger();
  volatile RuntimeException failure;
  volatile boolean exists = true;

  @Override
  public Mono<ProgressPage> progress(String generationId, long afterSeq) {
    return Mono.fromCallable(
        () -> {
          queries.incrementAndGet();
          if (!exists) {
            throw Problems.notFound(generationId);
          }
          if (failure != null) {
            throw failure;
          }
          List<ProgressUpdate> all = List.copyOf(updates);
          return new ProgressPage(
              all.subList((int) Math.min(afterSeq, all.size()), all.size()), null);
        });
  }

  FakeWorkflow running(int count) {
    for (int i = 0; i < count; i++) {
      add(Step.STORY, Status.IN_PROGRESS, "Step " + (updates.size() + 1));
    }
    return this;
  }

  ProgressUpdate add(Step step, Status status, String message) {
    ProgressUpdate update =
        new ProgressUpdate(
            updates.size() + 1,
            step,
            status,
            Math.min(100, updates.size() * 5),
            message,
            new ProgressUpdate.Data(List.of(), null));
    updates.add(update);
    return update;
  }

  ProgressUpdate complete() {
    return add(Step.COMPLETE, Status.COMPLETED, "Generation complete!");
  }
}
