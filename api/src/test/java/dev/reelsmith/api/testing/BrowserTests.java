package dev.reelsmith.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the web UI's browser test files ({@code ui/e2e}, Vitest driving Debian's headless
 * Chromium through playwright-core) against a server a Java test has started, and fails that test
 * when any browser test fails. Screenshots land in {@link #SCREENSHOTS}.
 */
public final class BrowserTests {

  /** {@code api/target/e2e-screenshots}: Maven runs the api module's tests in {@code api/}. */
  public static final Path SCREENSHOTS = Path.of("target", "e2e-screenshots").toAbsolutePath();

  private static final Path UI = Path.of("..", "ui").toAbsolutePath().normalize();

  private BrowserTests() {}

  /**
   * Runs {@code ui/e2e/<file>} with {@code environment} (plus {@code CHROMIUM_PATH} and {@code
   * REELSMITH_SCREENSHOTS}); waits at most {@code limit}. Its report goes to standard output, so
   * Surefire shows it with the build's.
   */
  public static void run(String file, Map<String, String> environment, Duration limit)
      throws Exception {
    Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    assertThat(Files.isExecutable(chromium))
        .as(
            "No Chromium at %s: install Debian's (apt-get install chromium) or set CHROMIUM_PATH",
            chromium)
        .isTrue();
    assertThat(UI.resolve("node_modules/playwright-core"))
        .as("ui/node_modules is missing: build the ui module first (mvn verify from the top)")
        .exists();

    ProcessBuilder vitest =
        new ProcessBuilder("npm", "run", "e2e", "--", "e2e/" + file)
            .directory(UI.toFile())
            .redirectErrorStream(true);
    vitest.environment().putAll(environment);
    vitest.environment().put("REELSMITH_SCREENSHOTS", SCREENSHOTS.toString());
    vitest.environment().put("CHROMIUM_PATH", chromium.toString());
    Process run = vitest.start();
    Thread echo =
        new Thread(() -> run.inputReader().lines().forEach(System.out::println), "e2e-output");
    echo.setDaemon(true);
    echo.start();

    boolean finished = run.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    if (!finished) {
      run.descendants().forEach(ProcessHandle::destroyForcibly);
      run.destroyForcibly();
    }
    echo.join(5_000);
    assertThat(finished).as("%s finishes within %s", file, limit).isTrue();
    assertThat(run.exitValue()).as("%s (its report is above)", file).isZero();
  }

  /** The screenshots taken so far. */
  public static List<String> screenshots() {
    String[] names = SCREENSHOTS.toFile().list((dir, name) -> name.endsWith(".png"));
    return names == null ? List.of() : List.of(names);
  }

  /** For assertion messages: where the screenshots are. */
  public static String screenshotFolder() {
    return SCREENSHOTS + File.separator;
  }
}
