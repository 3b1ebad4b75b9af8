package dev.reelsmith.api.sharing;

import dev.reelsmith.api.ReelsmithProperties;
import dev.reelsmith.api.problems.Problems;
import dev.reelsmith.api.security.AccessProperties;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Share tokens: a generation id and an expiry, signed with HMAC-SHA256 under the {@link ShareKey}.
 * A token opens one generation's final video and its poster to anyone who has it, until it expires;
 * nothing is stored per link.
 *
 * <p>A token is {@code base64url(payload).base64url(mac)}: the payload is a version byte, the
 * generation id's 16 bytes and the expiry in epoch seconds (8 bytes); the MAC covers a purpose
 * label and the payload, so a token is never mistaken for another signed value.
 *
 * <p>A token that is malformed, forged or altered opens nothing and says nothing: it is answered
 * like an unknown id (404). One this server signed that has expired is answered with 410 Gone,
 * which tells its holder to ask for a new link and reveals only what the token itself says.
 */
@Component
public class ShareTokens {

  /** A share link lasts a week unless asked otherwise, and at most a month. */
  public static final int DEFAULT_DAYS = 7;

  public static final int MAX_DAYS = 30;

  private static final byte VERSION = 1;
  private static final int PAYLOAD_BYTES = 1 + 16 + 8;
  private static final byte[] PURPOSE =
      "reelsmith share link\n".getBytes(StandardCharsets.US_ASCII);
  private static final String ALGORITHM = "HmacSHA256";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final Supplier<byte[]> keySource;
  private final Clock clock;
  private volatile SecretKeySpec key;

  /**
   * A configured key is checked now, so a bad one stops the start; a kept key is read, or made,
   * when the first link is made or opened, so a data folder nobody shares from holds no key.
   */
  @Autowired
  public ShareTokens(AccessProperties access, ReelsmithProperties properties) {
    this(
        access.shareKey() == null || access.shareKey().isBlank()
            ? () -> ShareKey.load(null, properties.dataDir())
            : constant(ShareKey.load(access.shareKey(), properties.dataDir())),
        Clock.systemUTC());
  }

  ShareTokens(byte[] key, Clock clock) {
    this(constant(key), clock);
  }

  private ShareTokens(Supplier<byte[]> keySource, Clock clock) {
    this.keySource = keySource;
    this.clock = clock;
  }

  private static Supplier<byte[]> constant(byte[] key) {
    return () -> key;
  }

  /** What a valid token grants: the final video and poster of one generation, until then. */
  public record Grant(String generationId, Instant expiresAt) {}

  public Instant now() {
    return clock.instant();
  }

  /** A token for {@code generationId}'s final video and poster, valid until {@code expiresAt}. */
  public String issue(String generationId, Instant expiresAt) {
    UUID id = UUID.fromString(generationId);
    byte[] payload =
        ByteBuffer.allocate(PAYLOAD_BYTES)
            .put(VERSION)
            .putLong(id.getMostSignificantBits())
            .putLong(id.getLeastSignificantBits())
            .putLong(expiresAt.getEpochSecond())
            .array();
    return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
  }

  /**
   * The grant of a token this server signed, expired or not; empty for anything else. Callers who
   * serve something use {@link #open} instead.
   */
  public Optional<Grant> verify(String token) {
    if (token == null || token.length() > 200) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    byte[] payload;
    byte[] signature;
    try {
      payload = DECODER.decode(token.substring(0, dot));
      signature = DECODER.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    if (payload.length != PAYLOAD_BYTES
        || payload[0] != VERSION
        || !MessageDigest.isEqual(signature, mac(payload))) {
      return Optional.empty();
    }
    ByteBuffer fields = ByteBuffer.wrap(payload, 1, PAYLOAD_BYTES - 1);
    String generationId = new UUID(fields.getLong(), fields.getLong()).toString();
    return Optional.of(new Grant(generationId, Instant.ofEpochSecond(fields.getLong())));
  }

  /**
   * The grant of a valid token.
   *
   * @param notFound what to answer for a token that is not one of ours
   * @throws ErrorResponseException {@code notFound}, or 410 Gone for one that has expired
   */
  public Grant open(String token, ErrorResponseException notFound) {
    Grant grant = verify(token).orElseThrow(() -> notFound);
    if (!clock.instant().isBefore(grant.expiresAt())) {
      throw Problems.of(
          HttpStatus.GONE,
          "Share link expired",
          "This share link expired at "
              + grant.expiresAt()
              + ". Ask whoever sent it for a new one.");
    }
    return grant;
  }

  /** Reads a file the first time: called off the event loop, as every caller is. */
  private SecretKeySpec key() {
    SecretKeySpec known = key;
    if (known == null) {
      synchronized (this) {
        if (key == null) {
          key = new SecretKeySpec(keySource.get(), ALGORITHM);
        }
        known = key;
      }
    }
    return known;
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key());
      mac.update(PURPOSE);
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
    }
  }
}
