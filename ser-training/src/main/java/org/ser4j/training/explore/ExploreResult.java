package org.ser4j.training.explore;

/**
 * The outcome of an exploration: what summary.json holds, and the figures' data.
 *
 * @param summary the statistics and findings
 * @param figures the data to draw
 */
public record ExploreResult(ExploreSummary summary, ExploreFigures figures) {
}
