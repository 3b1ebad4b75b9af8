package dev.reelsmith.api.security;

import jakarta.annotation.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may sign in and how share links are signed ({@code REELSMITH_USERS}, {@code
 * REELSMITH_SHARE_KEY}; README.md, "Accounts and sharing").
 *
 * @param users {@code name:password} pairs separated by commas; a password is plain text or a
 *     {@code {bcrypt}} hash. Empty: one local account with a password made up at start-up.
 * @param shareKey the secret that signs share links, at least 32 characters; unset: a key made once
 *     and kept in the data folder
 */
@ConfigurationProperties("reelsmith")
public record AccessProperties(@DefaultValue("") String users, @Nullable String shareKey) {

  /** Never shows the secrets: a record would print them wherever the properties are logged. */
  @Override
  public String toString() {
    return "AccessProperties[users="
        + (users.isBlank() ? "(none)" : "(set)")
        + ", shareKey="
        + (shareKey == null || shareKey.isBlank() ? "(none)" : "(set)")
        + "]";
  }
}
