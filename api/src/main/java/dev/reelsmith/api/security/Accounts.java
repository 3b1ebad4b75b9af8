package dev.reelsmith.api.security;

import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The accounts that may sign in, from {@code reelsmith.users}: {@code
 * alice:secret,bob:{bcrypt}$2a$10$…}. A password is a {@code {bcrypt}} hash or, without a prefix,
 * plain text (kept as {@code {noop}}, in the terms of Spring's {@code DelegatingPasswordEncoder}).
 * Names are letters, digits and {@code . _ @ -}; passwords cannot contain commas.
 *
 * <p>With no accounts configured there is one, {@value #LOCAL_USER}, whose password is made up at
 * each start and printed once, so a first run on a laptop is usable and never open to the network.
 * Nothing here ever logs a configured password.
 */
public final class Accounts implements ReactiveUserDetailsService {

  /** The account of an installation without configured accounts. */
  public static final String LOCAL_USER = "reelsmith";

  private static final System.Logger LOG = System.getLogger(Accounts.class.getName());

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
  private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");
  private static final String BCRYPT_PREFIX = "{bcrypt}";
  private static final String PLAIN_PREFIX = "{noop}";

  private static final BCryptPasswordEncoder BCRYPT_CHECK = new BCryptPasswordEncoder();

  private final MapReactiveUserDetailsService users;
  private final List<String> names;

  /** An unguessable password hashed at the highest bcrypt cost configured; null without bcrypt. */
  private final String noAccountHash;

  private Accounts(List<UserDetails> users) {
    this.users = new MapReactiveUserDetailsService(users);
    this.names = users.stream().map(UserDetails::getUsername).toList();
    OptionalInt highestCost =
        users.stream()
            .map(UserDetails::getPassword)
            .filter(password -> password.startsWith(BCRYPT_PREFIX))
            .mapToInt(Accounts::bcryptCost)
            .max();
    this.noAccountHash =
        highestCost.isPresent()
            ? new BCryptPasswordEncoder(highestCost.getAsInt()).encode(randomSecret())
            : null;
  }

  /**
   * The configured accounts, or the local one when {@code spec} is blank.
   *
   * @throws IllegalArgumentException naming the entry at fault (never its password)
   */
  public static Accounts of(String spec) {
    if (spec == null || spec.isBlank()) {
      return local();
    }
    Map<String, UserDetails> users = new LinkedHashMap<>();
    String[] entries = spec.split(",");
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].strip();
      if (entry.isEmpty()) {
        continue;
      }
      int colon = entry.indexOf(':');
      String name = colon < 0 ? entry : entry.substring(0, colon).strip();
      String where = "reelsmith.users, entry " + (i + 1);
      if (colon < 0 || colon == entry.length() - 1) {
        throw new IllegalArgumentException(where + " (" + name + ") is not name:password");
      }
      if (!isValidName(name)) {
        throw new IllegalArgumentException(
            where + ": a name is 1 to 64 letters, digits and . _ @ - (got \"" + name + "\")");
      }
      if (users.containsKey(name)) {
        throw new IllegalArgumentException(where + ": " + name + " is named twice");
      }
      users.put(name, user(name, encoded(where + " (" + name + ")", entry.substring(colon + 1))));
    }
    if (users.isEmpty()) {
      return local();
    }
    return new Accounts(List.copyOf(users.values()));
  }

  /** Whether {@code name} may name an account. */
  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** The account names, in the order configured. */
  public List<String> names() {
    return names;
  }

  @Override
  public Mono<UserDetails> findByUsername(String username) {
    return users.findByUsername(username);
  }

  /**
   * For a name without an account, checks the password against a hash as costly as the costliest
   * configured one, so that how soon a refusal comes does not tell which names exist: Spring's
   * reactive sign-in refuses an unknown name without checking anything. Costs nothing when no
   * password is a bcrypt hash, since then no check costs anything either.
   */
  public Mono<Void> checkAsIfKnown(String username, CharSequence password) {
    if (noAccountHash == null) {
      return Mono.empty();
    }
    return users
        .findByUsername(username)
        .hasElement()
        .filter(known -> !known)
        .publishOn(Schedulers.parallel())
        .doOnNext(unknown -> BCRYPT_CHECK.matches(password, noAccountHash))
        .then();
  }

  /** The hash that {@link #checkAsIfKnown} checks against; null without bcrypt accounts. */
  String noAccountHash() {
    return noAccountHash;
  }

  private static String encoded(String where, String password) {
    if (password.startsWith(BCRYPT_PREFIX)) {
      if (!BCRYPT.matcher(password.substring(BCRYPT_PREFIX.length())).matches()) {
        throw new IllegalArgumentException(
            where
                + ": the {bcrypt} value is not a bcrypt hash ($2a$10$ and 53 more characters);"
                + " in a shell, quote it with single quotes so that $ is kept");
      }
      return password;
    }
    return password.startsWith(PLAIN_PREFIX) ? password : PLAIN_PREFIX + password;
  }

  private static UserDetails user(String name, String encodedPassword) {
    return User.withUsername(name).password(encodedPassword).roles("USER").build();
  }

  /** The cost of a {@code {bcrypt}$2a$10$…} password: 10. */
  private static int bcryptCost(String password) {
    int cost = password.indexOf('$', BCRYPT_PREFIX.length() + 1) + 1;
    return Integer.parseInt(password.substring(cost, cost + 2));
  }

  private static String randomSecret() {
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  private static Accounts local() {
    String password = randomSecret();
    LOG.log(
        Level.WARNING,
        "No accounts configured: sign in as \"{0}\" with password {1} (made up at this start;"
            + " set REELSMITH_USERS to choose your own)",
        LOCAL_USER,
        password);
    return new Accounts(List.of(user(LOCAL_USER, PLAIN_PREFIX + password)));
  }
}
