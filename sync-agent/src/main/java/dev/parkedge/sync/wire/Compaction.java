package dev.parkedge.sync.wire;

/**
 * A compaction report: occupancy entries of seqs {@code fromSeq..toSeq} were thinned to the last
 * entry per subject per {@code bucketSeconds}, keeping {@code kept} and dropping {@code dropped};
 * the dropped seqs travel as skipped ranges.
 */
public record Compaction(
    long id,
    long atMs,
    String dataClass,
    long fromSeq,
    long toSeq,
    long kept,
    long dropped,
    long bucketSeconds) {}
