package dev.reelsmith.api.generations;

import dev.reelsmith.activities.storage.Manifest;
import dev.reelsmith.api.problems.Problems;
import dev.reelsmith.api.security.Accounts;
import java.security.Principal;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The one place that decides whether an account may see a generation: only its owner may, as its
 * manifest records it. To anyone else it does not exist, and every endpoint answers them exactly as
 * it answers an id that was never used ({@link Problems#notFound}).
 *
 * <p>Generations recorded before Reelsmith had accounts have no owner. They belong to the local
 * account, {@value Accounts#LOCAL_USER}: the one an installation without configured accounts signs
 * in with, which is how every earlier installation ran. Where accounts are configured, they are
 * visible only if one of them is called {@value Accounts#LOCAL_USER}.
 */
@Component
public class GenerationAccess {

  private final GenerationManifests manifests;

  public GenerationAccess(GenerationManifests manifests) {
    this.manifests = manifests;
  }

  /**
   * What the generation was started with, when {@code caller} may see it; otherwise a 404 problem,
   * the same as for an id that does not exist. Reads a file, off the event loop.
   */
  public Mono<Manifest.Created> require(String generationId, Principal caller) {
    return Mono.fromCallable(
            () ->
                manifests
                    .created(generationId)
                    .filter(created -> mayAccess(caller, created))
                    .orElseThrow(() -> Problems.notFound(generationId)))
        .subscribeOn(Schedulers.boundedElastic());
  }

  /** Like {@link #require}, for a caller already off the event loop. */
  public boolean mayAccess(Principal caller, String generationId) {
    return manifests
        .created(generationId)
        .filter(created -> mayAccess(caller, created))
        .isPresent();
  }

  public static boolean mayAccess(Principal caller, Manifest.Created created) {
    return caller != null && ownerOf(created).equals(caller.getName());
  }

  /** The generation's owner; {@value Accounts#LOCAL_USER} for one recorded without. */
  public static String ownerOf(Manifest.Created created) {
    return created.owner() == null ? Accounts.LOCAL_USER : created.owner();
  }
}
