package dev.reelsmith.api.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.activities.render.LocalSceneRenderer;
import dev.reelsmith.activities.render.SceneRenderer;
import dev.reelsmith.activities.video.FalVideoRenderer;
import dev.reelsmith.activities.video.RunwayVideoRenderer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * The video provider an operator chooses with environment variables, read through the application's
 * own application.yml.
 */
class VideoProvidersTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({
    ProviderChoices.class,
    FalProperties.class,
    RunwayProperties.class
  })
  static class Settings {}

  private final ApplicationContextRunner app =
      new ApplicationContextRunner()
          .withInitializer(new ConfigDataApplicationContextInitializer())
          .withUserConfiguration(Settings.class, VideoProviders.class);

  @Test
  void rendersLocallyWithNoConfiguration() {
    app.run(
        context ->
            assertThat(context.getBean(SceneRenderer.class))
                .isInstanceOf(LocalSceneRenderer.class));
  }

  @Test
  void rendersWithFalWhenChosenAndKeepsTheKeyOutOfItsSettingsText() {
    app.withSystemProperties(
            "REELSMITH_VIDEO_PROVIDER=fal",
            "FAL_KEY=fal-secret-key-1234",
            "REELSMITH_FAL_BASE_URL=http://127.0.0.1:9")
        .run(
            context -> {
              assertThat(context.getBean(SceneRenderer.class)).isInstanceOf(FalVideoRenderer.class);
              FalProperties fal = context.getBean(FalProperties.class);
              assertThat(fal.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:9"));
              assertThat(fal.key()).isEqualTo("fal-secret-key-1234");
              assertThat(fal.model()).isEqualTo("fal-ai/kling-video/v2.1/standard/image-to-video");
              assertThat(fal.durations()).containsExactly(5, 10);
              assertThat(fal.pollInterval()).isEqualTo(Duration.ofSeconds(5));
              assertThat(fal.toString()).doesNotContain("fal-secret-key-1234").contains("(set)");
            });
  }

  @Test
  void rendersWithRunwayWhenChosenOnItsPublicApiByDefault() {
    app.withSystemProperties(
            "REELSMITH_VIDEO_PROVIDER=runway",
            "RUNWAYML_API_SECRET=key_runway-secret-5678",
            "REELSMITH_RUNWAY_MODEL=gen3a_turbo")
        .run(
            context -> {
              assertThat(context.getBean(SceneRenderer.class))
                  .isInstanceOf(RunwayVideoRenderer.class);
              RunwayProperties runway = context.getBean(RunwayProperties.class);
              assertThat(runway.baseUrl()).isEqualTo(URI.create("https://api.dev.runwayml.com"));
              assertThat(runway.model()).isEqualTo("gen3a_turbo");
              assertThat(runway.toString()).doesNotContain("key_runway-secret-5678");
            });
  }

  @Test
  void aRemoteProviderWithoutItsKeyStopsTheApplicationNamingTheVariableToSet() {
    for (List<String> missing :
        List.of(
            List.of("REELSMITH_VIDEO_PROVIDER=fal", "FAL_KEY"),
            List.of("REELSMITH_VIDEO_PROVIDER=runway", "RUNWAYML_API_SECRET"))) {
      app.withSystemProperties(missing.get(0))
          .run(
              context ->
                  assertThat(context)
                      .hasFailed()
                      .getFailure()
                      .rootCause()
                      .hasMessageContaining(missing.get(1)));
    }
  }
}
