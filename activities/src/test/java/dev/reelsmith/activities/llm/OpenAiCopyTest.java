package dev.reelsmith.activities.llm;

import static dev.reelsmith.activities.llm.FakeChatServer.COHESION;
import static dev.reelsmith.activities.llm.FakeChatServer.SCENES;
import static dev.reelsmith.activities.llm.FakeChatServer.STORY;
import static dev.reelsmith.activities.llm.FakeChatServer.STORY_SCORE;
import static dev.reelsmith.activities.llm.FakeChatServer.answer;
import static dev.reelsmith.activities.llm.FakeChatServer.completion;
import static dev.reelsmith.activities.llm.FakeChatServer.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reelsmith.activities.copy.CohesionScorer;
import dev.reelsmith.activities.copy.CopyActivitiesImpl;
import dev.reelsmith.activities.copy.Criterion;
import dev.reelsmith.activities.copy.StoryScorer;
import dev.reelsmith.activities.images.ImageAnalyzer;
import dev.reelsmith.activities.llm.FakeChatServer.Request;
import dev.reelsmith.activities.storage.LocalMediaStore;
import dev.reelsmith.activities.voice.FreeTtsSpeaker;
import dev.reelsmith.activities.voice.Narrator;
import dev.reelsmith.workflows.Failures;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.messages.AspectRatio;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.Resolution;
import dev.reelsmith.workflows.messages.RubricItem;
import dev.reelsmith.workflows.messages.Scene;
import dev.reelsmith.workflows.messages.ScenePlan;
import dev.reelsmith.workflows.messages.Story;
import dev.reelsmith.workflows.messages.StoryBeat;
import dev.reelsmith.workflows.messages.Tone;
import io.temporal.failure.ApplicationFailure;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writing steps with {@code REELSMITH_STORY_PROVIDER=openai}, against a local server that
 * speaks the chat-completions API: what is sent, what comes back, and what a user sees when the
 * provider misbehaves.
 */
class OpenAiCopyTest {

  private static final String KEY = "sk-test-secret-key";
  private static final String MODEL = "gpt-test-vision";

  @TempDir Path root;

  private final String generationId = Generations.newId();
  private final Brief brief =
      new Brief(
          "Aurora Cold Brew",
          "Slow-steeped cold brew coffee in a recyclable glass bottle. No sugar, no bitterness.",
          "busy professionals who want better coffee at home",
          Tone.WARM,
          "Order today at aurora.example",
          30,
          AspectRatio.LANDSCAPE,
          Resolution.HD,
          List.of("#1A73E8"),
          4);
  private LocalMediaStore store;
  private List<ImageAnalysis> images;
  private FakeChatServer server;

