package dev.parkedge.gateway.remote;

import dev.parkedge.gateway.api.ReloadOutcome;
import dev.parkedge.gateway.config.ConfigException;
import dev.parkedge.sync.contract.Command;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code layout.publish}: the site file, replaced and applied through the same diff as {@code
 * parkedge reload}. The new text is checked first (staged next to site.yaml), so a layout that
 * fails validation is refused with its problems and the running layout and the file stay.
 */
public final class LayoutPublisher implements CommandHandler {

  /** Checks a staged site file: throws naming file, line and key when it is not valid. */
  @FunctionalInterface
  public interface SiteCheck {
    void check(Path siteFile) throws ConfigException;
  }

  private final Path siteFile;
  private final SiteCheck check;
  private final Supplier<ReloadOutcome> reload;

  public LayoutPublisher(Path siteFile, SiteCheck check, Supplier<ReloadOutcome> reload) {
    this.siteFile = siteFile;
    this.check = check;
    this.reload = reload;
  }

  @Override
  public CommandOutcome apply(Command command) {
    String text = command.text("site_yaml");
    if (text == null) {
      return CommandOutcome.refused("malformed: body needs \"site_yaml\" (the site file as text)");
    }
    Path staged;
    try {
      staged = StagedFile.stage(siteFile, text);
    } catch (IOException e) {
      return CommandOutcome.refused("cannot write next to " + siteFile + ": " + e.getMessage());
    }
    try {
      check.check(staged);
      StagedFile.commit(staged, siteFile);
    } catch (ConfigException e) {
      return CommandOutcome.refused("layout invalid: " + first(e.problems()));
    } catch (IOException e) {
      return CommandOutcome.refused("cannot replace " + siteFile + ": " + e.getMessage());
    } finally {
      StagedFile.discard(staged);
    }
    ReloadOutcome outcome = reload.get();
    if (!outcome.applied()) {
      return CommandOutcome.refused("layout invalid: " + first(outcome.problems()));
    }
    return CommandOutcome.applied(
        outcome.changes().isEmpty()
            ? "layout unchanged"
            : outcome.changes().size() + " changes: " + first(outcome.changes()));
  }

  private static String first(List<String> lines) {
    int shown = Math.min(lines.size(), 5);
    String text = String.join("; ", lines.subList(0, shown));
    return lines.size() > shown ? text + "; and " + (lines.size() - shown) + " more" : text;
  }
}
