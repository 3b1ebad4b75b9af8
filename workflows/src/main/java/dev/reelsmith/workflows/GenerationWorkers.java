package dev.reelsmith.workflows;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The one owner of how Reelsmith's workers are set up: which task queue runs what, and the cap on
 * renders. The application's workers are made by temporal-spring-boot-starter from the
 * {@code @WorkflowImpl}/{@code @ActivityImpl} annotations and {@link #renderWorker}; the command
 * line, tests and benchmarks, which run without Spring, use {@link #register}.
 */
public final class GenerationWorkers {

  private GenerationWorkers() {}

  /**
   * One render per processor: the encoder keeps a core busy per render, and more at once only makes
   * each slower and the machine unresponsive.
   */
  public static int defaultRenderConcurrency() {
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * Options of a worker on {@link Generations#RENDER_TASK_QUEUE}: at most {@code renderConcurrency}
   * renders and stitches at once in this process, however many generations want one. The rest wait
   * in the task queue, where any worker with a free slot takes them.
   */
  public static WorkerOptions.Builder renderWorker(
      WorkerOptions.Builder options, int renderConcurrency) {
    if (renderConcurrency < 1) {
      throw new IllegalArgumentException("render concurrency must be at least 1");
    }
    return options.setMaxConcurrentActivityExecutionSize(renderConcurrency);
  }

  /**
   * Registers the generation and admission workflows and {@code activities} on a worker factory
   * that is not started yet: the video activities ({@link RenderActivities}) on the render queue,
   * capped at {@code renderConcurrency}, the others on {@link Generations#TASK_QUEUE}.
   */
  public static void register(WorkerFactory factory, int renderConcurrency, Object... activities) {
    Worker generations = factory.newWorker(Generations.TASK_QUEUE);
    Worker renders =
        factory.newWorker(
            Generations.RENDER_TASK_QUEUE,
            renderWorker(WorkerOptions.newBuilder(), renderConcurrency).build());
    generations.registerWorkflowImplementationTypes(
        GenerationWorkflowImpl.class, AdmissionWorkflowImpl.class);
    List<Object> light = new ArrayList<>();
    light.add(new AdmissionActivitiesImpl(factory.getWorkflowClient()));
    for (Object activity : activities) {
      if (activity instanceof RenderActivities) {
        renders.registerActivitiesImplementations(activity);
      }
      if (activity instanceof ImageActivities || activity instanceof CopyActivities) {
        light.add(activity);
      }
    }
    generations.registerActivitiesImplementations(light.toArray());
  }
}
