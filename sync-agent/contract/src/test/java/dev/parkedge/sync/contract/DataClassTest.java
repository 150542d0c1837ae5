package dev.parkedge.sync.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DataClassTest {
  @Test
  void classes_journal_types_by_name_unknown_ones_kept_as_operations() {
    assertThat(DataClass.of("command.result")).isEqualTo(DataClass.COMMAND_RESULT);
    assertThat(DataClass.of("session.closed")).isEqualTo(DataClass.MONEY_ACCESS);
    assertThat(DataClass.of("payment.taken")).isEqualTo(DataClass.MONEY_ACCESS);
    assertThat(DataClass.of("gate.opened")).isEqualTo(DataClass.MONEY_ACCESS);
    assertThat(DataClass.of("space.state")).isEqualTo(DataClass.OCCUPANCY);
    assertThat(DataClass.of("space.maintenance")).isEqualTo(DataClass.OPERATIONS);
    assertThat(DataClass.of("something.new")).isEqualTo(DataClass.OPERATIONS);
    assertThat(DataClass.OCCUPANCY.compactable()).isTrue();
    assertThat(DataClass.MONEY_ACCESS.compactable()).isFalse();
  }
}
