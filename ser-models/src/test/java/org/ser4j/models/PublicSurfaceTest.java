package org.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ser4j.core.EmotionClassifier;

/** The factories hand out interfaces; the ONNX Runtime implementation and its parts stay package-private. */
class PublicSurfaceTest {
    @Test
    void everyFactoryReturnsAnInterface() {
        List<Method> factories = Arrays.stream(EmotionClassifiers.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && EmotionClassifier.class.isAssignableFrom(m.getReturnType()))
                .toList();
        assertEquals(11, factories.size(), factories.toString());
        for (Method m : factories) {
            assertEquals(WindowedEmotionClassifier.class, m.getReturnType(), m.toString());
        }
    }

    @Test
    void theImplementationAndItsPartsAreNotPublic() {
        for (Class<?> c : List.of(OnnxEmotionClassifier.class, ModelRateAudio.class, WindowedInference.class,
                WeightedEnsemble.class, StreamingBatchClassifier.class, FailureResults.class, ClassifierLifecycle.class,
                OnnxModel.class, WindowedEmotionStream.class)) {
            assertFalse(Modifier.isPublic(c.getModifiers()), c + " is public");
        }
    }
}
