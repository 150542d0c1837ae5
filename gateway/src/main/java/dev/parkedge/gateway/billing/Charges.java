package dev.parkedge.gateway.billing;

import java.util.Arrays;

/**
 * The charges a product's price rule produced for one stay: each an amount at an instant (so that
 * caps can count it in the window it falls in), in a group that becomes one trace line (e.g. "9 ×
 * 1.00 each started 1h" for nine increments of a band). Caps lower the amounts in place; each group
 * keeps its gross sum for the trace. Primitive arrays: a 3-day stay at 15-minute increments is 288
 * charges, and a quote compares every eligible product.
 */
final class Charges {

  /** Epoch second the charge counts at (for cap windows). */
  long[] at = new long[32];

  /** Minor units, after the caps applied so far. */
  long[] amount = new long[32];

  private int[] group = new int[32];
  int size;

  private String[] groupText = new String[8];
  private long[] groupFrom = new long[8];
  private long[] groupTo = new long[8];
  private long[] groupUnit = new long[8];
  private int[] groupCount = new int[8];
  private long[] groupGross = new long[8];
  private boolean[] groupCounted = new boolean[8];
  int groups;

  /** Marks a group label without a time span. */
  static final long NO_TIME = Long.MIN_VALUE;

  /**
   * Starts a group.
   *
   * @param text what the group charges for, e.g. {@code each started 1h from 1h}
   * @param from start of the span the label names (epoch second), or {@link #NO_TIME}
   * @param to end of that span
   * @param unit price per charge, for "n × unit" labels
   * @param counted whether the label reads "n × unit text" (increments) or just "text"
   */
  int group(String text, long from, long to, long unit, boolean counted) {
    if (groups == groupText.length) {
      int n = groups * 2;
      groupText = Arrays.copyOf(groupText, n);
      groupFrom = Arrays.copyOf(groupFrom, n);
      groupTo = Arrays.copyOf(groupTo, n);
      groupUnit = Arrays.copyOf(groupUnit, n);
      groupCount = Arrays.copyOf(groupCount, n);
      groupGross = Arrays.copyOf(groupGross, n);
      groupCounted = Arrays.copyOf(groupCounted, n);
    }
    groupText[groups] = text;
    groupFrom[groups] = from;
    groupTo[groups] = to;
    groupUnit[groups] = unit;
    groupCounted[groups] = counted;
    return groups++;
  }

  void add(long atSecond, long minor, int inGroup) {
    if (size == at.length) {
      int n = size * 2;
      at = Arrays.copyOf(at, n);
      amount = Arrays.copyOf(amount, n);
      group = Arrays.copyOf(group, n);
    }
    at[size] = atSecond;
    amount[size] = minor;
    group[size] = inGroup;
    size++;
    groupCount[inGroup]++;
    groupGross[inGroup] = Math.addExact(groupGross[inGroup], minor);
  }

  long total() {
    long sum = 0;
    for (int i = 0; i < size; i++) {
      sum += amount[i];
    }
    return sum;
  }

  /** Puts the charges in time order (stable), if they are not already. */
  void sortByTime() {
    for (int i = 1; i < size; i++) {
      if (at[i] < at[i - 1]) {
        insertionSort();
        return;
      }
    }
  }

  private void insertionSort() {
    for (int i = 1; i < size; i++) {
      long a = at[i];
      long m = amount[i];
      int g = group[i];
      int j = i - 1;
      while (j >= 0 && at[j] > a) {
        at[j + 1] = at[j];
        amount[j + 1] = amount[j];
        group[j + 1] = group[j];
        j--;
      }
      at[j + 1] = a;
      amount[j + 1] = m;
      group[j + 1] = g;
    }
  }

  String text(int g) {
    return groupText[g];
  }

  long from(int g) {
    return groupFrom[g];
  }

  long to(int g) {
    return groupTo[g];
  }

  long unit(int g) {
    return groupUnit[g];
  }

  int count(int g) {
    return groupCount[g];
  }

  long gross(int g) {
    return groupGross[g];
  }

  boolean counted(int g) {
    return groupCounted[g];
  }
}
