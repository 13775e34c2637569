package org.ser4j.training.nn;

/**
 * An immutable description of one layer with a copy of its parameters, as needed to export a
 * network (for example to ONNX). Shapes exclude the batch dimension and are channel first.
 */
public sealed interface LayerSpec {

    /**
     * A convolution with stride 1, followed by bias and optionally ReLU.
     *
     * @param oneDimensional true for a Conv1D (then {@code kernelH == 1}, {@code padH == 0})
     * @param inChannels input channels
     * @param outChannels output channels (filters)
     * @param kernelH kernel height
     * @param kernelW kernel width
     * @param padH zero padding above and below
     * @param padW zero padding left and right
     * @param relu whether ReLU follows
     * @param weights {@code [outChannels][inChannels][kernelH][kernelW]} row-major
     * @param bias {@code [outChannels]}
     */
    record Conv(boolean oneDimensional, int inChannels, int outChannels, int kernelH, int kernelW, int padH,
            int padW, boolean relu, float[] weights, float[] bias) implements LayerSpec {
        /**
         * Copies the arrays. The array lengths are not checked against the shape; callers pass
         * consistent ones.
         *
         * @param oneDimensional true for a Conv1D (then {@code kernelH == 1}, {@code padH == 0})
         * @param inChannels input channels
         * @param outChannels output channels (filters)
         * @param kernelH kernel height (1 for a Conv1D)
         * @param kernelW kernel width
         * @param padH zero rows added above and below, each
         * @param padW zero columns added left and right, each ({@code kernelW / 2} for Keras "same"
         *     with an odd kernel, 0 for "valid")
         * @param relu whether ReLU follows
         * @param weights {@code [outChannels][inChannels][kernelH][kernelW]} row-major; copied
         * @param bias {@code [outChannels]}; copied
         * @throws NullPointerException if {@code weights} or {@code bias} is null
         */
        public Conv {
            weights = weights.clone();
            bias = bias.clone();
        }

        /**
         * A copy of the weights (the record's own array is never shared).
         *
         * @return a new {@code [outChannels][inChannels][kernelH][kernelW]} array, row-major
         */
        @Override
        public float[] weights() {
            return weights.clone();
        }

        /**
         * A copy of the biases (the record's own array is never shared).
         *
         * @return a new {@code [outChannels]} array
         */
        @Override
        public float[] bias() {
            return bias.clone();
        }
    }

    /**
     * Max pooling with window equal to stride, flooring the output size.
     *
     * @param oneDimensional true for MaxPool1D (then {@code poolH == 1})
     * @param poolH window height
     * @param poolW window width
     */
    record MaxPool(boolean oneDimensional, int poolH, int poolW) implements LayerSpec {
    }

    /** Flattening {@code [C, H, W]} to {@code C*H*W} values in that (row-major) order. */
    record Flatten() implements LayerSpec {
    }

    /**
     * A fully connected layer {@code y = x W + b}, optionally followed by ReLU.
     *
     * @param inputs input width
     * @param outputs output width
     * @param relu whether ReLU follows
     * @param weights {@code [inputs][outputs]} row-major (Keras layout)
     * @param bias {@code [outputs]}
     */
    record Dense(int inputs, int outputs, boolean relu, float[] weights, float[] bias) implements LayerSpec {
        /**
         * Copies the arrays. The array lengths are not checked against the shape; callers pass
         * consistent ones.
         *
         * @param inputs input width
         * @param outputs output width
         * @param relu whether ReLU follows
         * @param weights {@code [inputs][outputs]} row-major (Keras layout); copied
         * @param bias {@code [outputs]}; copied
         * @throws NullPointerException if {@code weights} or {@code bias} is null
         */
        public Dense {
            weights = weights.clone();
            bias = bias.clone();
        }

        /**
         * A copy of the weights (the record's own array is never shared).
         *
         * @return a new {@code [inputs][outputs]} array, row-major
         */
        @Override
        public float[] weights() {
            return weights.clone();
        }

        /**
         * A copy of the biases (the record's own array is never shared).
         *
         * @return a new {@code [outputs]} array
         */
        @Override
        public float[] bias() {
            return bias.clone();
        }
    }
}
