package dev.reelsmith.api.storage;

import dev.reelsmith.activities.storage.MediaStore;
import dev.reelsmith.api.ReelsmithProperties;
import dev.reelsmith.api.generations.GenerationManifests;
import dev.reelsmith.workflows.Generations;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** The data dir's housekeeping: the free-space probe and the retention job's schedule. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class StorageSetup {

  private static final System.Logger LOG = System.getLogger(StorageSetup.class.getName());

  @Bean
  FreeSpace freeSpace() {
    return FreeSpace.ofFileStore();
  }

  @Bean
  RetentionSchedule retentionSchedule(
      ReelsmithProperties properties,
      MediaStore store,
      GenerationManifests manifests,
      WorkflowClient client) {
    return new RetentionSchedule(properties, store, manifests, client);
  }

  /**
   * Runs {@link Retention} once at start-up and every hour after, when {@code
   * reelsmith.retention-days} is set. Every process with the data dir may run it: a run is
   * idempotent, and two at once never delete a folder twice.
   */
  static final class RetentionSchedule {

    private final Retention retention;

    RetentionSchedule(
        ReelsmithProperties properties,
        MediaStore store,
        GenerationManifests manifests,
        WorkflowClient client) {
      this.retention =
          properties.retains()
              ? new Retention(
                  properties.dataDir(),
                  store,
                  manifests,
                  id -> isRunning(client, id),
                  Clock.systemUTC(),
                  properties.retentionDays())
              : null;
      if (retention != null) {
        LOG.log(
            Level.INFO,
            "Retention: generations created more than {0} days ago are deleted once they are not"
                + " running, at start-up and every hour",
            properties.retentionDays());
      }
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "PT1H")
    void deleteOldGenerations() {
      if (retention == null) {
        return;
      }
      try {
        retention.run();
      } catch (IOException e) {
        throw new UncheckedIOException("Retention: the data dir could not be cleaned up", e);
      }
    }

    /** Open workflows are running, a failed generation waiting for its retry among them. */
    private static boolean isRunning(WorkflowClient client, String generationId) {
      try {
        return client
                .newUntypedWorkflowStub(Generations.workflowId(generationId))
                .describe()
                .getStatus()
            == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
      } catch (WorkflowNotFoundException e) {
        return false;
      }
    }
  }
}
