package dev.reelsmith.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack operators run: {@code docker-compose.yml} and the {@code Dockerfile} at the repository
 * root, checked without a container engine. {@code tools/compose-check} loads the compose file with
 * compose-go, the library behind {@code docker compose config}, and checks the stack's rules; the
 * Dockerfile is read as text.
 *
 * <p>Needs Go on the PATH (CI has it). {@code go run ./tools/compose-check} cannot work from the
 * root, which is no Go module, so the tool runs from its own folder with absolute paths.
 */
class ComposeFileTest {

  /** The first run builds the tool and may download its modules, on two shared cores. */
  private static final long TIMEOUT_MINUTES = 5;

  private static final List<String> SERVICES =
      List.of(
          "postgres",
          "temporal-schema",
          "temporal",
          "temporal-setup",
          "temporal-ui",
          "api",
          "worker");

  private static final Path ROOT = repositoryRoot();

  @TempDir Path temp;

  @Test
  void composeFilePassesTheStackChecks() {
    Check check = composeCheck(ROOT.resolve("docker-compose.yml"));

    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains(SERVICES).contains("every rule holds");
  }

  @Test
  void rejectsADatabaseWithoutHealthcheck() throws IOException {
    String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
    String withoutHealthcheck =
        compose.replaceFirst(
            "(?s)(\n  postgres:\n.*?)\n    healthcheck:\n(      .*?\n)+(?=\n  \\S)", "$1\n");
    assertThat(withoutHealthcheck).as("the postgres healthcheck was found").isNotEqualTo(compose);

    Check check = composeCheck(write("docker-compose.yml", withoutHealthcheck));

    assertThat(check.exitCode()).as(check.output()).isEqualTo(1);
    assertThat(check.output())
        .contains("long-running service postgres has no healthcheck")
        .contains("temporal waits for postgres to be healthy, but postgres has no healthcheck");
  }

  @Test
  void rejectsAnImageOnLatest() throws IOException {
    String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
    String onLatest =
        compose.replaceFirst("image: temporalio/ui:\\S+", "image: temporalio/ui:latest");
    assertThat(onLatest).as("the temporalio/ui image was found").isNotEqualTo(compose);

    Check check = composeCheck(write("docker-compose.yml", onLatest));

    assertThat(check.exitCode()).as(check.output()).isEqualTo(1);
    assertThat(check.output())
        .contains("service temporal-ui: image \"temporalio/ui:latest\" is pinned to latest");
  }

  @Test
  void imageRunsTheJarMavenBuildsOnAJava17JreAsANonRootUser() throws IOException {
    List<String> lines = Files.readAllLines(ROOT.resolve("Dockerfile"));
    int lastFrom = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("FROM ")) {
        lastFrom = i;
      }
    }
    assertThat(lastFrom).as("the Dockerfile has a FROM").isNotNegative();
    List<String> runtime = lines.subList(lastFrom, lines.size());
    String jar = builtJar();

    assertThat(runtime.get(0)).matches("FROM eclipse-temurin:17[.0-9_]*-jre\\S*");
    assertThat(lastInstruction(runtime, "USER"))
        .as("the runtime stage's USER")
        .isNotEmpty()
        .doesNotMatch("(root|0)(:.*)?");
    String copy = lastInstruction(runtime, "COPY");
    assertThat(copy)
        .as("the runtime stage copies the jar from the build stage")
        .contains("--from=");
    String[] copyArgs = copy.split("\\s+");
    String source = copyArgs[copyArgs.length - 2];
    String target = copyArgs[copyArgs.length - 1];
    assertThat(source).endsWith("/" + jar);
    Matcher entrypoint =
        Pattern.compile("\"-jar\",\\s*\"([^\"]+)\"")
            .matcher(lastInstruction(runtime, "ENTRYPOINT"));
    assertThat(entrypoint.find()).as("the ENTRYPOINT runs java -jar").isTrue();
    assertThat(entrypoint.group(1)).isEqualTo(target);
  }

  /** Where {@code mvn package} leaves the application jar: {@code api/target/<finalName>.jar}. */
  private static String builtJar() throws IOException {
    Matcher finalName =
        Pattern.compile("<finalName>([^<]+)</finalName>")
            .matcher(Files.readString(ROOT.resolve("api/pom.xml")));
    assertThat(finalName.find()).as("api/pom.xml names its jar").isTrue();
    return "api/target/" + finalName.group(1) + ".jar";
  }

  /** The arguments of the stage's last instruction of that kind, or "" when it has none. */
  private static String lastInstruction(List<String> stage, String instruction) {
    String found = "";
    for (String line : stage) {
      if (line.startsWith(instruction + " ")) {
        found = line.substring(instruction.length() + 1).strip();
      }
    }
    return found;
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(temp.resolve(name), content);
  }

  private record Check(int exitCode, String output) {}

  /** Runs {@code go run . <composeFile>} in tools/compose-check, stdout and stderr together. */
  private static Check composeCheck(Path composeFile) {
    requireGo();
    ProcessBuilder builder =
        new ProcessBuilder("go", "run", ".", composeFile.toAbsolutePath().toString())
            .directory(ROOT.resolve("tools/compose-check").toFile())
            .redirectErrorStream(true);
    try {
      Process process = builder.start();
      CompletableFuture<String> output =
          CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        fail("tools/compose-check did not finish within %d minutes", TIMEOUT_MINUTES);
      }
      return new Check(process.exitValue(), output.join());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start go run in tools/compose-check", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while tools/compose-check ran", e);
    }
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void requireGo() {
    String path = System.getenv().getOrDefault("PATH", "");
    boolean onPath =
        Stream.of(path.split(File.pathSeparator))
            .filter(dir -> !dir.isEmpty())
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, "go")));
    if (!onPath) {
      fail(
          "Go is not on the PATH: this test runs tools/compose-check with `go run`. Install Go"
              + " 1.26 or later (CI has it) and run the test again.");
    }
  }

  /** Maven runs the tests in api/; the root is the folder above that holds the stack files. */
  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("docker-compose.yml"))
          && Files.isRegularFile(dir.resolve("tools/compose-check/go.mod"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "no docker-compose.yml with tools/compose-check above " + Path.of("").toAbsolutePath());
  }
}
