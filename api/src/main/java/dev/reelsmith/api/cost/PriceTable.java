package dev.reelsmith.api.cost;

import java.math.BigDecimal;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the remote providers charge, in US dollars ({@code reelsmith.prices} in application.yml,
 * where the defaults are the providers' published list prices). A model missing from its table is
 * priced as unknown ({@link CostEstimator}). The local providers cost nothing and have no table.
 *
 * @param llm the OpenAI-compatible chat API, per million input and output tokens
 * @param speech the OpenAI-compatible speech API, per million characters of narration
 * @param fal fal.ai's image-to-video models, per second of video
 * @param runway Runway's image-to-video models, per second of video
 */
@ConfigurationProperties("reelsmith.prices")
public record PriceTable(Llm llm, Speech speech, Video fal, Video runway) {

  public record Llm(Map<String, TokenPrice> models) {}

  /** Prices per million characters. */
  public record Speech(Map<String, BigDecimal> models) {}

  public record Video(Map<String, VideoPrice> models) {}

  public record TokenPrice(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {}

  /**
   * @param perSecond dollars per second of video
   * @param billedSecondsStep clips are billed in whole multiples of this many seconds (a model that
   *     makes only 5 s and 10 s clips bills a 7 s scene as 10 s)
   */
  public record VideoPrice(BigDecimal perSecond, @DefaultValue("1") int billedSecondsStep) {}
}
