package dev.reelsmith.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.activities.render.LocalSceneRenderer;
import dev.reelsmith.activities.render.PermanentRenderException;
import dev.reelsmith.activities.render.SceneRenderer;
import dev.reelsmith.api.testing.AppTest;
import dev.reelsmith.api.testing.BrowserTests;
import dev.reelsmith.workflows.Failures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
@AppTest
@Import(BrowserEndToEndTest.FailingOnce.class)
class BrowserEndToEndTest {

  /** Ads for products with this in their name fail once, at scene 2. */
  static final String DOOMED = "Stormcloud";

  /** The one account of this server; the browser signs in with it through the sign-in page. */
  static final String USER = "ada";

  static final String PASSWORD = "e2e-password-of-ada";

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
    BrowserTests.run(
        "ad.e2e.ts",
        Map.of(
            "REELSMITH_URL", "http://127.0.0.1:" + port,
            "REELSMITH_DOOMED", DOOMED,
            "REELSMITH_USER", USER,
            "REELSMITH_PASSWORD", PASSWORD),
        Duration.ofMinutes(15));
    assertThat(BrowserTests.screenshots())
        .as("a screenshot of each screen in " + BrowserTests.screenshotFolder())
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
