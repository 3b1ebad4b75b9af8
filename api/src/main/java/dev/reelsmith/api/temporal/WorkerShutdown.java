package dev.reelsmith.api.temporal;

import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Stops the workers gracefully when the application stops (SIGTERM, or the context closing): they
 * stop polling at once, so no new task starts here, and the activities already running get a grace
 * period to finish and report. What is still running after it (a long render, say) is stopped: its
 * next heartbeat fails, it publishes nothing, and Temporal hands it to another worker, which reads
 * the heartbeat details to see how far it had got.
 *
 * <p>The grace is three quarters of {@code spring.lifecycle.timeout-per-shutdown-phase}, the time
 * Spring gives each phase of stopping, and the activities stopped after it get a fifth to say so to
 * Temporal: the workers are done before Spring moves on and closes the connection to Temporal under
 * them. This runs in the same phase as the web server's graceful shutdown, so open requests and
 * running activities finish side by side.
 *
 * <p>The Temporal starter itself only calls {@link WorkerFactory#shutdown()} when it destroys the
 * factory, which does not wait: the process would exit under a running activity.
 */
@Component
public class WorkerShutdown implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WorkerShutdown.class);

  private final ObjectProvider<WorkerFactory> workers;
  private final Duration grace;
  private final Duration handOver;
  private volatile boolean running;

  public WorkerShutdown(
      ObjectProvider<WorkerFactory> workers,
      @Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration phaseTimeout) {
    this.workers = workers;
    this.grace = phaseTimeout.multipliedBy(3).dividedBy(4);
    this.handOver = phaseTimeout.dividedBy(5);
  }

  /** How long running activities get to finish once stopping begins. */
  public Duration grace() {
    return grace;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    stopWorkers();
  }

  @Override
  public void stop(Runnable callback) {
    running = false;
    Thread stopping =
        new Thread(
            () -> {
              try {
                stopWorkers();
              } finally {
                callback.run();
              }
            },
            "reelsmith-worker-shutdown");
    stopping.start();
  }

  private void stopWorkers() {
    running = false;
    WorkerFactory factory = workers.getIfAvailable();
    if (factory == null || !factory.isStarted() || factory.isTerminated()) {
      return;
    }
    log.info("Stopping the workers: no new tasks; running ones get {} to finish", grace);
    factory.shutdown();
    factory.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    if (!factory.isTerminated()) {
      log.warn(
          "Activities still running after {}; stopping them, Temporal retries them elsewhere",
          grace);
      factory.shutdownNow();
      factory.awaitTermination(handOver.toMillis(), TimeUnit.MILLISECONDS);
    }
    log.info("Workers stopped");
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE;
  }
}
