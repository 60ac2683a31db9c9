package io.fleetpatch.advisory.store;

/** Sizes of the advisory store. */
public record StoreCounts(
    long advisories, long packages, long distinctCves, long kevEntries, long epssScores) {}