  @BeforeEach
  void setUp() throws IOException {
    store = new LocalMediaStore(root);
    images =
        List.of(
            reference(1, 1000, 750, new Color(0x1A73E8)),
            reference(2, 600, 1000, new Color(0xF28C28)));
    server = new FakeChatServer();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void writesTheStoryAndScenesWithTheReferenceImagesAndStrictSchemas() throws IOException {
    CopyActivitiesImpl activities = activities(KEY, 70);

    Story story = activities.writeStory(generationId, brief, images);
    ScenePlan plan = activities.planScenes(generationId, brief, story, images);

    assertThat(story.title()).isEqualTo(Answers.TITLE);
    assertThat(story.beats())
        .extracting(StoryBeat::role)
        .hasSize(5)
        .startsWith(StoryBeat.Role.HOOK);
    assertThat(story.beats().get(0).text()).isEqualTo("Tired of bitter office coffee?");
    assertThat(story.score().rubric())
        .extracting(RubricItem::criterion, RubricItem::points, RubricItem::maxPoints)
        .containsExactly(
            tuple("hook", 16, 20),
            tuple("clarity", 16, 25),
            tuple("brand fit", 16, 20),
            tuple("call to action", 16, 20),
            tuple("length", 15, 15));
    assertThat(story.score().total()).isEqualTo(79);
    assertThat(plan.scenes()).extracting(Scene::imageIndex).containsExactly(1, 2, 1, 2);
    assertThat(plan.scenes())
        .as("the model's 4/6/6/4 s proportions, stretched to the 30 s ad")
        .extracting(Scene::durationSeconds)
        .containsExactly(6.0, 9.0, 9.0, 6.0);
    assertThat(plan.cohesion().rubric())
        .extracting(RubricItem::criterion)
        .containsExactlyElementsOf(CohesionScorer.RUBRIC.stream().map(Criterion::name).toList());

    assertThat(server.requests())
        .extracting(Request::kind)
        .containsExactly(STORY, STORY_SCORE, SCENES, COHESION);
    for (Request request : server.requests()) {
      assertThat(request.path()).isEqualTo("/v1/chat/completions");
      assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
      assertThat(request.body().path("model").asText()).isEqualTo(MODEL);
      JsonNode format = request.body().path("response_format");
      assertThat(format.path("type").asText()).isEqualTo("json_schema");
      assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
      assertStrict(format.path("json_schema").path("schema"));
    }
    for (Request request : List.of(server.requests(STORY).get(0), server.requests(SCENES).get(0))) {
      List<BufferedImage> sent = attachedImages(request);
      assertThat(sent).as("both reference images, downscaled").hasSize(2);
      assertThat(sent.get(0).getWidth()).isEqualTo(ReferenceImages.MAX_SIDE);
      assertThat(sent.get(0).getHeight()).isEqualTo(576);
      assertThat(sent.get(1).getHeight()).isEqualTo(ReferenceImages.MAX_SIDE);
      assertThat(sent.get(1).getWidth()).isEqualTo(461);
    }
    JsonNode storySchema =
        server.requests(STORY).get(0).body().at("/response_format/json_schema/schema");
    assertThat(storySchema.at("/properties/beats/items/properties/role/enum").toString())
        .contains("hook", "call_to_action");
  }

  @Test
  void judgesWithTheLocalScorersRubricAndClampsPoints() {
    server.byDefault(STORY_SCORE, Answers.storyScore(99));

    Story story = activities(KEY, 70).writeStory(generationId, brief, images);

    assertThat(story.score().total()).isEqualTo(100);
    assertThat(story.score().rubric())
        .extracting(RubricItem::criterion, RubricItem::maxPoints)
        .containsExactlyElementsOf(
            StoryScorer.RUBRIC.stream().map(c -> tuple(c.name(), c.maxPoints())).toList());
    assertThat(story.score().rubric())
        .allSatisfy(item -> assertThat(item.points()).isEqualTo(item.maxPoints()));
    String judging = server.requests(STORY_SCORE).get(0).body().path("messages").toString();
    assertThat(judging).contains("brand_fit (20 points)", "Tired of bitter office coffee?");
  }

  @Test
  void rateLimitRetriesAfterTheProvidersDelayThenSucceeds() {
    server.script(STORY, error(429, "Rate limit reached for requests", Map.of("Retry-After", "7")));
    CopyActivitiesImpl activities = activities(KEY, 70);

    assertThatThrownBy(() -> activities.writeStory(generationId, brief, images))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(Failures.PROVIDER_RATE_LIMITED.name());
              assertThat(failure.isNonRetryable()).isFalse();
              assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
              assertThat(failure.getOriginalMessage())
                  .contains("rate limiting", "Rate limit reached for requests")
                  .doesNotContain(KEY);
            });
    Story story = activities.writeStory(generationId, brief, images);

