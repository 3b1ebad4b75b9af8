package dev.reelsmith.api.sharing;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.reelsmith.api.generations.GenerationAccess;
import dev.reelsmith.api.generations.GenerationManifests;
import dev.reelsmith.api.generations.GenerationService;
import dev.reelsmith.api.problems.Problems;
import dev.reelsmith.workflows.FieldError;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.RecordedGeneration;
import dev.reelsmith.workflows.messages.Status;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.annotation.Nullable;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Share links (PRODUCT.md §1.5): the owner of a finished ad asks for a signed, expiring link;
 * anyone with it can watch and download that ad's final video and poster at the web UI's {@code
 * /share/<token>} page, and nothing else of the generation. See {@link ShareTokens}.
 */
@RestController
public class ShareController {

  private final ShareTokens tokens;
  private final GenerationAccess access;
  private final GenerationService generations;
  private final GenerationManifests manifests;

  public ShareController(
      ShareTokens tokens,
      GenerationAccess access,
      GenerationService generations,
      GenerationManifests manifests) {
    this.tokens = tokens;
    this.access = access;
    this.generations = generations;
    this.manifests = manifests;
  }

  /** The links to send: the page to watch the ad on, and the video itself. */
  public record ShareLink(
      @JsonProperty("share_url") String shareUrl,
      @JsonProperty("video_url") String videoUrl,
      @JsonProperty("poster_url") String posterUrl,
      @JsonProperty("expires_at") Instant expiresAt) {}

  /** What the share page shows; the links carry the token. */
  public record SharedAd(
      @JsonProperty("product_name") String productName,
      @JsonProperty("video_url") String videoUrl,
      @JsonProperty("poster_url") String posterUrl,
      @JsonProperty("duration_seconds") @Nullable Double durationSeconds,
      @JsonProperty("expires_at") Instant expiresAt) {}

  @Operation(summary = "A signed link to a finished ad, for people without an account")
  @ApiResponses({
    @ApiResponse(responseCode = "400", description = "days is out of range", content = @Content),
    @ApiResponse(responseCode = "404", description = "No such generation", content = @Content),
    @ApiResponse(
        responseCode = "409",
        description = "The generation has not completed",
        content = @Content)
  })
  @PostMapping("/api/master-mode/generations/{id}/share")
  @ResponseStatus(HttpStatus.OK)
  Mono<ShareLink> share(
      @PathVariable String id,
      @RequestParam(defaultValue = "" + ShareTokens.DEFAULT_DAYS) int days,
      Principal caller,
      ServerHttpRequest request) {
    if (days < 1 || days > ShareTokens.MAX_DAYS) {
      return Mono.error(
          Problems.invalid(
              "A share link lasts 1 to " + ShareTokens.MAX_DAYS + " days.",
              List.of(
                  new FieldError(
                      "days",
                      "must be from 1 to " + ShareTokens.MAX_DAYS + " (got " + days + ")"))));
    }
    return access
        .require(id, caller)
        .then(generations.state(id))
        .map(
            snapshot -> {
              if (snapshot.status() != Status.COMPLETED) {
                throw Problems.of(
                    HttpStatus.CONFLICT,
                    "Generation cannot be shared",
                    "Only a finished ad can be shared; this one is "
                        + snapshot.status().wireName()
                        + ".");
              }
              // Whole seconds, as the token keeps it.
              Instant expiresAt =
                  tokens.now().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS);
              String token = tokens.issue(id, expiresAt);
              return new ShareLink(
                  absolute(request, "/share/" + token, null),
                  absolute(request, MediaLayout.url(id, MediaLayout.FINAL_VIDEO), token),
                  absolute(request, MediaLayout.url(id, MediaLayout.FINAL_POSTER), token),
                  expiresAt);
            });
  }

  @Operation(summary = "The ad a share link opens; needs no account")
  @SecurityRequirements
  @ApiResponses({
    @ApiResponse(responseCode = "404", description = "Not a valid share link", content = @Content),
    @ApiResponse(
        responseCode = "410",
        description = "The share link has expired",
        content = @Content)
  })
  @GetMapping("/api/share/{token}")
  @ResponseStatus(HttpStatus.OK)
  Mono<SharedAd> shared(@PathVariable String token) {
    return Mono.fromCallable(
            () -> {
              ShareTokens.Grant grant = tokens.open(token, notShared());
              String id = grant.generationId();
              RecordedGeneration recorded =
                  manifests
                      .recorded(id)
                      .filter(RecordedGeneration::completed)
                      .orElseThrow(ShareController::notShared);
              return new SharedAd(
                  recorded.brief().productName(),
                  MediaLayout.url(id, MediaLayout.FINAL_VIDEO) + "?share=" + token,
                  MediaLayout.url(id, MediaLayout.FINAL_POSTER) + "?share=" + token,
                  recorded.ad().durationSeconds(),
                  grant.expiresAt());
            })
        .subscribeOn(Schedulers.boundedElastic());
  }

  private static ErrorResponseException notShared() {
    return Problems.of(
        HttpStatus.NOT_FOUND,
        "Shared ad not found",
        "This share link is not valid. Check that it was copied whole.");
  }

  /** A link on the host the request came to, so it can be sent to someone elsewhere. */
  private static String absolute(ServerHttpRequest request, String path, String share) {
    UriComponentsBuilder link =
        UriComponentsBuilder.fromUri(request.getURI()).replacePath(path).replaceQuery(null);
    if (share != null) {
      link.queryParam("share", share);
    }
    return link.build().toUriString();
  }
}
