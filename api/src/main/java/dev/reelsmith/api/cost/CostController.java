package dev.reelsmith.api.cost;

import dev.reelsmith.api.problems.Problems;
import dev.reelsmith.workflows.Briefs;
import dev.reelsmith.workflows.FieldError;
import dev.reelsmith.workflows.UploadLimits;
import dev.reelsmith.workflows.messages.Brief;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * What a generation would cost with the configured providers, asked before it is created; the same
 * brief is refused on create when its estimate is over the budget.
 */
@RestController
public class CostController {

  private final CostEstimator costs;

  public CostController(CostEstimator costs) {
    this.costs = costs;
  }

  @Operation(
      summary = "Estimate what a generation would cost at most",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      schema = @Schema(implementation = Brief.class))),
      responses = {
        @ApiResponse(responseCode = "200", description = "The estimate"),
        @ApiResponse(
            responseCode = "400",
            description = "The brief or the number of images is invalid",
            content = @Content),
        @ApiResponse(
            responseCode = "413",
            description = "The brief is too large",
            content = @Content)
      })
  @PostMapping(
      path = "/api/master-mode/estimate",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<Estimate> estimate(
      @RequestBody String json,
      @Parameter(
              description =
                  "How many reference images will be sent (more images, more tokens); the most"
                      + " allowed when not given")
          @RequestParam(required = false)
          Integer images) {
    int count = images == null ? UploadLimits.MAX_IMAGES : images;
    if (count < UploadLimits.MIN_IMAGES || count > UploadLimits.MAX_IMAGES) {
      return Mono.error(
          Problems.invalid(
              "Ask for "
                  + UploadLimits.MIN_IMAGES
                  + " to "
                  + UploadLimits.MAX_IMAGES
                  + " reference images (got "
                  + count
                  + ").",
              List.of(
                  new FieldError(
                      "images",
                      "must be from "
                          + UploadLimits.MIN_IMAGES
                          + " to "
                          + UploadLimits.MAX_IMAGES))));
    }
    if (json.getBytes(StandardCharsets.UTF_8).length > Briefs.MAX_JSON_BYTES) {
      return Mono.error(
          Problems.tooLarge(
              "A brief is at most " + Briefs.MAX_JSON_BYTES / 1024 + " KB of JSON.",
              List.of(new FieldError("brief", "is too large"))));
    }
    return Mono.fromCallable(() -> costs.estimate(Briefs.parse(json), count));
  }
}
