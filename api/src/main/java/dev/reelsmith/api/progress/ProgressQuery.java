package dev.reelsmith.api.progress;

import dev.reelsmith.workflows.messages.ProgressPage;
import reactor.core.publisher.Mono;

/**
 * Asks a generation's workflow for its progress after a seq. The answer must not block the calling
 * thread; a missing generation fails with a 404 {@link org.springframework.web.ErrorResponse}.
 */
@FunctionalInterface
interface ProgressQuery {

  Mono<ProgressPage> progress(String generationId, long afterSeq);
}
