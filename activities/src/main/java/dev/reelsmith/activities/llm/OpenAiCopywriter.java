package dev.reelsmith.activities.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reelsmith.activities.copy.Arc;
import dev.reelsmith.activities.copy.Captions;
import dev.reelsmith.activities.copy.Copywriter;
import dev.reelsmith.activities.storage.MediaStore;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.RubricItem;
import dev.reelsmith.workflows.messages.Scene;
import dev.reelsmith.workflows.messages.Story;
import dev.reelsmith.workflows.messages.StoryBeat;
import jakarta.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes the story and the scenes with an OpenAI-compatible vision model: the brief, what the
 * upload step learned about each reference image, and the images themselves. Asks for the same arc
 * the local writer follows, so the rest of the pipeline treats both alike.
 *
 * <p>A story that scores under {@code minScore} is rewritten with the judge's notes (see {@link
 * Copywriter#rewriteStory}).
 */
public final class OpenAiCopywriter implements Copywriter {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WRITER =
      "You write short video ads: a voice-over story, then the scenes that carry it. Write in the"
          + " brief's tone, for its audience, and only claim what the brief and the pictures show.";

  /** The middle of the 55–95% of speakable words that the length rubric rewards in full. */
  private static final double WORD_SHARE = 0.75;

  private final ChatClient chat;
  private final MediaStore store;
  private final int minScore;
  @Nullable private final String generationId;
  private List<String> imageUrls;

  /**
   * @param minScore a story scoring below this (0–100) is rewritten
   */
  public OpenAiCopywriter(ChatClient chat, MediaStore store, int minScore) {
    this(chat, store, minScore, null);
  }

  private OpenAiCopywriter(
      ChatClient chat, MediaStore store, int minScore, @Nullable String generationId) {
    if (minScore < 0 || minScore > 100) {
      throw new IllegalArgumentException("the minimum story score is 0 to 100, not " + minScore);
    }
    this.chat = chat;
    this.store = store;
    this.minScore = minScore;
    this.generationId = generationId;
  }

  @Override
  public Copywriter forGeneration(String generationId) {
    return new OpenAiCopywriter(chat, store, minScore, generationId);
  }

  @Override
  public Story writeStory(Brief brief, List<ImageAnalysis> images) {
    return chat.ask(
        storyRequest(brief, images),
        StoryAnswer.SCHEMA,
        answer -> StoryAnswer.read(answer, brief),
        "the story");
  }

  @Override
  public Optional<Story> rewriteStory(Brief brief, List<ImageAnalysis> images, Story scored) {
    if (scored.score() == null || scored.score().total() >= minScore) {
      return Optional.empty();
    }
    List<ObjectNode> messages = storyRequest(brief, images);
    messages.add(ChatClient.text("assistant", storyJson(scored)));
    String notes =
        scored.score().rubric().stream()
            .map(
                (RubricItem item) ->
                    "- "
                        + item.criterion()
                        + ": "
                        + item.points()
                        + "/"
                        + item.maxPoints()
                        + ". "
                        + item.note())
            .collect(Collectors.joining("\n"));
    messages.add(
        ChatClient.text(
            "user",
            "A reviewer scored this story "
                + scored.score().total()
                + "/100:\n"
                + notes
                + "\nRewrite it to earn the missing points. Keep the same beats in the same"
                + " order."));
    return Optional.of(
        chat.ask(
            messages,
            StoryAnswer.SCHEMA,
            answer -> StoryAnswer.read(answer, brief),
            "the rewritten story"));
  }

  @Override
  public List<Scene> planScenes(Brief brief, Story story, List<ImageAnalysis> images) {
    List<String> roles = Arc.scenes(brief.sceneCount()).stream().map(Schemas::wire).toList();
    String ask =
        String.join(
            "\n\n",
            Prompts.brief(brief),
            Prompts.story(story),
            Prompts.images(images),
            "Split the story into exactly "
                + brief.sceneCount()
                + " scenes with these roles, in this order: "
                + String.join(", ", roles)
                + ". Each scene's narration is the story's words for that beat and can be said in"
                + " its duration at "
                + Arc.WORDS_PER_SECOND
                + " words per second; its caption is at most "
                + Captions.MAX_LENGTH
                + " characters; its visual describes the shot built on its reference image"
                + " (image_index) so a video model can animate it; durations add up to "
                + brief.durationSeconds()
                + " seconds. Change the picture between scenes when there is more than one"
                + " image, and show the product clearly in the reveal.");
    List<ObjectNode> messages = new ArrayList<>();
    messages.add(ChatClient.text("system", WRITER));
    messages.add(ChatClient.withImages(ask, imageUrls(images)));
    return chat.ask(
        messages,
        SceneAnswer.SCHEMA,
        answer -> SceneAnswer.read(answer, brief, images),
        "the scenes");
  }

  private List<ObjectNode> storyRequest(Brief brief, List<ImageAnalysis> images) {
    List<String> roles = StoryAnswer.roles(brief).stream().map(Schemas::wire).toList();
    String ask =
        String.join(
            "\n\n",
            Prompts.brief(brief),
            Prompts.images(images),
            "Write the ad's voice-over story as beats with these roles, in this order: "
                + String.join(", ", roles)
                + ". About "
                + Math.round(Arc.speakableWords(brief.durationSeconds()) * WORD_SHARE)
                + " words in all, which a voice-over says in "
                + brief.durationSeconds()
                + " seconds. Open with a short line that speaks to the viewer, name the product in"
                + " the reveal and say what it is, and end on the brief's call to action in its"
                + " own words.");
    List<ObjectNode> messages = new ArrayList<>();
    messages.add(ChatClient.text("system", WRITER));
    messages.add(ChatClient.withImages(ask, imageUrls(images)));
    return messages;
  }

  private List<String> imageUrls(List<ImageAnalysis> images) {
    if (generationId == null) {
      throw new IllegalStateException("bind the writer to a generation (forGeneration) first");
    }
    if (imageUrls == null) {
      imageUrls = ReferenceImages.dataUrls(store, generationId, images);
    }
    return imageUrls;
  }

  /** The story as the model wrote it, without its score, to continue the conversation. */
  private static String storyJson(Story story) {
    ObjectNode json = JSON.createObjectNode().put("title", story.title());
    ArrayNode beats = json.putArray("beats");
    for (StoryBeat beat : story.beats()) {
      beats.addObject().put("role", Schemas.wire(beat.role())).put("text", beat.text());
    }
    return json.toString();
  }
}
