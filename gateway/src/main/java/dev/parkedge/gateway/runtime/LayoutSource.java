package dev.parkedge.gateway.runtime;

import dev.parkedge.gateway.config.ConfigException;
import dev.parkedge.gateway.lot.SiteLayout;

/** Reads the site layout again (site.yaml on SIGHUP and on {@code parkedge reload}). */
@FunctionalInterface
public interface LayoutSource {
  SiteLayout load() throws ConfigException;
}
