package dev.reelsmith.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class AccountsTest {

  private static final PasswordEncoder PASSWORDS =
      PasswordEncoderFactories.createDelegatingPasswordEncoder();

  private static UserDetails user(Accounts accounts, String name) {
    return accounts.findByUsername(name).block();
  }

  @Test
  void readsPlainAndBcryptPasswords() {
    String hash = new BCryptPasswordEncoder().encode("bob's secret");

    Accounts accounts = Accounts.of(" alice:secret:with:colons , bob:{bcrypt}" + hash + ",");

    assertThat(accounts.names()).containsExactly("alice", "bob");
    assertThat(PASSWORDS.matches("secret:with:colons", user(accounts, "alice").getPassword()))
        .isTrue();
    assertThat(PASSWORDS.matches("bob's secret", user(accounts, "bob").getPassword())).isTrue();
    assertThat(PASSWORDS.matches("secret", user(accounts, "bob").getPassword())).isFalse();
    assertThat(user(accounts, "carol")).isNull();
  }

  @Test
  void readsTheBcryptHashesOfHtpasswd() {
    String hash =
        new BCryptPasswordEncoder(BCryptPasswordEncoder.BCryptVersion.$2Y, 5).encode("pw");

    Accounts accounts = Accounts.of("carol:{bcrypt}" + hash);

    assertThat(hash).startsWith("$2y$05$");
    assertThat(PASSWORDS.matches("pw", user(accounts, "carol").getPassword())).isTrue();
  }

  @Test
  void anExplicitNoopPasswordIsKeptAsItIs() {
    Accounts accounts = Accounts.of("alice:{noop}secret");

    assertThat(PASSWORDS.matches("secret", user(accounts, "alice").getPassword())).isTrue();
  }

  @Test
  void aNameWithoutAnAccountIsCheckedAgainstAHashAsCostlyAsTheCostliestPassword() {
    String cheap = new BCryptPasswordEncoder(4).encode("bob's secret");
    String dear = new BCryptPasswordEncoder(6).encode("carol's secret");

    Accounts accounts = Accounts.of("alice:plain,bob:{bcrypt}" + cheap + ",carol:{bcrypt}" + dear);

    assertThat(accounts.noAccountHash()).startsWith("$2a$06$");
    assertThat(PASSWORDS.matches("carol's secret", "{bcrypt}" + accounts.noAccountHash()))
        .isFalse();
    assertThat(Accounts.of("alice:plain").noAccountHash())
        .as("plain passwords cost nothing to check, so neither does an unknown name")
        .isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "alice",
        "alice:",
        ":secret",
        "al ice:secret",
        "alice:secret,alice:other",
        "bob:{bcrypt}a$10$truncated-by-the-shell"
      })
  void refusesAMalformedListWithoutShowingAnyPassword(String spec) {
    assertThatThrownBy(() -> Accounts.of(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("reelsmith.users, entry ")
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain("secret")
                    .doesNotContain("other")
                    .doesNotContain("truncated"));
  }

  @Test
  void withoutAccountsThereIsTheLocalOneWithAPasswordMadeUpEachTime() {
    Accounts first = Accounts.of("");
    Accounts second = Accounts.of(" ");

    assertThat(first.names()).containsExactly(Accounts.LOCAL_USER);
    assertThat(user(first, Accounts.LOCAL_USER).getPassword())
        .startsWith("{noop}")
        .hasSizeGreaterThan("{noop}".length() + 20)
        .isNotEqualTo(user(second, Accounts.LOCAL_USER).getPassword());
  }
}
