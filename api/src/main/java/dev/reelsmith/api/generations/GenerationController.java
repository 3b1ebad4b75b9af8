package dev.reelsmith.api.generations;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.reelsmith.api.cost.CostEstimator;
import dev.reelsmith.api.cost.Estimate;
import dev.reelsmith.api.problems.Problems;
import dev.reelsmith.api.storage.DiskSpaceGuard;
import dev.reelsmith.api.temporal.TemporalWeb;
import dev.reelsmith.workflows.FieldError;
import dev.reelsmith.workflows.UploadLimits;
import dev.reelsmith.workflows.messages.Brief;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Create, read, list, retry and cancel generations (PRODUCT.md §5). Each belongs to the account
 * that created it; {@link GenerationAccess} hides it from everyone else.
 */
@RestController
@RequestMapping("/api/master-mode/generations")
public class GenerationController {

  /** A page of the history holds at most this many generations. */
  static final int MAX_PAGE_SIZE = 100;

  private final GenerationService generations;
  private final GenerationHistory history;
  private final GenerationAccess access;
  private final Uploads uploads;
  private final DiskSpaceGuard diskSpace;
  private final TemporalWeb temporalWeb;
  private final CostEstimator costs;

  public GenerationController(
      GenerationService generations,
      GenerationHistory history,
      GenerationAccess access,
      Uploads uploads,
      DiskSpaceGuard diskSpace,
      TemporalWeb temporalWeb,
      CostEstimator costs) {
    this.generations = generations;
    this.history = history;
    this.access = access;
    this.uploads = uploads;
    this.diskSpace = diskSpace;
    this.temporalWeb = temporalWeb;
    this.costs = costs;
  }

  /** What a client needs to follow a generation it just started, and what it may cost. */
  public record Created(
      @JsonProperty("generation_id") String generationId,
      @JsonProperty("progress_url") String progressUrl,
      @JsonProperty("status_url") String statusUrl,
      Estimate estimate) {

    static Created of(String generationId, Estimate estimate) {
      return new Created(
          generationId,
          "/api/master-mode/progress/" + generationId,
          "/api/master-mode/generations/" + generationId,
          estimate);
    }
  }

  /** Attempt number after a retry. */
  public record Retried(int attempt) {}

  @Operation(
      summary = "Start a generation",
      requestBody =
          @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                      schemaProperties = {
                        @SchemaProperty(
                            name = "brief",
                            schema = @Schema(implementation = Brief.class)),
                        @SchemaProperty(
                            name = "images",
                            array =
                                @ArraySchema(
                                    minItems = 1,
                                    maxItems = UploadLimits.MAX_IMAGES,
                                    schema = @Schema(type = "string", format = "binary")))
                      })),
      responses = {
        @ApiResponse(
            responseCode = "202",
            description = "Started",
            content = @Content(schema = @Schema(implementation = Created.class))),
        @ApiResponse(
            responseCode = "400",
            description = "The brief or the images are invalid",
            content = @Content),
        @ApiResponse(
            responseCode = "413",
            description = "An image is too large",
            content = @Content),
        @ApiResponse(
            responseCode = "415",
            description = "A file is not a usable image",
            content = @Content),
        @ApiResponse(
            responseCode = "422",
            description =
                "The estimate is over the budget per generation (its \"estimate\" property);"
                    + " nothing was stored",
            content = @Content),
        @ApiResponse(
            responseCode = "507",
            description = "The server is low on disk space; nothing was stored",
            content = @Content)
      })
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  Mono<ResponseEntity<Created>> create(ServerWebExchange exchange, Principal caller) {
    return diskSpace
        .roomForANewGeneration()
        .then(Mono.defer(() -> uploads.receive(exchange)))
        .flatMap(
            upload ->
                generations
                    .start(
                        caller.getName(),
                        upload.generationId(),
                        upload.brief(),
                        upload.images(),
                        upload.music())
                    .map(
                        id ->
                            Created.of(id, costs.estimate(upload.brief(), upload.images().size()))))
        .map(
            created ->
                ResponseEntity.status(HttpStatus.ACCEPTED)
                    .location(URI.create(created.statusUrl()))
                    .body(created));
  }

  @ApiResponses({
    @ApiResponse(responseCode = "400", description = "The page is out of range", content = @Content)
  })
  @GetMapping
  @ResponseStatus(HttpStatus.OK)
  Mono<GenerationHistory.Page> list(
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size,
      Principal caller) {
    List<FieldError> errors = new ArrayList<>();
    if (page < 0) {
      errors.add(new FieldError("page", "must be 0 or more (got " + page + ")"));
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      errors.add(
          new FieldError("size", "must be from 1 to " + MAX_PAGE_SIZE + " (got " + size + ")"));
    }
    if (!errors.isEmpty()) {
      return Mono.error(Problems.invalid("The page is out of range.", errors));
    }
    return history.page(caller, page, size);
  }

  @ApiResponses({
    @ApiResponse(responseCode = "404", description = "No such generation", content = @Content)
  })
  @GetMapping("/{id}")
  @ResponseStatus(HttpStatus.OK)
  Mono<GenerationState> state(@PathVariable String id, Principal caller) {
    return access
        .require(id, caller)
        .then(generations.state(id))
        .map(snapshot -> new GenerationState(snapshot, temporalWeb.workflowUrl(id)));
  }

  @ApiResponses({
    @ApiResponse(responseCode = "404", description = "No such generation", content = @Content),
    @ApiResponse(
        responseCode = "409",
        description = "The generation is not waiting for a retry",
        content = @Content)
  })
  @PostMapping("/{id}/retry")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Mono<Retried> retry(@PathVariable String id, Principal caller) {
    return access.require(id, caller).then(generations.retry(id)).map(Retried::new);
  }

  @ApiResponses({
    @ApiResponse(responseCode = "404", description = "No such generation", content = @Content),
    @ApiResponse(
        responseCode = "409",
        description = "The generation is not running",
        content = @Content)
  })
  @PostMapping("/{id}/cancel")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Mono<Void> cancel(@PathVariable String id, Principal caller) {
    return access.require(id, caller).then(generations.cancel(id));
  }
}
