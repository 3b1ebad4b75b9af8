package dev.reelsmith.api.providers;

import dev.reelsmith.activities.render.LocalSceneRenderer;
import dev.reelsmith.activities.render.SceneRenderer;
import dev.reelsmith.activities.video.FalVideoRenderer;
import dev.reelsmith.activities.video.RunwayVideoRenderer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who draws each scene's video ({@code REELSMITH_VIDEO_PROVIDER}): the local renderer (no network,
 * no keys), fal.ai or Runway. A remote provider without its key stops the application at start,
 * rather than failing the first generation.
 */
@Configuration(proxyBeanMethods = false)
public class VideoProviders {

  @Bean
  SceneRenderer sceneRenderer(ProviderChoices choices, FalProperties fal, RunwayProperties runway) {
    return switch (choices.video()) {
      case LOCAL -> new LocalSceneRenderer();
      case FAL ->
          new FalVideoRenderer(
              fal.baseUrl(),
              fal.key(),
              fal.model(),
              fal.durations(),
              fal.pollInterval(),
              fal.timeout());
      case RUNWAY ->
          new RunwayVideoRenderer(
              runway.baseUrl(),
              runway.apiSecret(),
              runway.model(),
              runway.pollInterval(),
              runway.timeout());
    };
  }
}
