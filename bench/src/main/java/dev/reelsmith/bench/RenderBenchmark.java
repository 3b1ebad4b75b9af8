package dev.reelsmith.bench;

import dev.reelsmith.activities.render.LocalSceneRenderer;
import dev.reelsmith.activities.render.RenderActivitiesImpl;
import dev.reelsmith.activities.render.VideoEncoding;
import dev.reelsmith.activities.storage.LocalMediaStore;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.RenderActivities;
import dev.reelsmith.workflows.messages.AspectRatio;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.CameraMove;
import dev.reelsmith.workflows.messages.Caption;
import dev.reelsmith.workflows.messages.FinalAd;
import dev.reelsmith.workflows.messages.Resolution;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.SceneVideo;
import dev.reelsmith.workflows.messages.Tone;
import dev.reelsmith.workflows.messages.Transition;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.Loader;

/**
 * How long the video step takes for a typical ad, against the {@code ffmpeg} command line doing
 * comparable work.
 *
 * <p>The ad: 30 s, 1280x720, 30 fps, 4 scenes from 4 synthetic 1600x1200 photos, camera moves,
 * captions, three 0.5 s transitions and a music bed. Reelsmith renders the scenes through {@link
 * RenderActivitiesImpl} (as Temporal would call it, two at a time like the workflow) and stitches
 * them; the command line does zoompan + drawtext per image, an xfade chain and AAC audio from
 * {@code aevalsrc}, with the same H.264 encoder and settings ({@link
 * VideoEncoding#commandLineArguments}). Each side runs once to warm up, then {@code runs} times.
 *
 * <p>Usage: {@code RenderBenchmark [runs] [work folder]}; see {@code bench/render.sh}.
 */
public final class RenderBenchmark {

  private static final int WIDTH = 1280;
  private static final int HEIGHT = 720;
  private static final int FPS = 30;
  private static final double[] SECONDS = {8.0, 8.0, 8.0, 7.5};
  private static final double TRANSITION = 0.5;
  private static final double AD_SECONDS = 30;
  private static final Transition.Kind[] KINDS = {
    Transition.Kind.CROSSFADE, Transition.Kind.SLIDE_LEFT, Transition.Kind.WIPE_LEFT
  };
  private static final String[] XFADE = {"fade", "slideleft", "wipeleft"};
  private static final String[] CAPTIONS = {
    "Slow-steeped for 18 hours",
    "Bottled in recyclable glass",
    "Smooth and never bitter",
    "Order today at aurora.example"
  };

