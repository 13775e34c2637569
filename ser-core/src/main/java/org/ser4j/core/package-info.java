/**
 * The ser4j API: {@link org.ser4j.core.Emotion}, {@link org.ser4j.core.Prediction} and
 * {@link org.ser4j.core.EmotionClassifier}. Implementations live in ser-models; nothing here
 * depends on a runtime or on DSP.
 */
package org.ser4j.core;
