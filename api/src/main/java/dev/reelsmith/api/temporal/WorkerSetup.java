package dev.reelsmith.api.temporal;

import dev.reelsmith.activities.LocalPipeline;
import dev.reelsmith.activities.copy.CopyActivitiesImpl;
import dev.reelsmith.activities.images.ImageActivitiesImpl;
import dev.reelsmith.activities.render.LocalSceneRenderer;
import dev.reelsmith.activities.render.RenderActivitiesImpl;
import dev.reelsmith.activities.render.SceneRenderer;
import dev.reelsmith.activities.storage.LocalMediaStore;
import dev.reelsmith.activities.storage.MediaStore;
import dev.reelsmith.activities.voice.Narrator;
import dev.reelsmith.api.ReelsmithProperties;
import dev.reelsmith.workflows.AdmissionActivitiesImpl;
import dev.reelsmith.workflows.GenerationWorkers;
import dev.reelsmith.workflows.Generations;
import io.temporal.client.WorkflowClient;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.spring.boot.WorkerOptionsCustomizer;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The worker side. temporal-spring-boot-starter discovers the workflows ({@code @WorkflowImpl}) and
 * these activity beans ({@code @ActivityImpl}) and runs them on their task queues: one for the
 * workflows and the light activities, one for the renders with its own cap.
 */
@Configuration(proxyBeanMethods = false)
public class WorkerSetup {

  @Bean
  MediaStore mediaStore(ReelsmithProperties properties) {
    return new LocalMediaStore(properties.dataDir());
  }

  @Bean
  ImageActivitiesImpl imageActivities(MediaStore store) {
    return LocalPipeline.images(store);
  }

  @Bean
  CopyActivitiesImpl copyActivities(MediaStore store, Narrator narrator) {
    return CopyActivitiesImpl.local(store, narrator);
  }

  /** Draws each scene's video; the local renderer needs no network and no keys. */
  @Bean
  SceneRenderer sceneRenderer() {
    return new LocalSceneRenderer();
  }

  @Bean
  RenderActivitiesImpl renderActivities(MediaStore store, SceneRenderer renderer) {
    return new RenderActivitiesImpl(store, renderer);
  }

  /** Asks owners' admission workflows for slots, through this process's client. */
  @Bean
  AdmissionActivitiesImpl admissionActivities(WorkflowClient client) {
    return new AdmissionActivitiesImpl(client);
  }

  /**
   * The render queue's worker runs at most {@code reelsmith.render-concurrency} renders and
   * stitches at once, so a burst of generations queues its renders instead of starting more than
   * the machine can take.
   */
  @Bean
  WorkerOptionsCustomizer renderConcurrency(ReelsmithProperties properties) {
    return (options, workerName, taskQueue) ->
        taskQueue.equals(Generations.RENDER_TASK_QUEUE)
            ? GenerationWorkers.renderWorker(options, properties.renderConcurrency())
            : options;
  }

  /** The embedded server runs in real time: a failed generation must wait days, not skip them. */
  @Bean
  TemporalOptionsCustomizer<TestEnvironmentOptions.Builder> realTimeEmbeddedServer() {
    return builder -> builder.setUseTimeskipping(false);
  }

  /**
   * Lets activities heartbeat while the worker stops ({@link WorkerShutdown}), so a render that is
   * finishing in its grace period reports progress as usual instead of failing on its next beat.
   *
   * <p>Gives workflow code five seconds, not one, before Temporal calls it deadlocked: renders keep
   * every core busy, and under a burst of generations (bench/load.sh) a workflow thread waited
   * longer than a second for a core, which failed its task for nothing and replayed it.
   */
  @Bean
  TemporalOptionsCustomizer<WorkerOptions.Builder> workerOptions() {
    return builder ->
        builder
            .setAllowActivityHeartbeatDuringShutdown(true)
            .setDefaultDeadlockDetectionTimeout(Duration.ofSeconds(5).toMillis());
  }

  /**
   * Sticky execution keeps a workflow's next tasks on the worker that ran the last one. A real
   * server hands them back to the shared queue when that worker dies; Temporal's test server never
   * does, so a workflow would wait for a killed worker forever. Workers that run apart from a test
   * server ({@code REELSMITH_STICKY_EXECUTION=false}) turn it off, at the cost of replaying history
   * on every task.
   */
  @Bean
  TemporalOptionsCustomizer<WorkerFactoryOptions.Builder> stickyExecution(
      @Value("${reelsmith.sticky-execution:true}") boolean sticky) {
    return builder -> sticky ? builder : builder.setWorkflowCacheSize(0);
  }
}
