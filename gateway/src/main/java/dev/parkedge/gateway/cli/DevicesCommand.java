package dev.parkedge.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parkedge.gateway.api.DeviceView;
import dev.parkedge.gateway.config.ConfigException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parkedge devices}: every device and the gateway's verdict on its health. */
@Command(
    name = "devices",
    mixinStandardHelpOptions = true,
    description = {
      "List every device the gateway knows, with its health (ok, degraded, stale, orphan) and why.",
      "",
      "  parkedge devices -c /etc/parkedge/gateway.yaml",
      "  parkedge devices --json | jq -c '.[] | select(.health != \"ok\")'"
    })
final class DevicesCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ApiOptions api;

  @Option(
      names = "--json",
      description = "Print every device with all its fields (snake_case keys), health and reason.")
  boolean json;

  @Override
  public Integer call() throws ConfigException {
    PrintWriter out = spec.commandLine().getOut();
    try (ApiClient client = api.connect()) {
      JsonNode devices = client.get("devices");
      if (json) {
        out.println(JsonText.of(devices));
      } else {
        Table table =
            new Table("EUI", "ROLE", "SPACE", "HEALTH", "REASON", "LAST SEEN", "BATTERY", "RSSI");
        devices.forEach(device -> row(table, client.as(device, DeviceView.class)));
        table.print(out);
      }
    }
    out.flush();
    return 0;
  }

  private static void row(Table table, DeviceView device) {
    table.row(
        device.eui(),
        device.role(),
        device.space(),
        device.health(),
        device.reason(),
        device.lastSeen(),
        unit(device.batteryMv(), "mV"),
        unit(device.rssiDbm(), "dBm"));
  }

  private static String unit(Integer value, String unit) {
    return value == null ? null : String.format(Locale.ROOT, "%d %s", value, unit);
  }
}
