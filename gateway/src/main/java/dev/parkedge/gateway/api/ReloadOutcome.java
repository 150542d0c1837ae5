package dev.parkedge.gateway.api;

import java.util.List;

/**
 * What a reload of site.yaml did.
 *
 * @param applied false when the file failed validation and the running layout stays
 * @param problems the validation problems (file:line: key: problem), when refused
 * @param changes what changed, one line each, e.g. {@code added space A-003}
 */
public record ReloadOutcome(boolean applied, List<String> problems, List<String> changes) {}
