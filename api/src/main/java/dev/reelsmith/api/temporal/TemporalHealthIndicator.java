package dev.reelsmith.api.temporal;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Health of the connection to Temporal: up when the server answers a system-info call. */
@Component("temporal")
public class TemporalHealthIndicator implements ReactiveHealthIndicator {

  /** Long enough for a loaded server, short enough that a health probe never hangs. */
  private static final Duration DEADLINE = Duration.ofSeconds(3);

  private final WorkflowClient client;

  public TemporalHealthIndicator(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public Mono<Health> health() {
    return Mono.fromCallable(
            () ->
                client
                    .getWorkflowServiceStubs()
                    .blockingStub()
                    .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                    .getSystemInfo(GetSystemInfoRequest.getDefaultInstance()))
        .subscribeOn(Schedulers.boundedElastic())
        .map(
            info ->
                Health.up()
                    .withDetail("namespace", client.getOptions().getNamespace())
                    .withDetail("server_version", info.getServerVersion())
                    .build())
        .onErrorResume(e -> Mono.just(Health.down(e).build()));
  }
}
