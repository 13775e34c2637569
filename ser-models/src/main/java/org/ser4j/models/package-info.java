/**
 * Emotion classification with ONNX Runtime: {@link org.ser4j.models.EmotionClassifiers} (the
 * entry point, including the bundled trained models), the interface they return,
 * {@link org.ser4j.models.WindowedEmotionClassifier}, and its result types ({@link org.ser4j.models.Timeline}, {@link org.ser4j.models.WindowPrediction},
 * {@link org.ser4j.models.ClassificationResult}) and its in-memory input
 * ({@link org.ser4j.models.EncodedAudio}, for audio that is not on the local file system). Batches stream: {@code classifyEach} hands each
 * file's result to a callback in input order as soon as it is known, with bounded memory, on the
 * classifier's own threads or on an {@code Executor} the caller supplies. Live audio goes through
 * an {@link org.ser4j.models.EmotionStream} ({@code openStream}): chunks in, each window's
 * prediction out as soon as the window is complete, the same windows as a timeline. The ONNX Runtime
 * implementation is package-private and split by job (audio at the model rate, windows and the
 * timeline, the weighted ensemble, batching, the lifecycle).
 *
 * <p>Inference only: audio decoding lives in ser-core, feature extraction in ser-features and
 * training in ser-training. Nothing here writes files, prints or exits; logging goes through the
 * SLF4J API. Bundled models are class-path resources under {@code org/ser4j/models/bundled/}, each
 * with a {@code .sha256} checked on load; they ship in the separate artifact
 * {@code org.ser4j:ser-models-bundled}, which an application that needs other terms leaves out.
 */
package org.ser4j.models;
