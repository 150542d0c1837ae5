package dev.parkedge.gateway.journal;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * Ids of the things the journal records (reservations, sessions, movements, violations): a prefix
 * and 12 random base-32 characters (60 bits), e.g. {@code R-K7Q2X9M3ZP4A}. Random rather than
 * counted, so that no restart, restore or clock jump can hand out an id twice (a million ids
 * collide with a chance of about 1 in 2 million million).
 */
public final class Ids {

  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  private final SplittableRandom random;

  private Ids(SplittableRandom random) {
    this.random = random;
  }

  public static Ids random() {
    return new Ids(new SplittableRandom(new SecureRandom().nextLong()));
  }

  /** The same ids every run, for tests. */
  public static Ids seeded(long seed) {
    return new Ids(new SplittableRandom(seed));
  }

  /** A new id with this prefix (one letter by convention). Domain thread only. */
  public String next(String prefix) {
    long bits = random.nextLong();
    char[] text = new char[12];
    for (int i = 0; i < text.length; i++) {
      text[i] = ALPHABET[(int) (bits & 31)];
      bits >>>= 5;
    }
    return prefix + "-" + new String(text);
  }
}