  private RenderBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Path work = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("reelsmith-bench");
    Files.createDirectories(work);
    List<Path> photos = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      Path photo = work.resolve("photo_" + i + ".png");
      ImageIO.write(photo(i), "png", photo.toFile());
      photos.add(photo);
    }
    System.out.printf(
        Locale.ROOT,
        "Ad: %.0f s %dx%d @ %d fps, 4 scenes, encoder %s, 2 render threads, %d cores%n",
        AD_SECONDS,
        WIDTH,
        HEIGHT,
        FPS,
        VideoEncoding.encoderName(),
        Runtime.getRuntime().availableProcessors());

    double[] reelsmith = new double[runs + 1];
    for (int run = 0; run <= runs; run++) {
      reelsmith[run] = reelsmithRun(work.resolve("reelsmith-" + run), photos, run);
    }
    Path ffmpeg = Path.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
    Path font = work.resolve("Inter-Bold.ttf");
    try (InputStream in = LocalSceneRenderer.class.getResourceAsStream("/fonts/Inter-Bold.ttf")) {
      Files.copy(in, font, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    List<String> command = cliCommand(ffmpeg, photos, font, work.resolve("cli.mp4"));
    System.out.println("ffmpeg CLI: " + String.join(" ", command));
    double[] cli = new double[runs + 1];
    for (int run = 0; run <= runs; run++) {
      cli[run] = cliRun(command, run);
    }

    double ours = median(Arrays.copyOfRange(reelsmith, 1, runs + 1));
    double theirs = median(Arrays.copyOfRange(cli, 1, runs + 1));
    System.out.printf(
        Locale.ROOT,
        "%nMedian of %d warm runs: Reelsmith %.2f s (%.1fx real time), ffmpeg CLI %.2f s (%.1fx"
            + " real time); the CLI takes %.2fx as long.%n",
        runs,
        ours,
        AD_SECONDS / ours,
        theirs,
        AD_SECONDS / theirs,
        theirs / ours);
    System.out.printf(
        Locale.ROOT,
        "Cold first runs (JIT and native libraries loading): Reelsmith %.2f s, ffmpeg CLI %.2f s%n",
        reelsmith[0],
        cli[0]);
    // Temporal's test environments leave non-daemon timer threads behind.
    System.exit(0);
  }

  /** Renders and stitches one ad through the activities; returns the wall time in seconds. */
  private static double reelsmithRun(Path root, List<Path> photos, int run) throws Exception {
    String generationId = Generations.newId();
    LocalMediaStore store = new LocalMediaStore(root);
    for (int i = 1; i <= 4; i++) {
      Path reference = store.path(generationId, MediaLayout.reference(i));
      Files.createDirectories(reference.getParent());
      Files.copy(photos.get(i - 1), reference);
    }
    List<SceneParams> scenes = plan();
    Brief brief =
        new Brief(
            "Aurora Cold Brew",
            "Slow-steeped cold brew coffee in a recyclable glass bottle.",
            "busy professionals",
            Tone.WARM,
            "Order today at aurora.example",
            30,
            AspectRatio.LANDSCAPE,
            Resolution.HD,
            List.of("#1A73E8", "#FFFFFF"),
            4);
    // One test environment per worker thread, as two workers would each run their own activity.
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<TestActivityEnvironment> environments = new ArrayList<>();
    List<RenderActivities> stubs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
      environment.registerActivitiesImplementations(
          new RenderActivitiesImpl(store, new LocalSceneRenderer()));
      environments.add(environment);
      stubs.add(
          environment.newActivityStub(
              RenderActivities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofMinutes(10))
                  .setHeartbeatTimeout(Duration.ofSeconds(60))
                  .build()));
    }
    try {
      long cpuStart = processCpuNanos();
      long start = System.nanoTime();
      List<Future<SceneVideo>> rendered = new ArrayList<>();
      AtomicInteger next = new AtomicInteger();
      ThreadLocal<RenderActivities> stub =
          ThreadLocal.withInitial(() -> stubs.get(next.getAndIncrement()));
      for (SceneParams scene : scenes) {
        rendered.add(pool.submit(() -> stub.get().renderScene(generationId, scene)));
      }
      List<SceneVideo> videos = new ArrayList<>();
      for (Future<SceneVideo> future : rendered) {
        videos.add(get(future));
      }
      long scenesDone = System.nanoTime();
      FinalAd ad = stubs.get(0).stitchAd(generationId, brief, scenes, videos);
      long end = System.nanoTime();
      double cpu = (processCpuNanos() - cpuStart) / 1e9;
      double seconds = (end - start) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "Reelsmith %s: scenes %.2f s + stitch %.2f s = %.2f s wall, %.1fx real time, %.1f s CPU"
              + " (%s, %.2f s, %d KiB)%n",
          run == 0 ? "warm-up" : "run " + run,
          (scenesDone - start) / 1e9,
          (end - scenesDone) / 1e9,
          seconds,
          AD_SECONDS / seconds,
          cpu,
          ad.path(),
          ad.durationSeconds(),
          Files.size(store.path(generationId, ad.path())) / 1024);
      return seconds;
    } finally {
      pool.shutdown();
      environments.forEach(TestActivityEnvironment::close);
    }
  }

  private static <T> T get(Future<T> future) throws Exception {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Four scenes as a planner would make them: varied moves, captions and transitions. */
  static List<SceneParams> plan() {
    CameraMove[] moves = {
      move(CameraMove.Framing.COVER, 1.0, 0.5, 0.5, 1.25, 0.55, 0.45),
      move(CameraMove.Framing.COVER, 1.25, 0.35, 0.5, 1.1, 0.65, 0.5),
      move(CameraMove.Framing.CONTAIN, 1.0, 0.5, 0.5, 1.15, 0.5, 0.5),
      move(CameraMove.Framing.COVER, 1.3, 0.6, 0.55, 1.0, 0.5, 0.5)
    };
    List<SceneParams> scenes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Caption caption =
          new Caption(
              CAPTIONS[i],
              i == 3 ? Caption.Placement.CENTER : Caption.Placement.LOWER_THIRD,
              "#FFFFFF",
              "#101820",
              "#1A73E8",
              0.06,
              0.8);
      scenes.add(
          new SceneParams(
              i + 1,
              WIDTH,
              HEIGHT,
              FPS,
              SECONDS[i],
              MediaLayout.reference(i + 1),
              moves[i],
              caption,
              i < 3 ? new Transition(KINDS[i], TRANSITION) : null,
              "#000000",
              "a bottle of cold brew",
              1000L + i));
    }
    return scenes;
  }

  private static CameraMove move(
      CameraMove.Framing framing,
      double zoomFrom,
      double xFrom,
      double yFrom,
      double zoomTo,
      double xTo,
      double yTo) {
    return new CameraMove(
        framing,
        new CameraMove.Keyframe(zoomFrom, xFrom, yFrom),
        new CameraMove.Keyframe(zoomTo, xTo, yTo),
        CameraMove.Easing.EASE_IN_OUT);
  }

  /**
   * The same ad with the command-line tool, written the efficient way: each photo decoded and
   * scaled to a 1600x900 canvas once, zoompan turning that one picture into the scene's frames at
   * 1280x720, a drawtext caption on a box fading in; an xfade chain; AAC from aevalsrc.
   */
  static List<String> cliCommand(Path ffmpeg, List<Path> photos, Path font, Path output) {
    List<String> command = new ArrayList<>(List.of(ffmpeg.toString(), "-y", "-v", "error"));
    for (int i = 0; i < 4; i++) {
      command.addAll(List.of("-i", photos.get(i).toString()));
    }
    command.addAll(
        List.of(
            "-f",
            "lavfi",
            "-i",
            "aevalsrc=0.08*sin(2*PI*261.63*t)*(1+0.3*sin(0.5*t))|0.08*sin(2*PI*329.63*t)"
                + "+0.06*sin(2*PI*392*t):s=48000:d="
                + AD_SECONDS));
    StringBuilder graph = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      int frames = (int) Math.round(SECONDS[i] * FPS);
      graph.append(
          String.format(
              Locale.ROOT,
              "[%d:v]scale=1600:900:force_original_aspect_ratio=increase,crop=1600:900,"
                  + "zoompan=z='1+0.25*on/%d':x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)'"
                  + ":d=%d:s=%dx%d:fps=%d,"
                  + "drawtext=fontfile=%s:text='%s':fontsize=43:fontcolor=white"
                  + ":box=1:boxcolor=0x101820@0.72:boxborderw=24:x=77:y=h-th-90"
                  + ":alpha='min(1,max(0,(t-0.3)/0.5))',format=yuv420p,settb=1/%d[v%d];",
              i,
              frames,
              frames,
              WIDTH,
              HEIGHT,
              FPS,
              font,
              CAPTIONS[i],
              FPS,
              i));
    }
    String previous = "v0";
    double length = SECONDS[0];
    for (int i = 1; i < 4; i++) {
      String label = i == 3 ? "vout" : "x" + i;
      graph.append(
          String.format(
              Locale.ROOT,
              "[%s][v%d]xfade=transition=%s:duration=%s:offset=%s[%s]%s",
              previous,
              i,
              XFADE[i - 1],
              TRANSITION,
              length - TRANSITION,
              label,
              i == 3 ? "" : ";"));
      length += SECONDS[i] - TRANSITION;
      previous = label;
    }
    graph.append(String.format(Locale.ROOT, ";[4:a]afade=t=out:st=%s:d=2[aout]", AD_SECONDS - 2));
    command.addAll(
        List.of("-filter_complex", graph.toString(), "-map", "[vout]", "-map", "[aout]"));
    command.addAll(VideoEncoding.commandLineArguments(WIDTH, HEIGHT, FPS));
    command.addAll(
        List.of(
            "-c:a",
            "aac",
            "-b:a",
            "128k",
            "-movflags",
            "+faststart",
            "-t",
            Double.toString(AD_SECONDS),
            output.toString()));
    return command;
  }

  private static double cliRun(List<String> command, int run)
      throws IOException, InterruptedException {
    double cpuStart = childrenCpuSeconds();
    long start = System.nanoTime();
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    // The program sits next to the FFmpeg libraries it links against.
    builder.environment().put("LD_LIBRARY_PATH", Path.of(command.get(0)).getParent().toString());
    Process process = builder.start();
    int exit = process.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (exit != 0) {
      throw new IOException("ffmpeg exited with " + exit);
    }
    System.out.printf(
        Locale.ROOT,
        "ffmpeg CLI %s: %.2f s wall, %.1fx real time, %.1f s CPU%n",
        run == 0 ? "warm-up" : "run " + run,
        seconds,
        AD_SECONDS / seconds,
        childrenCpuSeconds() - cpuStart);
    return seconds;
  }

  /** CPU time of this JVM, all threads, user and system. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * CPU time of this process's finished children, from /proc/self/stat (cutime + cstime, in clock
   * ticks of 1/100 s); 0 where there is no /proc.
   */
  private static double childrenCpuSeconds() throws IOException {
    Path stat = Path.of("/proc/self/stat");
    if (!Files.exists(stat)) {
      return 0;
    }
    String line = Files.readString(stat);
    String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
    // Fields after the command name start at field 3 (state): cutime is field 16, cstime 17.
    return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / 100.0;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /**
   * A synthetic 1600x1200 product photo: a lit backdrop, soft shapes with shading, a label, and a
   * little sensor grain (real photos are never perfectly smooth, and grain costs encoders bits).
   */
  static BufferedImage photo(int seed) {
    int width = 1600;
    int height = 1200;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    Random random = new Random(seed);
    Color base = Color.getHSBColor(random.nextFloat(), 0.45f, 0.75f);
    g.setPaint(new GradientPaint(0, 0, base.brighter(), width, height, base.darker().darker()));
    g.fillRect(0, 0, width, height);
    for (int i = 0; i < 14; i++) {
      float cx = random.nextInt(width);
      float cy = random.nextInt(height);
      float r = 80 + random.nextInt(260);
      Color c = Color.getHSBColor(random.nextFloat(), 0.5f, 0.9f);
      g.setPaint(
          new RadialGradientPaint(
              cx - r / 3,
              cy - r / 3,
              r * 1.4f,
              new float[] {0f, 1f},
              new Color[] {c.brighter(), c.darker().darker()}));
      g.fillOval((int) (cx - r), (int) (cy - r), (int) (2 * r), (int) (2 * r));
    }
    g.setColor(new Color(255, 255, 255, 230));
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 110));
    g.drawString("AURORA " + seed, 160, 260);
    g.dispose();
    int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < pixels.length; i++) {
      int noise = random.nextInt(5) - 2;
      int p = pixels[i];
      int r = clamp(((p >> 16) & 255) + noise);
      int gr = clamp(((p >> 8) & 255) + noise);
      int b = clamp((p & 255) + noise);
      pixels[i] = (r << 16) | (gr << 8) | b;
    }
    return image;
  }

  private static int clamp(int value) {
    return Math.max(0, Math.min(255, value));
  }
}
