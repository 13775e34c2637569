package org.ser4j.training.nn;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the kernel implementation: the Vector API kernels when the {@code jdk.incubator.vector}
 * module is loaded (start the JVM with {@code --add-modules jdk.incubator.vector}), the scalar
 * ones otherwise. The vector class is loaded reflectively so that a JVM without the module never
 * links it. The system property {@value #PROPERTY} {@code =scalar} forces the scalar path.
 */
final class KernelSelector {
    /** System property that forces a kernel path: {@code scalar} or {@code vector}. */
    static final String PROPERTY = "ser4j.kernels";

    private static final Logger LOG = LoggerFactory.getLogger(KernelSelector.class);
    private static final String VECTOR_CLASS = "org.ser4j.training.nn.VectorKernels";

    private KernelSelector() {
    }

    /** The best available kernels, honouring {@value #PROPERTY}. */
    static Kernels select() {
        String forced = System.getProperty(PROPERTY, "").trim();
        if (forced.equalsIgnoreCase("scalar")) {
            return ScalarKernels.INSTANCE;
        }
        Kernels vector = vectorKernels();
        if (vector != null) {
            return vector;
        }
        if (forced.equalsIgnoreCase("vector")) {
            LOG.warn("{}=vector requested but jdk.incubator.vector is not available; using scalar kernels", PROPERTY);
        }
        return ScalarKernels.INSTANCE;
    }

    /** The vector kernels, or null when the module is absent or they cannot be loaded. */
    static Kernels vectorKernels() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            return (Kernels) Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.debug("vector kernels unavailable", e);
            return null;
        }
    }
}
