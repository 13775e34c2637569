package org.ser4j.training.onnx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ser4j.core.model.FeatureKind;
import org.ser4j.core.model.ModelMetadata;
import org.ser4j.training.nn.LayerSpec;
import org.ser4j.training.nn.NetworkBuilder;
import org.ser4j.training.nn.SequentialNetwork;

/**
 * A model {@link OnnxExporter} wrote, read back by {@link OnnxImporter}: its layers with their
 * parameters, its metadata and its {@code metadata_props} exactly as stored.
 *
 * @param layers the layers in graph order, as {@link SequentialNetwork#layers()} lists them;
 *     unmodifiable
 * @param metadata the parsed {@code ser4j.*} metadata
 * @param properties every {@code metadata_props} entry in file order; unmodifiable
 */
public record ImportedModel(List<LayerSpec> layers, ModelMetadata metadata, Map<String, String> properties) {
    /**
     * Copies the lists.
     *
     * @param layers the layers in graph order; copied
     * @param metadata the parsed metadata, not null
     * @param properties the {@code metadata_props} in file order; copied, order kept
     * @throws NullPointerException if an argument is null or {@code layers} holds a null
     */
    public ImportedModel {
        layers = List.copyOf(layers);
        if (metadata == null) {
            throw new NullPointerException("metadata");
        }
        properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /**
     * Rebuilds the network with exactly these parameters (L2 factors, which the file does not
     * keep, are 0: the network is for inference and calibration, not for further training).
     *
     * @param threads worker threads of the network, at least 1
     * @return a new network whose {@link SequentialNetwork#layers()} equal {@link #layers()}; the
     *     caller closes it
     * @throws IllegalArgumentException if {@code threads} is below 1, or the layers are not ones
     *     the engine builds (a convolution without ReLU, padding other than none or half the odd
     *     kernel, a pooling window the builder does not produce)
     */
    public SequentialNetwork toNetwork(int threads) {
        long[] shape = metadata.inputShape();
        int c = (int) shape[0];
        int h = shape.length == 3 ? (int) shape[1] : 1;
        int w = (int) shape[shape.length - 1];
        FeatureKind kind = metadata.featureKind();
        NetworkBuilder b = SequentialNetwork.builder(kind, c, h, w);
        int parameters = 0;
        try {
            parameters = describe(b);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("cannot rebuild the network: " + e.getMessage(), e);
        }
        float[] params = new float[parameters];
        int at = 0;
        for (LayerSpec spec : layers) {
            float[] weights;
            float[] bias;
            if (spec instanceof LayerSpec.Conv conv) {
                weights = conv.weights();
                bias = conv.bias();
            } else if (spec instanceof LayerSpec.Dense dense) {
                weights = dense.weights();
                bias = dense.bias();
            } else {
                continue;
            }
            System.arraycopy(weights, 0, params, at, weights.length);
            at += weights.length;
            System.arraycopy(bias, 0, params, at, bias.length);
            at += bias.length;
        }
        SequentialNetwork net;
        try {
            net = b.build(0, threads, org.ser4j.training.nn.Architectures.DEFAULT_CHUNK);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("cannot rebuild the network: " + e.getMessage(), e);
        }
        try {
            net.loadParameters(params);
            if (!sameShapes(net.layers(), layers)) {
                throw new IllegalArgumentException("the rebuilt network's layers differ from the file's (an unsupported layer order)");
            }
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
        return net;
    }

    /** Adds every layer to {@code b}; returns the parameter count. */
    private int describe(NetworkBuilder b) {
        int parameters = 0;
        for (LayerSpec spec : layers) {
            if (spec instanceof LayerSpec.Conv conv) {
                if (!conv.relu()) {
                    throw new IllegalArgumentException("cannot rebuild a convolution without ReLU (the engine's builder has none)");
                }
                boolean valid = conv.padH() == 0 && conv.padW() == 0;
                boolean same = conv.padH() == conv.kernelH() / 2 && conv.padW() == conv.kernelW() / 2
                        && conv.kernelH() % 2 == 1 && conv.kernelW() % 2 == 1;
                if (!valid && !same) {
                    throw new IllegalArgumentException("cannot rebuild a convolution with padding " + conv.padH() + "x" + conv.padW()
                            + " for a " + conv.kernelH() + "x" + conv.kernelW() + " kernel (only none or half an odd kernel)");
                }
                boolean isSame = !valid;
                if (conv.oneDimensional()) {
                    b.conv1d(conv.outChannels(), conv.kernelW(), isSame, 0);
                } else {
                    b.conv2d(conv.outChannels(), conv.kernelH(), conv.kernelW(), isSame, 0);
                }
                parameters += conv.weights().length + conv.bias().length;
            } else if (spec instanceof LayerSpec.MaxPool pool) {
                if (pool.oneDimensional()) {
                    b.maxPool1d(pool.poolW());
                } else {
                    b.maxPool2d(pool.poolH(), pool.poolW());
                }
            } else if (spec instanceof LayerSpec.Flatten) {
                b.flatten();
            } else if (spec instanceof LayerSpec.Dense dense) {
                b.dense(dense.outputs(), dense.relu(), 0);
                parameters += dense.weights().length + dense.bias().length;
            }
        }
        return parameters;
    }

    private static boolean sameShapes(List<LayerSpec> built, List<LayerSpec> read) {
        if (built.size() != read.size()) {
            return false;
        }
        for (int i = 0; i < built.size(); i++) {
            LayerSpec a = built.get(i);
            LayerSpec r = read.get(i);
            boolean same;
            if (a instanceof LayerSpec.Conv x && r instanceof LayerSpec.Conv y) {
                same = x.oneDimensional() == y.oneDimensional() && x.inChannels() == y.inChannels()
                        && x.outChannels() == y.outChannels() && x.kernelH() == y.kernelH() && x.kernelW() == y.kernelW()
                        && x.padH() == y.padH() && x.padW() == y.padW() && x.relu() == y.relu();
            } else if (a instanceof LayerSpec.Dense x && r instanceof LayerSpec.Dense y) {
                same = x.inputs() == y.inputs() && x.outputs() == y.outputs() && x.relu() == y.relu();
            } else {
                same = a.equals(r);
            }
            if (!same) {
                return false;
            }
        }
        return true;
    }
}
