package dev.reelsmith.api.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Temporal server for a test class: the dev server of {@code scripts/temporal-server}
 * (frontend, history, matching, Temporal Web, SQLite in one process) on free loopback ports, its
 * state in a file the test owns. {@link #stop()} and {@link #start()} restart it on the same file
 * and ports, as an operator restarting Temporal would; {@link #close()} kills it, and so does the
 * JVM's shutdown, so a failed test leaves no server behind. Its output goes to {@code
 * api/target/durability/<name>.log}.
 *
 * <p>The first use on a machine builds the Temporal CLI from the Go module proxy (10–17 minutes,
 * once); without Go that fails, and so do the tests, with a message that says so.
 */
final class TemporalDevServer implements AutoCloseable {

  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(40);
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);
  private static final Duration CLI_TIMEOUT = Duration.ofMinutes(2);

  private final Path script = Workspace.serverScript();
  private final Path db;
  private final Path log;
  private final int port = Workspace.freePort();
  private final int webPort = Workspace.freePort();
  private final Thread killOnExit = new Thread(this::kill, "temporal-dev-server-kill");
  private Process process;

  private TemporalDevServer(String name, Path dir) {
    this.db = dir.resolve("temporal.db");
    this.log = Workspace.logs().resolve(name + ".log");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /** Builds the CLI unless it is cached, then starts a server with its state in {@code dir}. */
  static TemporalDevServer start(String name, Path dir) {
    build();
    TemporalDevServer server = new TemporalDevServer(name, dir);
    try {
      server.start();
      return server;
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
  }

  /** {@code host:port} of its frontend, as {@code TEMPORAL_ADDRESS} takes it. */
  String address() {
    return "127.0.0.1:" + port;
  }

  /** Temporal Web. */
  URI web() {
    return URI.create("http://127.0.0.1:" + webPort);
  }

  /** Starts the server on its file and ports, and returns once it is ready. */
  synchronized void start() {
    assertThat(process).as("the server is already running").isNull();
    ProcessBuilder builder =
        new ProcessBuilder(
                script.toString(),
                "start",
                "--db",
                db.toString(),
                "--port",
                Integer.toString(port),
                "--ui-port",
                Integer.toString(webPort))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    process = launch(builder);
    Run ready =
        run(
            READY_TIMEOUT.plusSeconds(30),
            "wait",
            "--port",
            Integer.toString(port),
            "--timeout",
            Long.toString(READY_TIMEOUT.toSeconds()));
    if (ready.exit != 0) {
      kill();
      throw new AssertionError(
          "The Temporal dev server did not get ready on "
              + address()
              + ":\n"
              + ready.output
              + "\nIts log, "
              + log
              + ", ends:\n"
              + Workspace.tail(log, 30));
    }
  }

  /** Stops the server as SIGTERM does, waiting until it has exited; its file keeps its state. */
  synchronized void stop() throws InterruptedException {
    assertThat(process).as("the server is running").isNotNull();
    process.destroy();
    boolean exited = process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (!exited) {
      kill();
    }
    process = null;
    assertThat(exited).as("the server stops within %s of SIGTERM", STOP_TIMEOUT).isTrue();
  }

  /**
   * Runs the {@code temporal} CLI against this server, {@code --address} added; returns its output
   * and fails when it exits with an error.
   */
  String cli(String... args) {
    List<String> command = new ArrayList<>(List.of("cli"));
    command.addAll(List.of(args));
    command.addAll(List.of("--address", address()));
    Run run = run(CLI_TIMEOUT, command.toArray(String[]::new));
    assertThat(run.exit).as("temporal %s:%n%s", String.join(" ", args), run.output).isZero();
    return run.output;
  }

  @Override
  public void close() {
    kill();
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to: it kills the server itself.
    }
  }

  private synchronized void kill() {
    if (process != null) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      try {
        process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  /**
   * {@code scripts/temporal-server build}: nothing when the CLI is cached, else the long first
   * build. Its progress goes to {@code api/target/durability/temporal-build.log}.
   */
  private static void build() {
    Path log = Workspace.logs().resolve("temporal-build.log");
    System.out.printf(
        "Temporal CLI: scripts/temporal-server build (a first build takes 10-17 minutes; log: %s)%n",
        log);
    try {
      Path stdout = Files.createTempFile(log.getParent(), "build", ".out");
      try {
        Process build =
            launch(
                new ProcessBuilder(Workspace.serverScript().toString(), "build")
                    .redirectOutput(stdout.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())));
        boolean done = build.waitFor(BUILD_TIMEOUT.toMinutes(), TimeUnit.MINUTES);
        if (!done) {
          build.descendants().forEach(ProcessHandle::destroyForcibly);
          build.destroyForcibly();
        }
        assertThat(done).as("the Temporal CLI builds within %s", BUILD_TIMEOUT).isTrue();
        assertThat(build.exitValue())
            .as(
                "scripts/temporal-server build failed. The durability tests need a real Temporal"
                    + " server, built once from source by Go: install Go (https://go.dev/dl) and"
                    + " put `go` on the PATH. The build's log, %s, ends:%n%s",
                log, Workspace.tail(log, 20))
            .isZero();
        Path binary = Path.of(Files.readString(stdout).strip());
        assertThat(binary).as("the built Temporal CLI").isRegularFile().isExecutable();
      } finally {
        Files.deleteIfExists(stdout);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building the Temporal CLI", e);
    }
  }

  /** Runs the script with {@code args} to the end; its exit code and output, both streams. */
  private Run run(Duration timeout, String... args) {
    List<String> command = new ArrayList<>(List.of(script.toString()));
    command.addAll(List.of(args));
    try {
      Path output = Files.createTempFile(log.getParent(), "cli", ".out");
      try {
        Process cli =
            launch(
                new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile()));
        if (!cli.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
          cli.descendants().forEach(ProcessHandle::destroyForcibly);
          cli.destroyForcibly();
          cli.waitFor();
        }
        return new Run(cli.exitValue(), Files.readString(output));
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  private static Process launch(ProcessBuilder builder) {
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + builder.command(), e);
    }
  }

  private record Run(int exit, String output) {}
}
