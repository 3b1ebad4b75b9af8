package dev.reelsmith.api.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Slows down guessing: counts failed sign-ins per account name and client address, and after
 * {@value #FREE_FAILURES} in a row refuses that pair for a while, {@link #FIRST_LOCK} at first and
 * twice as long after each further failure, up to {@link #LONGEST_LOCK}. A success, or {@link
 * #FORGET_AFTER} without a failure, starts the count again. Other names and other addresses are not
 * affected, so a guesser cannot lock a person out from elsewhere.
 *
 * <p>Trying one password on many names (a spray) is slowed too: after {@value
 * #FREE_FAILURES_PER_ADDRESS} failures from one address, whatever the names, that address is
 * refused for every name on the same schedule, and a success does not reset its count. That many
 * covers the people behind one office address mistyping; only they share that lock.
 *
 * <p>Five free tries cover a person mistyping; at the longest lock a guesser gets about a hundred
 * tries a day per name and address. Attempts while locked are refused without checking the password
 * and do not count. The table is bounded: past {@link #MAX_ENTRIES} entries the oldest are
 * forgotten.
 */
public final class SignInThrottle {

  static final int FREE_FAILURES = 5;
  static final int FREE_FAILURES_PER_ADDRESS = 30;
  static final Duration FIRST_LOCK = Duration.ofSeconds(30);
  static final Duration LONGEST_LOCK = Duration.ofMinutes(15);
  static final Duration FORGET_AFTER = Duration.ofHours(1);
  static final int MAX_ENTRIES = 10_000;

  private final Clock clock;
  private final Map<Key, Failures> failures = new ConcurrentHashMap<>();

  public SignInThrottle(Clock clock) {
    this.clock = clock;
  }

  /**
   * Names are compared case-insensitively, so changing case does not buy more tries. The address's
   * own count has no name, which no sign-in has (a missing one counts as "").
   */
  private record Key(String username, String client) {

    static Key of(String username, String client) {
      return new Key(username == null ? "" : username.toLowerCase(Locale.ROOT), client);
    }

    static Key address(String client) {
      return new Key(null, client);
    }
  }

  private record Failures(int count, Instant last, Instant lockedUntil) {}

  /** How long the pair, or the address for every name, is still refused; empty when it may try. */
  public Optional<Duration> lockedFor(String username, String client) {
    Instant now = clock.instant();
    return Stream.of(Key.of(username, client), Key.address(client))
        .map(failures::get)
        .filter(record -> record != null && record.lockedUntil() != null)
        .map(record -> Duration.between(now, record.lockedUntil()))
        .filter(wait -> !wait.isNegative() && !wait.isZero())
        .max(Comparator.naturalOrder());
  }

  public void failed(String username, String client) {
    count(Key.of(username, client), FREE_FAILURES);
    count(Key.address(client), FREE_FAILURES_PER_ADDRESS);
    if (failures.size() > MAX_ENTRIES) {
      forgetOldest();
    }
  }

  private void count(Key key, int free) {
    Instant now = clock.instant();
    failures.compute(
        key,
        (same, before) -> {
          int count =
              before == null || before.last().plus(FORGET_AFTER).isBefore(now)
                  ? 1
                  : before.count() + 1;
          return new Failures(count, now, count < free ? null : now.plus(lock(count - free)));
        });
  }

  public void succeeded(String username, String client) {
    failures.remove(Key.of(username, client));
  }

  /** How many name and address pairs, and addresses, are remembered. */
  int size() {
    return failures.size();
  }

  /** The lock after the failure {@code beyond} past the free ones (0 for the last free one). */
  static Duration lock(int beyond) {
    int doublings = Math.min(beyond, 10);
    Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
    return lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock;
  }

  private void forgetOldest() {
    failures.entrySet().stream()
        .sorted(Comparator.comparing(entry -> entry.getValue().last()))
        .limit(Math.max(0, failures.size() - MAX_ENTRIES * 3 / 4))
        .map(Map.Entry::getKey)
        .toList()
        .forEach(failures::remove);
  }
}
