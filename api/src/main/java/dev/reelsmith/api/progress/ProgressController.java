package dev.reelsmith.api.progress;

import dev.reelsmith.api.generations.GenerationAccess;
import dev.reelsmith.api.problems.Problems;
import dev.reelsmith.workflows.messages.ProgressUpdate;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.security.Principal;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The live progress of a generation as Server-Sent Events (PRODUCT.md §4): each update one event
 * with {@code id: <seq>} and no event name, replayed from the client's {@code Last-Event-ID}, the
 * stream closed after the terminal update.
 */
@RestController
public class ProgressController {

  private final ProgressHub hub;
  private final GenerationAccess access;

  public ProgressController(ProgressHub hub, GenerationAccess access) {
    this.hub = hub;
    this.access = access;
  }

  /**
   * 200 with the stream; 204 when the client has already seen the terminal update, so EventSource
   * stops reconnecting; 404 problem for a generation that does not exist or is not the caller's.
   */
  @Operation(
      summary = "Live progress as Server-Sent Events",
      description =
          "Each event is a ProgressUpdate with `id: <seq>`, or a ProgressNotice without an id."
              + " Replays from Last-Event-ID, then streams; closes after the terminal update.",
      responses = {
        @ApiResponse(
            responseCode = "200",
            description = "The stream",
            content =
                @Content(
                    mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                    schema = @Schema(oneOf = {ProgressUpdate.class, ProgressNotice.class}))),
        @ApiResponse(
            responseCode = "204",
            description = "The client has seen the terminal update",
            content = @Content),
        @ApiResponse(responseCode = "404", description = "No such generation", content = @Content)
      })
  @GetMapping("/api/master-mode/progress/{id}")
  Mono<ResponseEntity<Flux<ServerSentEvent<Object>>>> progress(
      @PathVariable String id,
      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
      Principal caller) {
    return access
        .require(id, caller)
        .then(Mono.defer(() -> hub.open(id, lastSeen(lastEventId))))
        .map(
            stream ->
                ResponseEntity.ok()
                    .contentType(MediaType.TEXT_EVENT_STREAM)
                    .cacheControl(CacheControl.noCache())
                    // Tells nginx and its kin to pass each event on at once.
                    .header("X-Accel-Buffering", "no")
                    .body(stream))
        .defaultIfEmpty(ResponseEntity.noContent().build());
  }

  /**
   * Problems as problem+json even to a client that accepts only {@code text/event-stream}, which
   * would otherwise get the problem as an SSE event with a 404 status.
   */
  @ExceptionHandler
  ResponseEntity<ProblemDetail> problem(ErrorResponseException e) {
    return ResponseEntity.status(e.getStatusCode())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(e.getBody());
  }

  /** The seq in a Last-Event-ID header: one of ours, so a number; none means "seen nothing". */
  private static long lastSeen(String lastEventId) {
    if (lastEventId == null || lastEventId.isBlank()) {
      return 0;
    }
    try {
      long seq = Long.parseLong(lastEventId.strip());
      if (seq >= 0) {
        return seq;
      }
    } catch (NumberFormatException e) {
      // Falls through to the problem below, which names the header.
    }
    throw Problems.of(
        HttpStatus.BAD_REQUEST,
        "Invalid Last-Event-ID",
        "Last-Event-ID must be the number of a progress update, not \"" + lastEventId + "\".");
  }
}
