package dev.parkedge.gateway.cli;

import picocli.CommandLine.Command;

/** Tools for tariff files. */
@Command(
    name = "tariff",
    mixinStandardHelpOptions = true,
    description = "Check a tariff file against its own examples, or quote a stay on it.",
    subcommands = {TariffCheckCommand.class, TariffQuoteCommand.class})
final class TariffCommand {}
