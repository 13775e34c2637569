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
         * Checks the shape against the arrays and copies them.
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
         * @throws IllegalArgumentException if a size is not positive, a padding is negative, a
         *     Conv1D has {@code kernelH != 1} or {@code padH != 0}, or an array's length does not
         *     fit the shape
         */
        public Conv {
            if (inChannels < 1 || outChannels < 1 || kernelH < 1 || kernelW < 1 || padH < 0 || padW < 0) {
                throw new IllegalArgumentException("conv sizes must be positive and paddings non-negative, got in " + inChannels
                        + ", out " + outChannels + ", kernel " + kernelH + "x" + kernelW + ", pad " + padH + "/" + padW);
            }
            if (oneDimensional && (kernelH != 1 || padH != 0)) {
                throw new IllegalArgumentException("a Conv1D has kernel height 1 and no vertical padding, got " + kernelH + "/" + padH);
            }
            requireLength("conv weights", weights, (long) outChannels * inChannels * kernelH * kernelW);
            requireLength("conv bias", bias, outChannels);
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
        /**
         * Checks the window.
         *
         * @param oneDimensional true for MaxPool1D (then {@code poolH == 1})
         * @param poolH window height and vertical stride, positive
         * @param poolW window width and horizontal stride, positive
         * @throws IllegalArgumentException if a size is not positive, or a MaxPool1D has
         *     {@code poolH != 1}
         */
        public MaxPool {
            if (poolH < 1 || poolW < 1 || (oneDimensional && poolH != 1)) {
                throw new IllegalArgumentException("pool window must be positive (height 1 for MaxPool1D), got " + poolH + "x" + poolW);
            }
        }
    }

    private static void requireLength(String what, float[] values, long expected) {
        if (values.length != expected) {
            throw new IllegalArgumentException(what + " hold " + values.length + " values, the shape needs " + expected);
        }
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
         * Checks the shape against the arrays and copies them.
         *
         * @param inputs input width
         * @param outputs output width
         * @param relu whether ReLU follows
         * @param weights {@code [inputs][outputs]} row-major (Keras layout); copied
         * @param bias {@code [outputs]}; copied
         * @throws NullPointerException if {@code weights} or {@code bias} is null
         * @throws IllegalArgumentException if a width is not positive or an array's length does
         *     not fit the shape
         */
        public Dense {
            if (inputs < 1 || outputs < 1) {
                throw new IllegalArgumentException("dense widths must be positive, got " + inputs + " -> " + outputs);
            }
            requireLength("dense weights", weights, (long) inputs * outputs);
            requireLength("dense bias", bias, outputs);
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
