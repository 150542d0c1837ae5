package dev.parkedge.gateway.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A pass hands a table's changed items over in order, a slice at a time, each once. */
class ChangedPassTest {

  /** An item is changed while its name is upper case; taking it lowers the name. */
  private static final class Item {
    String name;

    Item(String name) {
      this.name = name;
    }
  }

  private static final Function<Item, String> TAKE =
      item -> {
        if (!Character.isUpperCase(item.name.charAt(0))) {
          return null;
        }
        String record = item.name;
        item.name = item.name.toLowerCase(Locale.ROOT);
        return record;
      };

  @ParameterizedTest(name = "table {0}, slices of {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "A b C D e | 2 | A C;D",
        "A b C D e | 1 | A;C;D;",
        "A b C D e | 9 | A C D",
        "a b c     | 2 | ''",
        "A B       | 2 | A B",
        "A B C     | 2 | A B;C",
      })
  void hands_the_changed_items_over_in_slices_until_it_has_been_through_the_table(
      String table, int max, String expected) {
    List<Item> items = Arrays.stream(table.split(" +")).map(Item::new).toList();
    ChangedPass pass = new ChangedPass();

    pass.start();
    List<String> slices = new ArrayList<>();
    while (pass.underWay()) {
      slices.add(String.join(" ", pass.next(items, max, TAKE)));
    }

    assertThat(String.join(";", slices)).isEqualTo(expected);
    assertThat(pass.next(items, max, TAKE)).as("between passes").isEmpty();
    assertThat(items.stream().map(i -> i.name).collect(Collectors.joining(" ")))
        .as("every mark cleared")
        .isEqualTo(String.join(" ", table.split(" +")).toLowerCase(Locale.ROOT));
  }
}
