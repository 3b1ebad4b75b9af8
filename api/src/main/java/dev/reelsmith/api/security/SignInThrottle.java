package dev.reelsmith.api.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing: counts failed sign-ins per account name and client address, and after
 * {@value #FREE_FAILURES} in a row refuses that pair for a while, {@link #FIRST_LOCK} at first and
 * twice as long after each further failure, up to {@link #LONGEST_LOCK}. A success, or {@link
 * #FORGET_AFTER} without a failure, starts the count again. Other names and other addresses are not
 * affected, so a guesser cannot lock a person out from elsewhere.
 *
 * <p>Five free tries cover a person mistyping; at the longest lock a guesser gets about a hundred
 * tries a day per name and address. Attempts while a pair is locked are refused without checking
 * the password and do not count. The table is bounded: past {@link #MAX_ENTRIES} pairs the oldest
 * are forgotten.
 */
public final class SignInThrottle {

  static final int FREE_FAILURES = 5;
  static final Duration FIRST_LOCK = Duration.ofSeconds(30);
  static final Duration LONGEST_LOCK = Duration.ofMinutes(15);
  static final Duration FORGET_AFTER = Duration.ofHours(1);
  static final int MAX_ENTRIES = 10_000;

  private final Clock clock;
  private final Map<Key, Failures> failures = new ConcurrentHashMap<>();

  public SignInThrottle(Clock clock) {
    this.clock = clock;
  }

  /** Names are compared case-insensitively, so changing case does not buy more tries. */
  private record Key(String username, String client) {

    static Key of(String username, String client) {
      return new Key(username == null ? "" : username.toLowerCase(Locale.ROOT), client);
    }
  }

  private record Failures(int count, Instant last, Instant lockedUntil) {}

  /** How long the pair is still refused; empty when it may try now. */
  public Optional<Duration> lockedFor(String username, String client) {
    Failures record = failures.get(Key.of(username, client));
    Instant now = clock.instant();
    if (record == null || record.lockedUntil() == null || !now.isBefore(record.lockedUntil())) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, record.lockedUntil()));
  }

  public void failed(String username, String client) {
    Instant now = clock.instant();
    failures.compute(
        Key.of(username, client),
        (key, before) -> {
          int count =
              before == null || before.last().plus(FORGET_AFTER).isBefore(now)
                  ? 1
                  : before.count() + 1;
          return new Failures(count, now, count < FREE_FAILURES ? null : now.plus(lock(count)));
        });
    if (failures.size() > MAX_ENTRIES) {
      forgetOldest();
    }
  }

  public void succeeded(String username, String client) {
    failures.remove(Key.of(username, client));
  }

  /** How many name and address pairs are remembered. */
  int size() {
    return failures.size();
  }

  /** The lock after the {@code count}th failure in a row, counting from {@link #FREE_FAILURES}. */
  static Duration lock(int count) {
    int doublings = Math.min(count - FREE_FAILURES, 10);
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
