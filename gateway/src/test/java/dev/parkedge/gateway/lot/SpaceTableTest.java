package dev.parkedge.gateway.lot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A feature's per-space entries, found by id and listed in site-file order. */
class SpaceTableTest {

  @Test
  void finds_every_entry_of_a_large_shuffled_site_by_id_and_keeps_file_order() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      ids.add("L" + (i % 7) + "-" + i);
    }
    Collections.shuffle(ids, new Random(7));

    SpaceTable<String> table = SpaceTable.of(ids, Function.identity());

    assertThat(table.inOrder()).isEqualTo(ids);
    assertThat(ids).allSatisfy(id -> assertThat(table.get(id)).isSameAs(id));
    assertThat(table.get("L0-5000")).isNull();
    assertThat(table.get("")).isNull();
  }

  @Test
  void an_empty_table_finds_nothing() {
    assertThat(SpaceTable.<String>empty().get("A-001")).isNull();
    assertThat(SpaceTable.of(List.<String>of(), Function.identity()).size()).isZero();
  }

  @Test
  void refuses_two_spaces_with_one_id_by_name() {
    assertThatThrownBy(() -> SpaceTable.of(List.of("B", "A", "B"), Function.identity()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("two spaces have the id \"B\"");
  }
}
