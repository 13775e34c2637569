package org.ser4j.training.nn;

import java.util.List;

/**
 * Where a network's training steps spent their time, per layer and pass, as measured by
 * {@link SequentialNetwork#setProfiling(boolean)}: a tool for finding the slow layer, not a figure
 * to compare between machines (the timers cost a little themselves).
 *
 * <p>Layer times are thread time: each worker times its own chunks, and the workers' times are
 * added, so with {@code t} workers they sum to about {@code t} times the wall time of the passes.
 * The gradient reduction (with the L2 terms) and the Adam update are wall time of the whole step.
 *
 * @param layers one entry per layer, input first
 * @param reduceNanos wall time of adding the workers' gradients and the L2 terms
 * @param optimizerNanos wall time of the Adam updates
 * @param steps training steps measured
 * @param samples samples in those steps
 */
public record LayerProfile(List<LayerTime> layers, long reduceNanos, long optimizerNanos, long steps, long samples) {
    /**
     * Copies the layer list.
     *
     * @param layers one entry per layer; copied
     * @param reduceNanos wall time of the gradient reduction, at least 0
     * @param optimizerNanos wall time of the optimiser, at least 0
     * @param steps steps measured, at least 0
     * @param samples samples measured, at least 0
     */
    public LayerProfile {
        layers = List.copyOf(layers);
    }

    /**
     * One layer's share.
     *
     * @param layer what the layer is, e.g. {@code "conv2d 64 5x5 same + relu + maxpool 2x2"}
     * @param forwardNanos thread time of its forward passes
     * @param backwardNanos thread time of its backward passes
     * @param forwardFlopsPerSample multiply-adds times two of one sample's forward pass (0 for
     *     layers that only move or compare values); a backward pass costs about twice as much
     */
    public record LayerTime(String layer, long forwardNanos, long backwardNanos, long forwardFlopsPerSample) {
    }
}
