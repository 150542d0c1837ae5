package dev.parkedge.gateway.lot;

import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * What a feature keeps of each space of a layout, in site-file order, found by the space's id.
 * Immutable: a new layout builds a new table (its entries may be the same objects).
 *
 * <p>Sensing and the displays each kept a map by id, whose entry cost 40 to 48 bytes a space
 * (entry, slot) at 5,000 spaces. Here an entry costs 8: its place in the file-order list, and its
 * position in an array sorted by id, searched by halves (13 steps at 5,000 spaces, as {@code
 * DeviceTable} finds devices by EUI).
 *
 * @param <T> the per-space object; {@code idOf} must give the same id for as long as the table is
 *     used
 */
public final class SpaceTable<T> {

  private final List<T> inOrder;

  /** Positions in {@link #inOrder}, in the order of their ids. */
  private final int[] byId;

  private final Function<? super T, String> idOf;

  private SpaceTable(List<T> inOrder, int[] byId, Function<? super T, String> idOf) {
    this.inOrder = inOrder;
    this.byId = byId;
    this.idOf = idOf;
  }

  /**
   * @throws IllegalArgumentException when two entries have one id (site.yaml's loader refuses it)
   */
  public static <T> SpaceTable<T> of(List<T> inOrder, Function<? super T, String> idOf) {
    List<T> entries = List.copyOf(inOrder);
    int[] byId =
        IntStream.range(0, entries.size())
            .boxed()
            .sorted((a, b) -> idOf.apply(entries.get(a)).compareTo(idOf.apply(entries.get(b))))
            .mapToInt(Integer::intValue)
            .toArray();
    for (int i = 1; i < byId.length; i++) {
      String id = idOf.apply(entries.get(byId[i]));
      if (id.equals(idOf.apply(entries.get(byId[i - 1])))) {
        throw new IllegalArgumentException("two spaces have the id \"" + id + "\"");
      }
    }
    return new SpaceTable<>(entries, byId, idOf);
  }

  public static <T> SpaceTable<T> empty() {
    return new SpaceTable<>(List.of(), new int[0], t -> "");
  }

  /** The entry of the space with this id, or null. */
  public T get(String id) {
    int low = 0;
    int high = byId.length - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      T entry = inOrder.get(byId[mid]);
      int order = idOf.apply(entry).compareTo(id);
      if (order < 0) {
        low = mid + 1;
      } else if (order > 0) {
        high = mid - 1;
      } else {
        return entry;
      }
    }
    return null;
  }

  /** Every entry, in site-file order; unmodifiable. */
  public List<T> inOrder() {
    return inOrder;
  }

  public int size() {
    return inOrder.size();
  }
}
