package dev.parkedge.gateway.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets the forbidden-APIs check (which bans {@code System.out}/{@code System.err} from main code:
 * output is logged, or printed through picocli's writers) pass where the CLI must write to the
 * process's standard error itself. The reason says why.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
@interface SuppressForbidden {
  String reason();
}