    assertThat(story.title()).isEqualTo(Answers.TITLE);
    assertThat(server.requests(STORY)).hasSize(2);
  }

  @Test
  void serverErrorFailsRetryablyThenTheRetrySucceeds() {
    server.script(STORY, error(503, "The server is overloaded", Map.of()));
    CopyActivitiesImpl activities = activities(KEY, 70);

    assertThatThrownBy(() -> activities.writeStory(generationId, brief, images))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(Failures.PROVIDER_UNAVAILABLE.name());
              assertThat(failure.isNonRetryable()).isFalse();
              assertThat(failure.getOriginalMessage())
                  .contains("HTTP 503", "The server is overloaded");
            });
    Story story = activities.writeStory(generationId, brief, images);

    assertThat(story.title()).isEqualTo(Answers.TITLE);
    assertThat(server.requests(STORY)).hasSize(2);
  }

  @Test
  void retryAfterAFailedJudgementDoesNotPayForTheDraftsAgain() {
    server.script(STORY_SCORE, error(429, "Slow down", Map.of("Retry-After", "2")));
    server.script(COHESION, error(502, "Bad gateway", Map.of()));
    CopyActivitiesImpl activities = activities(KEY, 70);

    assertThatThrownBy(() -> activities.writeStory(generationId, brief, images))
        .isInstanceOf(ApplicationFailure.class);
    Story story = activities.writeStory(generationId, brief, images);
    assertThatThrownBy(() -> activities.planScenes(generationId, brief, story, images))
        .isInstanceOf(ApplicationFailure.class);
    ScenePlan plan = activities.planScenes(generationId, brief, story, images);

    assertThat(story.score().total()).isEqualTo(79);
    assertThat(plan.scenes()).hasSize(4);
    assertThat(server.requests())
        .extracting(Request::kind)
        .containsExactly(STORY, STORY_SCORE, STORY_SCORE, SCENES, COHESION, COHESION);
  }

  @Test
  void refusalFailsForGoodWithTheProvidersWords() {
    server.script(STORY, completion(null, "I can't help with advertising that product.", "stop"));

    assertThatThrownBy(() -> activities(KEY, 70).writeStory(generationId, brief, images))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(Failures.PROVIDER_REJECTED.name());
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage())
                  .contains(MODEL, "declined", "I can't help with advertising that product.");
            });
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void contentFilterFailsForGood() {
    server.script(SCENES, completion("", null, "content_filter"));
    CopyActivitiesImpl activities = activities(KEY, 70);
    Story story = activities.writeStory(generationId, brief, images);

    assertThatThrownBy(() -> activities.planScenes(generationId, brief, story, images))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(Failures.PROVIDER_REJECTED.name());
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage()).contains("content filter stopped");
            });
    assertThat(server.requests(SCENES)).hasSize(1);
  }

  @Test
  void serverWithoutJsonSchemaGetsJsonModeWithTheSchemaInThePrompt() {
    server.rejectingJsonSchema();
    CopyActivitiesImpl activities = activities(null, 70);

    Story story = activities.writeStory(generationId, brief, images);
    ScenePlan plan = activities.planScenes(generationId, brief, story, images);

    assertThat(story.title()).isEqualTo(Answers.TITLE);
    assertThat(plan.scenes()).hasSize(4);
    List<Request> requests = server.requests();
    assertThat(requests)
        .extracting(r -> r.body().at("/response_format/type").asText())
        .as("json_schema once, then json_object for every request of this client")
        .containsExactly("json_schema", "json_object", "json_object", "json_object", "json_object");
    for (Request request : requests.subList(1, requests.size())) {
      JsonNode first = request.body().path("messages").path(0);
      assertThat(first.path("role").asText()).isEqualTo("system");
      assertThat(first.path("content").asText())
          .contains("JSON schema", "\"additionalProperties\":false");
    }
    assertThat(requests)
        .as("no key set (a local Ollama): no Authorization header")
        .allSatisfy(r -> assertThat(r.header("Authorization")).isNull());
  }

  @Test
  void invalidAnswerIsSentBackWithWhatIsWrong() {
    server.script(STORY, answer(Answers.story("hook", "reveal", "call_to_action")));

    Story story = activities(KEY, 70).writeStory(generationId, brief, images);

    assertThat(story.beats()).hasSize(5);
    List<Request> asked = server.requests(STORY);
    assertThat(asked).hasSize(2);
    JsonNode correction = asked.get(1).lastMessage();
    assertThat(correction.path("role").asText()).isEqualTo("user");
    assertThat(correction.path("content").asText())
        .contains(
            "cannot be used", "roles must be [hook, problem, reveal, benefit, call_to_action]");
    JsonNode messages = asked.get(1).body().path("messages");
    assertThat(messages.get(messages.size() - 2).path("role").asText()).isEqualTo("assistant");
  }

  @Test
  void answerCutOffForLengthIsAskedAgainShorter() {
    server.script(STORY, completion("{\"title\": \"Aurora", null, "length"));

    Story story = activities(KEY, 70).writeStory(generationId, brief, images);

    assertThat(story.title()).isEqualTo(Answers.TITLE);
    assertThat(server.requests(STORY)).hasSize(2);
    assertThat(server.requests(STORY).get(1).lastMessage().path("content").asText())
        .contains("cut off for being too long");
  }

  @Test
  void scenesThatBreakTheRulesAreCorrectedAtMostTwiceThenFail() {
    String tooLong = Answers.scenes(4, 6, 6, 4).replace("Order today", "x".repeat(60));
    server.script(SCENES, answer(tooLong), answer(tooLong), answer(tooLong), answer(tooLong));
    CopyActivitiesImpl activities = activities(KEY, 70);
    Story story = activities.writeStory(generationId, brief, images);

    assertThatThrownBy(() -> activities.planScenes(generationId, brief, story, images))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(Failures.PROVIDER_REJECTED.name());
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage())
                  .contains("no usable answer for the scenes in 3 tries")
                  .contains("scene 4's caption must have 1 to 42 characters, not 60");
            });
    assertThat(server.requests(SCENES)).hasSize(3);
  }

  @Test
  void weakStoryIsRewrittenAtMostTwiceKeepingTheBest() {
    server.script(
        STORY_SCORE,
        answer(Answers.storyScore(4)),
        answer(Answers.storyScore(10)),
        answer(Answers.storyScore(8)));

    Story story = activities(KEY, 70).writeStory(generationId, brief, images);

    assertThat(server.requests(STORY)).as("the first draft and two rewrites").hasSize(3);
    assertThat(server.requests(STORY_SCORE)).hasSize(3);
    assertThat(story.score().total()).as("the best of 20, 50 and 40").isEqualTo(50);
    String rewrite = server.requests(STORY).get(1).lastMessage().path("content").asText();
    assertThat(rewrite).contains("scored this story 20/100", "hook: 4/20. Judged hook at 4.");
    String second = server.requests(STORY).get(2).lastMessage().path("content").asText();
    assertThat(second).as("the second rewrite starts from the best so far").contains("50/100");
  }

  @Test
  void restartedWorkerAnswersFromTheManifestWithoutAskingAgain() {
    CopyActivitiesImpl first = activities(KEY, 70);
    Story story = first.writeStory(generationId, brief, images);
    ScenePlan plan = first.planScenes(generationId, brief, story, images);
    int asked = server.requests().size();

    CopyActivitiesImpl restarted = activities(KEY, 70);
    Story storyAgain = restarted.writeStory(generationId, brief, images);
    ScenePlan planAgain = restarted.planScenes(generationId, brief, storyAgain, images);

    assertThat(storyAgain).isEqualTo(story);
    assertThat(planAgain).isEqualTo(plan);
    assertThat(server.requests()).hasSize(asked);
  }

  @Test
  void badKeyFailsForGoodWithoutShowingTheKey() {
    server.script(STORY, error(401, "Incorrect API key provided: sk-tes***key", Map.of()));

    assertThatThrownBy(() -> activities(KEY, 70).writeStory(generationId, brief, images))
        .isInstanceOf(ApplicationFailure.class)
        .satisfies(
            e -> {
              ApplicationFailure failure = (ApplicationFailure) e;
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage()).contains("refused the API key");
              assertThat(failure.getOriginalMessage()).doesNotContain(KEY);
            });
  }

  private CopyActivitiesImpl activities(String key, int minScore) {
    return OpenAiCopy.activities(
        store,
        new ChatClient(server.baseUrl(), key, MODEL, Duration.ofSeconds(20)),
        minScore,
        new Narrator(store, new FreeTtsSpeaker()));
  }

  private ImageAnalysis reference(int index, int width, int height, Color color)
      throws IOException {
    BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = picture.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(color);
    g.fillOval(width / 4, height / 4, width / 2, height / 2);
    g.dispose();
    String path = MediaLayout.reference(index);
    Path file = store.path(generationId, path);
    Files.createDirectories(file.getParent());
    ImageIO.write(picture, "png", file.toFile());
    return new ImageAnalyzer().analyze(index, path, picture);
  }

  /** The images of a request's user message, decoded from their data URLs. */
  private static List<BufferedImage> attachedImages(Request request) throws IOException {
    List<BufferedImage> pictures = new ArrayList<>();
    for (JsonNode message : request.body().path("messages")) {
      for (Iterator<JsonNode> parts = message.path("content").elements(); parts.hasNext(); ) {
        JsonNode part = parts.next();
        if (part.path("type").asText().equals("image_url")) {
          String url = part.path("image_url").path("url").asText();
          assertThat(url).startsWith("data:image/jpeg;base64,");
          byte[] jpeg = Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1));
          pictures.add(ImageIO.read(new ByteArrayInputStream(jpeg)));
        }
      }
    }
    return pictures;
  }

  /** Strict structured output: every object closed, every property required. */
  private static void assertStrict(JsonNode schema) {
    if (schema.path("type").asText().equals("object")) {
      assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
      List<String> properties = new ArrayList<>();
      schema.path("properties").fieldNames().forEachRemaining(properties::add);
      List<String> required = new ArrayList<>();
      schema.path("required").forEach(n -> required.add(n.asText()));
      assertThat(required).containsExactlyInAnyOrderElementsOf(properties);
      schema.path("properties").forEach(OpenAiCopyTest::assertStrict);
    }
    if (schema.has("items")) {
      assertStrict(schema.path("items"));
    }
  }
}
