package dev.parkedge.gateway.remote;

import dev.parkedge.gateway.billing.Tariff;
import dev.parkedge.gateway.config.ConfigException;
import dev.parkedge.gateway.config.TariffLoader;
import dev.parkedge.sync.contract.Command;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code tariff.publish}: a tariff file, checked exactly as {@code parkedge tariff check} does (it
 * must read cleanly and price each of its own examples to the cent) before it is stored in the
 * tariff folder as {@code {name}.yaml}. A tariff that fails is refused with its problems and never
 * stored. Activation by the billing service comes with sessions (issue 6): it will read this
 * folder.
 */
public final class TariffPublisher implements CommandHandler {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  private final Path folder;

  public TariffPublisher(Path folder) {
    this.folder = folder;
  }

  @Override
  public CommandOutcome apply(Command command) {
    String name = command.text("name");
    String text = command.text("tariff_yaml");
    if (name == null || !NAME.matcher(name).matches() || text == null) {
      return CommandOutcome.refused(
          "malformed: body needs \"name\" (" + NAME + ") and \"tariff_yaml\" (the tariff file)");
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
      return CommandOutcome.applied(
          "tariff "
              + tariff.id()
              + " stored as "
              + target
              + " (sha256 "
              + tariff.sha256()
              + "), "
              + tariff.examples().size()
              + " examples pass");
    } catch (ConfigException e) {
      List<String> problems = e.problems();
      return CommandOutcome.refused(
          "tariff refused: "
              + String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                  .replace(staged.toString(), target.getFileName().toString()));
    } catch (IOException e) {
      return CommandOutcome.refused("cannot store " + target + ": " + e.getMessage());
    } finally {
      StagedFile.discard(staged);
    }
  }
}
