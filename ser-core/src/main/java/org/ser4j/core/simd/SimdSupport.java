package org.ser4j.core.simd;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the Vector API kernels may run, and their reflective loading. They run when the JVM
 * was started with {@code --add-modules jdk.incubator.vector} and the system property
 * {@value #PROPERTY} is not {@code off} (also accepted: {@code false}, {@code scalar}); otherwise
 * every module uses its portable scalar kernels, with the same results to the documented
 * tolerances. The kernel classes are loaded reflectively, so that code compiled against the
 * incubator module never loads in a JVM that lacks it.
 *
 * <p>Every vector kernel of ser4j uses only the preferred species of its element type: on JDK 17
 * a second shape anywhere in the JVM makes the JIT box the vectors of every kernel (see
 * ser-features' README).
 *
 * <p>Internal to ser4j (see the package documentation). Thread-safe.
 */
public final class SimdSupport {
    /** The system property that turns the vector kernels off: {@code -Dser4j.simd=off}. */
    public static final String PROPERTY = "ser4j.simd";
    private static final String MODULE = "jdk.incubator.vector";
    private static final Logger LOG = LoggerFactory.getLogger(SimdSupport.class);

    private SimdSupport() {
    }

    /**
     * Whether vector kernels may be used in this JVM, read at each call (tests flip the property).
     *
     * @return true when the incubator module is in the boot layer and {@value #PROPERTY} does not
     *     turn the kernels off
     */
    public static boolean enabled() {
        return !turnedOff() && ModuleLayer.boot().findModule(MODULE).isPresent();
    }

    /**
     * Whether the user turned the vector kernels off on purpose (so a scalar kernel is no
     * reason to warn).
     *
     * @return true when {@value #PROPERTY} is {@code off}, {@code false} or {@code scalar}
     */
    public static boolean turnedOff() {
        String setting = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        return setting.equals("off") || setting.equals("false") || setting.equals("scalar");
    }

    /**
     * Creates a vector kernel reflectively, if vector kernels are {@link #enabled()}.
     *
     * @param <T> the kernel interface
     * @param type the kernel interface the class implements
     * @param className the implementation's binary name; it must have a public or package-visible
     *     constructor taking {@code argumentTypes}
     * @param argumentTypes the constructor's parameter types
     * @param arguments the constructor's arguments
     * @return the kernel, or null when vector kernels are off, the module is missing or the class
     *     cannot be created here, its constructor's own exceptions included (the reason is logged
     *     at debug level): the caller then uses its scalar kernel
     */
    public static <T> T load(Class<T> type, String className, Class<?>[] argumentTypes, Object... arguments) {
        if (!enabled()) {
            return null;
        }
        try {
            var constructor = Class.forName(className).asSubclass(type).getDeclaredConstructor(argumentTypes);
            constructor.setAccessible(true);
            return type.cast(constructor.newInstance(arguments));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.debug("vector kernel {} unavailable, using the scalar one", className, e);
            return null;
        }
    }
}
