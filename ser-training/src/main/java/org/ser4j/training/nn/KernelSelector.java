package org.ser4j.training.nn;

import org.ser4j.core.simd.SimdSupport;

/**
 * Chooses the kernel implementation: the Vector API kernels when ser-core's {@link SimdSupport}
 * allows them (the JVM started with {@code --add-modules jdk.incubator.vector}, and not turned
 * off with {@code -D}{@value #PROPERTY}{@code =off}), the scalar ones otherwise.
 */
final class KernelSelector {
    /** The library's one SIMD switch (see {@link SimdSupport#PROPERTY}). */
    static final String PROPERTY = SimdSupport.PROPERTY;

    private KernelSelector() {
    }

    /** The vector kernels if allowed and loadable, else the scalar ones. */
    static Kernels select() {
        Kernels vector = vectorKernels();
        return vector != null ? vector : ScalarKernels.INSTANCE;
    }

    /** The vector kernels, or null when SIMD is off or the module is missing. */
    static Kernels vectorKernels() {
        return SimdSupport.load(Kernels.class, "org.ser4j.training.nn.VectorKernels", new Class<?>[0]);
    }
}
