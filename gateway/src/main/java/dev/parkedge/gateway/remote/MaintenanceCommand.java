package dev.parkedge.gateway.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parkedge.gateway.api.GatewayControl;
import dev.parkedge.gateway.api.SpaceView;
import dev.parkedge.sync.contract.Command;

/** {@code space.maintenance}: the same call as the local API's maintenance resource. */
public final class MaintenanceCommand implements CommandHandler {
  private final GatewayControl control;

  public MaintenanceCommand(GatewayControl control) {
    this.control = control;
  }

  @Override
  public CommandOutcome apply(Command command) {
    String space = command.text("space");
    JsonNode on = command.body().get("on");
    if (space == null || on == null || !on.isBoolean()) {
      return CommandOutcome.refused("malformed: body needs \"space\" (id) and \"on\" (boolean)");
    }
    try {
      SpaceView view = control.setMaintenance(space, on.asBoolean());
      return CommandOutcome.applied(
          "space "
              + space
              + (on.asBoolean() ? " in maintenance" : " back in service")
              + ", shows "
              + view.state());
    } catch (IllegalArgumentException e) {
      return CommandOutcome.refused(e.getMessage());
    }
  }
}
