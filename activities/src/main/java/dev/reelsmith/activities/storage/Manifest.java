package dev.reelsmith.activities.storage;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.FinalAd;
import dev.reelsmith.workflows.messages.GenerationInput;
import dev.reelsmith.workflows.messages.GenerationSettings;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.ImageRef;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.ScenePlan;
import dev.reelsmith.workflows.messages.SceneVideo;
import dev.reelsmith.workflows.messages.Story;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A generation's manifest: what it was started with and the result of every step it finished, one
 * JSON part per step in the generation's folder ({@link MediaLayout#MANIFEST_FOLDER}). Activities
 * write their part as they finish and return a part that is already there instead of doing the work
 * again, so a step is paid for once even when a workflow runs it twice. The API reads the parts to
 * list generations and to show, and start again, a generation whose workflow an embedded Temporal
 * server forgot when it stopped.
 *
 * <p>Parts are published atomically through {@link MediaStore#publish}: a part that exists is
 * complete. One that cannot be parsed (damaged, or written by an incompatible version) counts as
 * missing, so its step runs again and replaces it. Parts are JSON in the shape Temporal gives the
 * same records in workflow history (snake_case through their {@code @JsonProperty}).
 */
public final class Manifest {

  private static final System.Logger LOG = System.getLogger(Manifest.class.getName());

  /** What the generation was started with; the API writes it before the workflow starts. */
  public static final Part<Created> GENERATION =
      new Part<>(MediaLayout.MANIFEST_GENERATION, new TypeReference<Created>() {});

  public static final Part<List<ImageAnalysis>> IMAGES =
      new Part<>(MediaLayout.MANIFEST_IMAGES, new TypeReference<List<ImageAnalysis>>() {});
  public static final Part<Story> STORY =
      new Part<>(MediaLayout.MANIFEST_STORY, new TypeReference<Story>() {});
  public static final Part<ScenePlan> SCENES =
      new Part<>(MediaLayout.MANIFEST_SCENES, new TypeReference<ScenePlan>() {});
  public static final Part<List<SceneParams>> PARAMS =
      new Part<>(MediaLayout.MANIFEST_PARAMS, new TypeReference<List<SceneParams>>() {});
  public static final Part<FinalAd> FINAL =
      new Part<>(MediaLayout.MANIFEST_FINAL, new TypeReference<FinalAd>() {});

  private static final TypeReference<SceneVideo> SCENE = new TypeReference<SceneVideo>() {};

  private final MediaStore store;
  private final ObjectMapper json;

  public Manifest(MediaStore store) {
    this.store = store;
    this.json =
        JacksonJsonPayloadConverter.newDefaultObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /** One part of a manifest: where it is kept and the type it holds. */
  public record Part<T>(String path, TypeReference<T> type) {}

  /** The part of one rendered scene. */
  public static Part<SceneVideo> scene(int index) {
    return new Part<>(MediaLayout.manifestScene(index), SCENE);
  }

  /**
   * What a generation was started with ({@code generation.json}): everything needed to start its
   * workflow again, when it was created, and who owns it.
   *
   * @param owner the account that created it; null in manifests written before Reelsmith had
   *     accounts (the API decides who may see those)
   */
  public record Created(
      @JsonProperty("generation_id") String generationId,
      Brief brief,
      List<ImageRef> images,
      GenerationSettings settings,
      @JsonProperty("created_at") Instant createdAt,
      @Nullable String owner,
      @Nullable String music) {

    public Created {
      images = List.copyOf(images);
    }

    public static Created of(GenerationInput input, Instant createdAt) {
      return new Created(
          input.generationId(),
          input.brief(),
          input.images(),
          input.settings(),
          createdAt,
          input.owner(),
          input.music());
    }

    /** The workflow input this generation was, and is again, started with. */
    public GenerationInput input() {
      return new GenerationInput(generationId, brief, images, settings, owner, music);
    }
  }

  /** Records that a generation was created; done once, before its workflow starts. */
  public Created create(GenerationInput input, Instant createdAt) {
    return write(input.generationId(), GENERATION, Created.of(input, createdAt));
  }

  /** Whether the part has been written (it may still fail to parse). */
  public boolean has(String generationId, Part<?> part) {
    return store.exists(generationId, part.path());
  }

  /** The part, when it has been written and can be read. */
  public <T> Optional<T> read(String generationId, Part<T> part) {
    try {
      byte[] bytes = Files.readAllBytes(store.path(generationId, part.path()));
      return Optional.ofNullable(json.readValue(bytes, part.type()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (JacksonException e) {
      LOG.log(
          Level.WARNING,
          "generation {0}: ignoring unreadable manifest part {1}: {2}",
          generationId,
          part.path(),
          e.getOriginalMessage());
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + part.path() + " of " + generationId, e);
    }
  }

  /** Writes a part atomically, replacing an older one; returns the value. */
  public <T> T write(String generationId, Part<T> part, T value) {
    try {
      byte[] bytes = json.writerFor(part.type()).writeValueAsBytes(value);
      store.publish(generationId, part.path(), file -> Files.write(file, bytes));
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + part.path() + " of " + generationId, e);
    }
  }

  /** The part if it has been written; otherwise does the work, writes its result and returns it. */
  public <T> T remember(String generationId, Part<T> part, Supplier<T> work) {
    return remember(generationId, part, value -> true, work);
  }

  /**
   * Like {@link #remember(String, Part, Supplier)}, but a written part counts only when {@code
   * usable} accepts it, e.g. when the files it names are still there.
   */
  public <T> T remember(
      String generationId, Part<T> part, Predicate<? super T> usable, Supplier<T> work) {
    Optional<T> known = read(generationId, part).filter(usable);
    if (known.isPresent()) {
      return known.get();
    }
    return write(generationId, part, work.get());
  }
}
