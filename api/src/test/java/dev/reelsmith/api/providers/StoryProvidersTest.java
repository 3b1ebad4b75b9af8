package dev.reelsmith.api.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.reelsmith.activities.copy.CopyActivitiesImpl;
import dev.reelsmith.activities.storage.LocalMediaStore;
import dev.reelsmith.activities.storage.MediaStore;
import dev.reelsmith.workflows.Failures;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.messages.AspectRatio;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.Resolution;
import dev.reelsmith.workflows.messages.Tone;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** REELSMITH_STORY_PROVIDER picks who writes the story, with the OpenAI settings it names. */
class StoryProvidersTest {

  private static final Brief BRIEF =
      new Brief(
          "Aurora Cold Brew",
          "Slow-steeped cold brew coffee in a recyclable glass bottle.",
          null,
          Tone.CALM,
          null,
          15,
          AspectRatio.PORTRAIT,
          Resolution.HD,
          List.of(),
          3);

  @TempDir static Path data;

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withUserConfiguration(Settings.class, VoiceProviders.class, StoryProviders.class);

  @Test
  void writesLocallyByDefault() {
    runner.run(
        context -> {
          String id = Generations.newId();
          assertThat(context.getBean(CopyActivitiesImpl.class).writeStory(id, BRIEF, List.of()))
              .isEqualTo(
                  CopyActivitiesImpl.local(new LocalMediaStore(data.resolve("other")))
                      .writeStory(id, BRIEF, List.of()));
        });
  }

  @Test
  void openaiAsksTheConfiguredServerWithTheConfiguredModelAndKey() throws IOException {
    List<String> seen = new CopyOnWriteArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          seen.add(
              exchange.getRequestURI().getPath()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Authorization")
                  + " "
                  + body.contains("\"model\":\"llama3.2-vision\""));
          byte[] answer =
              "{\"error\":{\"message\":\"Incorrect API key provided\"}}"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(401, answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    server.start();
    try {
      runner
          .withPropertyValues(
              "reelsmith.providers.story=openai",
              "reelsmith.openai.base-url=http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
              "reelsmith.openai.api-key=sk-wrong",
              "reelsmith.openai.llm-model=llama3.2-vision")
          .run(
              context ->
                  assertThatThrownBy(
                          () ->
                              context
                                  .getBean(CopyActivitiesImpl.class)
                                  .writeStory(Generations.newId(), BRIEF, List.of()))
                      .isInstanceOfSatisfying(
                          ApplicationFailure.class,
                          failure -> {
                            assertThat(failure.getType())
                                .isEqualTo(Failures.PROVIDER_REJECTED.name());
                            assertThat(failure.getOriginalMessage())
                                .contains("llama3.2-vision", "refused the API key")
                                .doesNotContain("sk-wrong");
                          }));
    } finally {
      server.stop(0);
    }
    assertThat(seen).containsExactly("/v1/chat/completions Bearer sk-wrong true");
  }

  @Test
  void refusesAMinimumScoreOutsideZeroToHundred() {
    runner
        .withPropertyValues("reelsmith.providers.story=openai", "reelsmith.story.min-score=150")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("0 to 100, not 150"));
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({ProviderChoices.class, OpenAiProperties.class})
  static class Settings {

    @Bean
    MediaStore mediaStore() {
      return new LocalMediaStore(data);
    }
  }
}
