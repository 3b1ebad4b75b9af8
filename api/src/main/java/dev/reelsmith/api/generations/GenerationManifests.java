package dev.reelsmith.api.generations;

import dev.reelsmith.activities.storage.Manifest;
import dev.reelsmith.activities.storage.MediaStore;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.RecordedGeneration;
import dev.reelsmith.workflows.messages.GenerationInput;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.SceneVideo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The API's view of the generations' manifests ({@link Manifest}): what each generation was started
 * with, and what its steps recorded. Every method reads or writes files: call them off the event
 * loop.
 */
@Component
public class GenerationManifests {

  private static final Comparator<Manifest.Created> NEWEST_FIRST =
      Comparator.comparing(Manifest.Created::createdAt)
          .reversed()
          .thenComparing(Manifest.Created::generationId);

  private final MediaStore store;
  private final Manifest manifest;

  public GenerationManifests(MediaStore store) {
    this.store = store;
    this.manifest = new Manifest(store);
  }

  /** Records a new generation, before its workflow starts. */
  public Manifest.Created create(GenerationInput input) {
    return manifest.create(input, Instant.now());
  }

  /** What the generation was started with; empty for an unknown id. */
  public Optional<Manifest.Created> created(String generationId) {
    if (!Generations.isValidId(generationId)) {
      return Optional.empty();
    }
    return manifest.read(generationId, Manifest.GENERATION);
  }

  /** The generation as its steps recorded it; empty for an unknown id. */
  public Optional<RecordedGeneration> recorded(String generationId) {
    return created(generationId).map(this::recorded);
  }

  private RecordedGeneration recorded(Manifest.Created created) {
    String id = created.generationId();
    List<SceneParams> params = manifest.read(id, Manifest.PARAMS).orElse(null);
    List<SceneVideo> scenes = new ArrayList<>();
    if (params != null) {
      for (SceneParams scene : params) {
        manifest.read(id, Manifest.scene(scene.index())).ifPresent(scenes::add);
      }
    }
    return new RecordedGeneration(
        id,
        created.brief(),
        manifest.read(id, Manifest.IMAGES).orElse(null),
        manifest.read(id, Manifest.STORY).orElse(null),
        manifest.read(id, Manifest.SCENES).orElse(null),
        params,
        scenes,
        manifest.read(id, Manifest.FINAL).orElse(null));
  }

  /**
   * Every recorded generation, newest first. Reads one small file per generation: fine for the
   * thousands of one installation's data folder, not for a shared store (see {@link
   * GenerationHistory}).
   */
  public List<Manifest.Created> newestFirst() {
    try {
      return store.generationIds().stream()
          .map(this::created)
          .flatMap(Optional::stream)
          .sorted(NEWEST_FIRST)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the generations", e);
    }
  }
}
