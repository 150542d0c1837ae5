package dev.parkedge.gateway.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parkedge.gateway.billing.Tariff;
import dev.parkedge.gateway.config.ConfigException;
import dev.parkedge.gateway.config.TariffLoader;
import dev.parkedge.gateway.parking.Refusal;
import dev.parkedge.sync.contract.Command;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code tariff.publish}: a tariff file, checked exactly as {@code parkedge tariff check} does (it
 * must read cleanly and price each of its own examples to the cent) before it is stored in the
 * tariff folder as {@code {name}.yaml}. A tariff that fails is refused with its problems and never
 * stored. Then, unless the body says {@code "activate": false}, it becomes the active tariff of the
 * parking service ({@link TariffActivation}); a gateway without a parking section only stores it.
 */
public final class TariffPublisher implements CommandHandler {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  private final Path folder;
  private final Optional<TariffActivation> activation;

  public TariffPublisher(Path folder, Optional<TariffActivation> activation) {
    this.folder = folder;
    this.activation = activation;
  }

  @Override
  public CommandOutcome apply(Command command) {
    String name = command.text("name");
    String text = command.text("tariff_yaml");
    JsonNode activate = command.body().path("activate");
    if (name == null
        || !NAME.matcher(name).matches()
        || text == null
        || !(activate.isMissingNode() || activate.isBoolean())) {
      return CommandOutcome.refused(
          "malformed: body needs \"name\" ("
              + NAME
              + ") and \"tariff_yaml\" (the tariff file), and \"activate\" is true or false");
    }
    Path target = folder.resolve(name + ".yaml");
    Path staged;
    try {
      staged = StagedFile.stage(target, text);
    } catch (IOException e) {
      return CommandOutcome.refused("cannot write in " + folder + ": " + e.getMessage());
    }
    try {
      Tariff tariff = TariffLoader.load(staged);
      StagedFile.commit(staged, target);
      String stored =
          "tariff "
              + tariff.id()
              + " stored as "
              + target
              + " (sha256 "
              + tariff.sha256()
              + "), "
              + tariff.examples().size()
              + " examples pass";
      return activate(command, tariff, target, stored, activate.asBoolean(true));
    } catch (ConfigException e) {
      List<String> problems = e.problems();
      return CommandOutcome.refused(
          "tariff refused: "
              + String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                  .replace(staged.getFileName().toString(), target.getFileName().toString()));
    } catch (IOException e) {
      return CommandOutcome.refused("cannot store " + target + ": " + e.getMessage());
    } finally {
      StagedFile.discard(staged);
    }
  }

  private CommandOutcome activate(
      Command command, Tariff tariff, Path target, String stored, boolean wanted) {
    if (!wanted) {
      return CommandOutcome.applied(stored + "; not activated (\"activate\": false)");
    }
    if (activation.isEmpty()) {
      return CommandOutcome.applied(
          stored + "; not activated: this gateway has no parking section");
    }
    try {
      return CommandOutcome.applied(
          stored + "; " + activation.get().activate(tariff, target, command.id()));
    } catch (Refusal refusal) {
      return CommandOutcome.refused(stored + " but not activated: " + refusal.getMessage());
    }
  }
}
