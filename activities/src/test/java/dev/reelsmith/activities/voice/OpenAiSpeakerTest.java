package dev.reelsmith.activities.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.reelsmith.activities.copy.CopyActivitiesImpl;
import dev.reelsmith.activities.remote.ProviderException;
import dev.reelsmith.activities.storage.LocalMediaStore;
import dev.reelsmith.workflows.CopyActivities;
import dev.reelsmith.workflows.Failures;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.ScenePlan;
import dev.reelsmith.workflows.messages.Story;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local server speaking OpenAI's {@code POST /v1/audio/speech}, and the narrator talking to it.
 */
class OpenAiSpeakerTest {

  private static final String KEY = "sk-test-0123456789";
  private static final String MODEL = "gpt-4o-mini-tts";
  private static final String VOICE = "alloy";

  @TempDir Path root;

  private final String generationId = Generations.newId();
  private final ObjectMapper json = new ObjectMapper();
  private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
  private final List<String> auth = new CopyOnWriteArrayList<>();

  /** Scripted answers, in order; once they run out, the server answers with 1.5 s of speech. */
  private final Deque<Answer> script = new ArrayDeque<>();

  private record Answer(int status, String contentType, byte[] body, String retryAfter) {}

  private HttpServer server;
  private Narrator narrator;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/audio/speech", this::answer);
    server.start();
    narrator = new Narrator(new LocalMediaStore(root), speaker());
  }

  private OpenAiSpeaker speaker() {
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    return new OpenAiSpeaker(base, KEY, MODEL, VOICE, Duration.ofSeconds(10));
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private synchronized void answer(HttpExchange exchange) throws IOException {
    bodies.add(json.readTree(exchange.getRequestBody().readAllBytes()));
    auth.add(exchange.getRequestHeaders().getFirst("Authorization"));
    Answer answer = script.isEmpty() ? new Answer(200, "audio/wav", wav(1.5), null) : script.pop();
    exchange.getResponseHeaders().add("Content-Type", answer.contentType());
    if (answer.retryAfter() != null) {
      exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
    }
    exchange.sendResponseHeaders(answer.status(), answer.body().length);
    exchange.getResponseBody().write(answer.body());
    exchange.close();
  }

  private static Answer error(int status, String message) {
    return new Answer(
        status,
        "application/json",
        ("{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\"}}")
            .getBytes(StandardCharsets.UTF_8),
        null);
  }

  /** A 24 kHz mono WAV of a tone, as OpenAI sends. */
  static byte[] wav(double seconds) throws IOException {
    int rate = 24_000;
    int n = (int) (seconds * rate);
    ByteBuffer pcm = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      pcm.putShort((short) (8000 * Math.sin(2 * Math.PI * 220 * i / rate)));
    }
    AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AudioSystem.write(
        new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, n),
        AudioFileFormat.Type.WAVE,
        out);
    return out.toByteArray();
  }

  @Test
  void narratesEachSceneWithTheConfiguredModelVoiceAndKey() throws IOException {
    List<Narrator.Narration> narrations = narrator.narrate(generationId, NarratorTest.scenes());

    assertThat(narrations).extracting(Narrator.Narration::index).containsExactly(1, 3);
    assertThat(narrations.get(0).seconds()).isCloseTo(1.5, within(0.01));
    assertThat(root.resolve(generationId).resolve(MediaLayout.narration(3))).isRegularFile();
    assertThat(bodies).hasSize(2);
    assertThat(auth).containsOnly("Bearer " + KEY);
    JsonNode first = bodies.get(0);
    assertThat(first.path("model").asText()).isEqualTo(MODEL);
    assertThat(first.path("voice").asText()).isEqualTo(VOICE);
    assertThat(first.path("response_format").asText()).isEqualTo("wav");
    assertThat(first.path("input").asText()).isEqualTo("Mornings deserve better coffee.");
  }

  @Test
  void aRestartedWorkerDoesNotPayForNarrationItAlreadyHas() throws IOException {
    narrator.narrate(generationId, NarratorTest.scenes());

    // A new worker: a new speaker and narrator over the same media store.
    List<Narrator.Narration> again =
        new Narrator(new LocalMediaStore(root), speaker())
            .narrate(generationId, NarratorTest.scenes());

    assertThat(bodies).hasSize(2);
    assertThat(again).extracting(Narrator.Narration::seconds).containsOnly(1.5);
  }

  @Test
  void aRateLimitRetriesAfterTheDelayTheProviderAsksFor() throws IOException {
    script.add(
        new Answer(
            429,
            "application/json",
            "{\"error\":{\"message\":\"Rate limit reached for requests\"}}".getBytes(),
            "7"));

    assertThatThrownBy(() -> narrator.narrate(generationId, NarratorTest.scenes()))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              ApplicationFailure failure = e.toFailure();
              assertThat(failure.getType()).isEqualTo(Failures.PROVIDER_RATE_LIMITED.name());
              assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
              assertThat(failure.isNonRetryable()).isFalse();
              assertThat(e.getMessage()).contains("Rate limit reached");
            });
    assertThat(root.resolve(generationId).resolve(MediaLayout.narration(1))).doesNotExist();

    narrator.narrate(generationId, NarratorTest.scenes());
    assertThat(bodies).hasSize(3);
  }

  @Test
  void aServerErrorIsRetriedAndTheNextAttemptSucceeds() throws IOException {
    script.add(error(503, "The server is overloaded"));

    assertThatThrownBy(() -> narrator.narrate(generationId, NarratorTest.scenes()))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.toFailure().getType()).isEqualTo(Failures.PROVIDER_UNAVAILABLE.name());
              assertThat(e.toFailure().isNonRetryable()).isFalse();
            });

    assertThat(narrator.narrate(generationId, NarratorTest.scenes())).hasSize(2);
    assertThat(bodies).hasSize(3);
  }

  @Test
  void aRefusalIsFinalAndShowsTheProvidersWordsButNeverTheKey() {
    script.add(error(400, "Input text violates our usage policies"));

    assertThatThrownBy(() -> narrator.narrate(generationId, NarratorTest.scenes()))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              ApplicationFailure failure = e.toFailure();
              assertThat(failure.getType()).isEqualTo(Failures.PROVIDER_REJECTED.name());
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage())
                  .contains("Input text violates our usage policies")
                  .doesNotContain(KEY);
            });
  }

  @Test
  void theParamsStepFailsForGoodWithTheProvidersWordsWhenNarrationIsRefused() {
    LocalMediaStore store = new LocalMediaStore(root);
    TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
    try {
      environment.registerActivitiesImplementations(
          CopyActivitiesImpl.local(store, new Narrator(store, speaker())));
      CopyActivities copy =
          environment.newActivityStub(
              CopyActivities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofMinutes(1))
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                  .build());
      Brief brief = VoiceOverAdTest.brief(15);
      List<ImageAnalysis> images = VoiceOverAdTest.images();
      Story story = copy.writeStory(generationId, brief, images);
      ScenePlan plan = copy.planScenes(generationId, brief, story, images);
      script.add(error(400, "Input text violates our usage policies"));

      assertThatThrownBy(() -> copy.prepareVideoParams(generationId, brief, plan, images))
          .isInstanceOf(ActivityFailure.class)
          .cause()
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              failure -> {
                assertThat(failure.getType()).isEqualTo(Failures.PROVIDER_REJECTED.name());
                assertThat(failure.isNonRetryable()).isTrue();
                assertThat(failure.getOriginalMessage())
                    .contains("Input text violates our usage policies")
                    .doesNotContain(KEY);
              });
      assertThat(bodies).hasSize(1);
    } finally {
      environment.close();
    }
  }

  @Test
  void anAnswerThatIsNotAudioIsRefusedAndNotKept() {
    script.add(
        new Answer(
            200, "application/json", "{\"ok\":true}".getBytes(StandardCharsets.UTF_8), null));

    assertThatThrownBy(() -> narrator.narrate(generationId, NarratorTest.scenes()))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("not 60 s or less of audio");
    assertThat(root.resolve(generationId).resolve(MediaLayout.narration(1))).doesNotExist();
  }
}
