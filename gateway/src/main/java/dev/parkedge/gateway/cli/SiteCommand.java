package dev.parkedge.gateway.cli;

import picocli.CommandLine.Command;

/** Tools for site.yaml. */
@Command(
    name = "site",
    mixinStandardHelpOptions = true,
    description = "Tools for site.yaml, the description of levels, zones, spaces and signs.",
    subcommands = {FromCsvCommand.class})
final class SiteCommand {}
