package dev.reelsmith.api.generations;

import dev.reelsmith.activities.storage.Manifest;
import dev.reelsmith.workflows.RecordedGeneration;
import dev.reelsmith.workflows.messages.GenerationSnapshot;
import dev.reelsmith.workflows.messages.Status;
import java.lang.System.Logger.Level;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The history from the manifests in the data folder: which generations the caller owns, their order
 * and the page from {@code generation.json}, each generation's state from {@link
 * GenerationService#state}, that is from its workflow's query while it lives and from its manifest
 * once it is gone. The default with the in-process Temporal server, and with {@code
 * REELSMITH_HISTORY=manifests}.
 */
@Component
@ConditionalOnProperty(name = "reelsmith.history", havingValue = "manifests", matchIfMissing = true)
public class ManifestHistory implements GenerationHistory {

  private static final System.Logger LOG = System.getLogger(ManifestHistory.class.getName());

  /** Queries of one page run side by side, without taking every elastic thread. */
  private static final int CONCURRENT_QUERIES = 8;

  /**
   * A query answers in milliseconds while a worker is up, and never while all are down (a query
   * needs one); a row then shows what the manifest knows instead of stalling the page.
   */
  private static final Duration QUERY_PATIENCE = Duration.ofSeconds(2);

  private final GenerationManifests manifests;
  private final GenerationService generations;

  public ManifestHistory(GenerationManifests manifests, GenerationService generations) {
    this.manifests = manifests;
    this.generations = generations;
  }

  @Override
  public Mono<Page> page(Principal caller, int page, int size) {
    return Mono.fromCallable(
            () ->
                manifests.newestFirst().stream()
                    .filter(created -> GenerationAccess.mayAccess(caller, created))
                    .toList())
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(
            all -> {
              List<Manifest.Created> rows =
                  all.stream().skip((long) page * size).limit(size).toList();
              return Flux.fromIterable(rows)
                  .flatMapSequential(this::item, CONCURRENT_QUERIES)
                  .collectList()
                  .map(items -> new Page(items, page, size, all.size()));
            });
  }

  private Mono<Item> item(Manifest.Created created) {
    return generations
        .state(created.generationId())
        .map(snapshot -> item(created, snapshot, snapshot.status()))
        .timeout(
            QUERY_PATIENCE,
            Mono.fromCallable(() -> unanswered(created)).subscribeOn(Schedulers.boundedElastic()));
  }

  /** A generation whose workflow did not answer in time: running, as far as anyone can tell. */
  private Item unanswered(Manifest.Created created) {
    LOG.log(
        Level.WARNING,
        "generation {0}: its workflow did not answer within {1}; listing it from its manifest",
        created.generationId(),
        QUERY_PATIENCE);
    GenerationSnapshot recorded =
        manifests.recorded(created.generationId()).map(RecordedGeneration::snapshot).orElseThrow();
    Status status = recorded.status() == Status.COMPLETED ? Status.COMPLETED : Status.IN_PROGRESS;
    return item(created, recorded, status);
  }

  private static Item item(Manifest.Created created, GenerationSnapshot snapshot, Status status) {
    return new Item(
        created.generationId(),
        created.brief().productName(),
        status,
        created.createdAt(),
        snapshot.durationSeconds(),
        snapshot.posterPath(),
        snapshot.finalVideoPath());
  }
}
