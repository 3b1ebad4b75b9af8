package dev.reelsmith.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.activities.render.LocalSceneRenderer;
import dev.reelsmith.activities.render.PermanentRenderException;
import dev.reelsmith.activities.render.SceneRenderer;
import dev.reelsmith.workflows.Failures;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web UI end to end in Debian's headless Chromium: this starts the whole application (embedded
 * Temporal, local providers, the UI the api jar serves) with one account, {@link #USER}, and runs
 * {@code ui/e2e} against it with playwright-core: it signs in through the sign-in page first.
 * Screenshots of every screen land in {@code api/target/e2e-screenshots}.
 *
 * <p>One thing differs from production: the first render of scene 2 of an ad for a product named
 * like {@link #DOOMED} fails as a provider refusal would, so the browser can see a failure and
 * retry it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(BrowserEndToEndTest.FailingOnce.class)
class BrowserEndToEndTest {

  /** Ads for products with this in their name fail once, at scene 2. */
  static final String DOOMED = "Stormcloud";

  /** The one account of this server; the browser signs in with it through the sign-in page. */
  static final String USER = "ada";

  static final String PASSWORD = "e2e-password-of-ada";

  private static final Path UI = Path.of("..", "ui").toAbsolutePath().normalize();
  private static final Path SCREENSHOTS = Path.of("target", "e2e-screenshots").toAbsolutePath();

  @TempDir static Path data;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void dataDirAndAccount(DynamicPropertyRegistry registry) {
    registry.add("reelsmith.data-dir", () -> data.toString());
    registry.add("reelsmith.users", () -> USER + ":" + PASSWORD);
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class FailingOnce {

    @Bean
    @Primary
    SceneRenderer failingOnceRenderer() {
      SceneRenderer local = new LocalSceneRenderer();
      Set<String> failed = ConcurrentHashMap.newKeySet();
      return (scene, image, output, progress) -> {
        if (scene.index() == 2 && scene.prompt().contains(DOOMED) && failed.add(scene.prompt())) {
          throw new PermanentRenderException(
              Failures.PROVIDER_REJECTED, "The video provider is unavailable (simulated outage)");
        }
        local.render(scene, image, output, progress);
      };
    }
  }

  @Test
  void aUserSignsInMakesAnAdWatchesItLiveRetriesAFailureAndSharesItInARealBrowser()
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
        new ProcessBuilder("npm", "run", "e2e", "--", "e2e/ad.e2e.ts")
            .directory(UI.toFile())
            .redirectErrorStream(true);
    vitest.environment().put("REELSMITH_URL", "http://127.0.0.1:" + port);
    vitest.environment().put("REELSMITH_SCREENSHOTS", SCREENSHOTS.toString());
    vitest.environment().put("REELSMITH_DOOMED", DOOMED);
    vitest.environment().put("REELSMITH_USER", USER);
    vitest.environment().put("REELSMITH_PASSWORD", PASSWORD);
    vitest.environment().put("CHROMIUM_PATH", chromium.toString());
    Process run = vitest.start();
    // Through System.out, so Surefire shows the browser tests' report with the build's.
    Thread echo =
        new Thread(() -> run.inputReader().lines().forEach(System.out::println), "e2e-output");
    echo.setDaemon(true);
    echo.start();

    boolean finished = run.waitFor(15, TimeUnit.MINUTES);
    if (!finished) {
      run.descendants().forEach(ProcessHandle::destroyForcibly);
      run.destroyForcibly();
    }
    echo.join(5_000);
    assertThat(finished).as("the browser tests finish within 15 minutes").isTrue();
    assertThat(run.exitValue()).as("browser tests (output above)").isZero();
    assertThat(SCREENSHOTS.toFile().list((dir, name) -> name.endsWith(".png")))
        .as("a screenshot of each screen in " + SCREENSHOTS + File.separator)
        .contains(
            "sign-in.png",
            "new-ad.png",
            "generation-running.png",
            "generation-complete.png",
            "generation-failed.png",
            "history.png",
            "share.png");
  }
}
