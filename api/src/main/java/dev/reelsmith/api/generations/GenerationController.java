package dev.reelsmith.api.generations;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.reelsmith.workflows.messages.GenerationSnapshot;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Create, read, retry and cancel generations (PRODUCT.md §5). */
@RestController
@RequestMapping("/api/master-mode/generations")
public class GenerationController {

  private final GenerationService generations;
  private final Uploads uploads;

  public GenerationController(GenerationService generations, Uploads uploads) {
    this.generations = generations;
    this.uploads = uploads;
  }

  /** What a client needs to follow a generation it just started. */
  public record Created(
      @JsonProperty("generation_id") String generationId,
      @JsonProperty("progress_url") String progressUrl,
      @JsonProperty("status_url") String statusUrl) {

    static Created of(String generationId) {
      return new Created(
          generationId,
          "/api/master-mode/progress/" + generationId,
          "/api/master-mode/generations/" + generationId);
    }
  }

  /** Attempt number after a retry. */
  public record Retried(int attempt) {}

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  Mono<ResponseEntity<Created>> create(ServerWebExchange exchange) {
    return uploads
        .receive(exchange)
        .flatMap(
            upload -> generations.start(upload.generationId(), upload.brief(), upload.images()))
        .map(Created::of)
        .map(
            created ->
                ResponseEntity.status(HttpStatus.ACCEPTED)
                    .location(URI.create(created.statusUrl()))
                    .body(created));
  }

  @GetMapping("/{id}")
  Mono<GenerationSnapshot> state(@PathVariable String id) {
    return generations.progress(id, Long.MAX_VALUE).map(page -> page.snapshot());
  }

  @PostMapping("/{id}/retry")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Mono<Retried> retry(@PathVariable String id) {
    return generations.retry(id).map(Retried::new);
  }

  @PostMapping("/{id}/cancel")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Mono<Void> cancel(@PathVariable String id) {
    return generations.cancel(id);
  }
}
