package dev.reelsmith.api.cost;

import java.math.BigDecimal;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the remote providers charge, in US dollars ({@code reelsmith.prices} in application.yml,
 * where the defaults are the providers' published list prices). Each provider's table names the
 * model priced when none is configured. The local providers cost nothing and have no table.
 *
 * @param llm the OpenAI-compatible chat API, per million input and output tokens
 * @param speech the OpenAI-compatible speech API, per million characters of narration
 * @param fal fal.ai's image-to-video models, per second of video
 * @param runway Runway's image-to-video models, per second of video
 */
@ConfigurationProperties("reelsmith.prices")
public record PriceTable(Llm llm, Speech speech, Video fal, Video runway) {

  public PriceTable {
    llm.check("llm");
    speech.check("speech");
    fal.check("fal");
    runway.check("runway");
  }

  /** A provider's prices by model, one of which it uses when none is configured. */
  interface Table<P> {
    String defaultModel();

    Map<String, P> models();

    /** A default that is not in the table is a configuration error, found at start-up. */
    default void check(String name) {
      if (!models().containsKey(defaultModel())) {
        throw new IllegalArgumentException(
            "reelsmith.prices."
                + name
                + ".default-model is "
                + defaultModel()
                + ", which has no price in reelsmith.prices."
                + name
                + ".models");
      }
    }
  }

  public record Llm(String defaultModel, Map<String, TokenPrice> models)
      implements Table<TokenPrice> {}

  /** Prices per million characters. */
  public record Speech(String defaultModel, Map<String, BigDecimal> models)
      implements Table<BigDecimal> {}

  public record Video(String defaultModel, Map<String, VideoPrice> models)
      implements Table<VideoPrice> {}

  public record TokenPrice(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {}

  /**
   * @param perSecond dollars per second of video
   * @param billedSecondsStep clips are billed in whole multiples of this many seconds (a model that
   *     makes only 5 s and 10 s clips bills a 7 s scene as 10 s)
   */
  public record VideoPrice(BigDecimal perSecond, @DefaultValue("1") int billedSecondsStep) {}
}
