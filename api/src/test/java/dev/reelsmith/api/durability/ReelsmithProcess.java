package dev.reelsmith.api.durability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.api.ReelsmithProperties.Role;
import dev.reelsmith.api.testing.ReelsmithClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Reelsmith process, a JVM of its own on the test's classpath running {@link
 * InstrumentedReelsmith}, so that a test can kill it as an operator or a crash would: {@link
 * #kill()} is SIGKILL, {@link #stop()} SIGTERM. It talks to a {@link TemporalDevServer}, listens on
 * a free loopback port (roles {@code all} and {@code api}) and runs at most one render at a time.
 * Its output goes to {@code api/target/durability/<name>.log}. {@link #close()} kills it, and so
 * does the test JVM's shutdown, so a failed test leaves no process behind.
 */
final class ReelsmithProcess implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
  private static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);

  private final String name;
  private final Role role;
  private final Path data;
  private final int port = Workspace.freePort();
  private final Path log;
  private final long logStart;
  private final Process process;
  private final Thread killOnExit;

  private ReelsmithProcess(
      String name,
      Role role,
      TemporalDevServer temporal,
      Path data,
      Duration renderDelay,
      List<String> settings) {
    this.name = name;
    this.role = role;
    this.data = data;
    this.log = Workspace.logs().resolve(name + ".log");
    this.logStart = size(log);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Surefire's fork reports the test classpath as java.class.path; a child JVM can use it as is.
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add("-Djava.awt.headless=true");
    String javacppCache = System.getProperty("org.bytedeco.javacpp.cachedir");
    if (javacppCache != null) {
      command.add("-Dorg.bytedeco.javacpp.cachedir=" + javacppCache);
    }
    command.add("-D" + InstrumentedReelsmith.NAME + "=" + name);
    command.add("-D" + InstrumentedReelsmith.RENDER_DELAY + "=" + renderDelay);
    command.add("-D" + InstrumentedReelsmith.PARENT + "=" + ProcessHandle.current().pid());
    command.add(InstrumentedReelsmith.class.getName());
    command.add("--server.port=" + port);
    command.add("--server.address=127.0.0.1");
    command.add("--reelsmith.data-dir=" + data);
    command.addAll(settings);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> env = builder.environment();
    // Only what the test chooses: nothing of the machine's own Reelsmith or Temporal settings.
    env.keySet()
        .removeIf(
            key ->
                key.startsWith("REELSMITH_")
                    || key.startsWith("TEMPORAL_")
                    || key.startsWith("SERVER_")
                    || key.startsWith("SPRING_"));
    env.put("TEMPORAL_ADDRESS", temporal.address());
    env.put("REELSMITH_ROLE", role.name().toLowerCase(Locale.ROOT));
    env.put("REELSMITH_RENDER_CONCURRENCY", "1");
    // A real server hands a dead worker's sticky tasks back to the shared queue after the sticky
    // schedule-to-start timeout (5 s), so sticky execution stays on, as in production.
    env.put("REELSMITH_STICKY_EXECUTION", "true");
    appendToLog(
        "---- " + String.join(" ", command.subList(command.indexOf("-cp") + 2, command.size())));
    try {
      this.process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
    this.killOnExit = new Thread(this::kill, "reelsmith-kill-" + name);
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /** How a test asks for a process. */
  static Builder named(String name) {
    return new Builder(name);
  }

  int port() {
    return port;
  }

  /** Its data dir, which its render log is in. */
  Path data() {
    return data;
  }

  RenderLog renders() {
    return new RenderLog(data);
  }

  /** A client signed in as the tests' account; only for the roles that serve HTTP. */
  ReelsmithClient client() {
    assertThat(role.servesHttp()).as("%s serves no HTTP", name).isTrue();
    return ReelsmithClient.onPort(port);
  }

  /** SIGKILL: the process ends at once, in the middle of whatever it was doing. */
  void kill() {
    process.destroyForcibly();
    awaitExit();
  }

  /** SIGTERM: the process stops as it would under an orchestrator, gracefully. */
  void stop() {
    process.destroy();
    awaitExit();
  }

  @Override
  public void close() {
    kill();
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to: it kills the process itself.
    }
  }

  private void awaitExit() {
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Waits until the application has started (its log says so) and, for the roles that serve HTTP,
   * answers {@code /actuator/health} with 200, as a load balancer would check it.
   */
  private void awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
            .timeout(Duration.ofSeconds(10))
            .build();
    while (true) {
      assertThat(process.isAlive())
          .as("%s exited with %s before it was ready; its log ends:%n%s", name, exitCode(), tail())
          .isTrue();
      assertThat(System.nanoTime())
          .as("%s ready within %s; its log ends:%n%s", name, READY_TIMEOUT, tail())
          .isLessThan(deadline);
      if (logSays(InstrumentedReelsmith.READY) && (!role.servesHttp() || healthy(http, health))) {
        return;
      }
      Thread.sleep(250);
    }
  }

  private static boolean healthy(HttpClient http, HttpRequest health) throws InterruptedException {
    try {
      return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  /** Whether this run of the process has logged {@code text}; earlier runs' lines do not count. */
  private boolean logSays(String text) {
    try (FileChannel channel = FileChannel.open(log)) {
      channel.position(logStart);
      return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8)
          .contains(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String exitCode() {
    return process.isAlive() ? "nothing" : Integer.toString(process.exitValue());
  }

  private String tail() {
    return Workspace.tail(log, 40);
  }

  private void appendToLog(String line) {
    try {
      Files.writeString(
          log,
          line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A process to start: its role, Temporal server, data dir, render delay and settings. */
  static final class Builder {

    private final String name;
    private Role role = Role.ALL;
    private TemporalDevServer temporal;
    private Path data;
    private Duration renderDelay = Duration.ZERO;
    private final List<String> settings = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    Builder role(Role role) {
      this.role = role;
      return this;
    }

    Builder temporal(TemporalDevServer temporal) {
      this.temporal = temporal;
      return this;
    }

    Builder data(Path data) {
      this.data = data;
      return this;
    }

    /** Each scene render takes this much longer, so a test can act while one runs. */
    Builder renderDelay(Duration renderDelay) {
      this.renderDelay = renderDelay;
      return this;
    }

    /** A Spring setting, {@code --name=value}. */
    Builder setting(String name, Object value) {
      settings.add("--" + name + "=" + value);
      return this;
    }

    /** Starts the process and returns once it is ready; kills it if it never gets there. */
    ReelsmithProcess start() throws InterruptedException {
      return startAll(this).get(0);
    }
  }

  /**
   * Starts the processes side by side, which saves a start-up's time per process on a busy machine,
   * and returns once all are ready; kills them all if one never gets there.
   */
  static List<ReelsmithProcess> startAll(Builder... builders) throws InterruptedException {
    List<ReelsmithProcess> started = new ArrayList<>();
    try {
      for (Builder b : builders) {
        started.add(
            new ReelsmithProcess(b.name, b.role, b.temporal, b.data, b.renderDelay, b.settings));
      }
      for (ReelsmithProcess process : started) {
        process.awaitReady();
      }
      return started;
    } catch (RuntimeException | Error | InterruptedException e) {
      started.forEach(ReelsmithProcess::close);
      throw e;
    }
  }
}
