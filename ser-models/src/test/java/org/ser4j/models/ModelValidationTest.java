package org.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OrtException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.model.FeatureKind;
import org.ser4j.core.model.ModelMetadata;

/** Models that do not fit are refused at load time with a message naming the model and the problem. */
class ModelValidationTest {
    @TempDir
    Path dir;

    private final TinyModels.Spec time = TinyModels.timeSpec(3);
    private final long[] timeShape = TinyModels.withBatch(-1, time.metadata().inputShape());

    private Path write(String name, TinyModels.Variant v) throws IOException {
        return TinyModels.write(dir, name, TinyModels.bytes(time, v));
    }

    private <T extends Throwable> T refused(Class<T> type, Path model, String... fragments) {
        T e = assertThrows(type, () -> EmotionClassifiers.fromOnnx(model, ClassifierOptions.defaults(),
                JavaSoundSource.SOURCE, SegmentMeanExtractor.FACTORY));
        assertTrue(e.getMessage().contains(model.toString()), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' missing from: " + e.getMessage());
        }
        return e;
    }

    @Test
    void modelWithoutSer4jMetadataIsRefused() throws IOException {
        Path m = write("plain.onnx", new TinyModels.Variant(Map.of(), timeShape, true));
        refused(IncompatibleModelException.class, m, "not a ser4j model");
    }

    @Test
    void unsupportedFormatVersionIsRefused() throws IOException {
        Path m = write("v9.onnx", new TinyModels.Variant(
                TinyModels.propsWith(time.metadata(), "ser4j.format", "9"), timeShape, true));
        refused(IncompatibleModelException.class, m, "format 9");
    }

    @Test
    void unknownFeatureKindIsRefused() throws IOException {
        Path m = write("mfcc.onnx", new TinyModels.Variant(
                TinyModels.propsWith(time.metadata(), "ser4j.feature.kind", "mfcc"), timeShape, true));
        refused(IncompatibleModelException.class, m, "mfcc");
    }

    @Test
    void missingKeyIsNamed() throws IOException {
        Path m = write("nohop.onnx", new TinyModels.Variant(
                TinyModels.propsWith(time.metadata(), "ser4j.feature.hop_length", null), timeShape, true));
        refused(IncompatibleModelException.class, m, "ser4j.feature.hop_length");
    }

    @Test
    void labelsOtherThanTheSixEmotionsInOrderAreRefused() throws IOException {
        Path m = write("labels.onnx", new TinyModels.Variant(TinyModels.propsWith(time.metadata(), "ser4j.labels",
                "disgust,anger,fear,happy,neutral,sad"), timeShape, true));
        refused(IncompatibleModelException.class, m, "labels", "disgust, anger");
    }

    @Test
    void inputShapeThatDoesNotMatchTheMetadataIsRefused() throws IOException {
        // The weights fit 314 inputs, but the metadata says log-mel: [N, 1, 128, 157] expected.
        Path m = write("kind.onnx", new TinyModels.Variant(
                TinyModels.propsWith(time.metadata(), "ser4j.feature.kind", "mel"), timeShape, true));
        refused(IncompatibleModelException.class, m, "[-1, 1, 314]", "[N, 1, 128, 157]");
    }

    @Test
    void clipLengthThatChangesTheFrameCountIsRefused() throws IOException {
        Path m = write("clip.onnx", new TinyModels.Variant(
                TinyModels.propsWith(time.metadata(), "ser4j.feature.clip_samples", "48000"), timeShape, true));
        refused(IncompatibleModelException.class, m, "[N, 1, 188]");
    }

    @Test
    void outputThatIsNotAProbabilityVectorIsRefused() throws IOException {
        Path m = write("logits.onnx", new TinyModels.Variant(time.metadata().toProperties(), timeShape, false));
        refused(IncompatibleModelException.class, m, "Softmax");
    }

    @Test
    void outputWithAnotherNumberOfClassesIsRefused() throws IOException {
        float[][] w = new float[314][7];
        w[0][6] = 1f;
        TinyModels.Spec seven = new TinyModels.Spec(time.metadata(), w, new float[7]);
        Path m = TinyModels.write(dir, "seven.onnx", TinyModels.bytes(seven));
        refused(IncompatibleModelException.class, m, "[-1, 7]", "expected [N, 6]");
    }

    @Test
    void badStandardisationIsRefused() throws IOException {
        Path zeroStd = write("std0.onnx", new TinyModels.Variant(
                TinyModels.propsWith(time.metadata(), "ser4j.standardize.std", "0"), timeShape, true));
        refused(IncompatibleModelException.class, zeroStd, "std must be finite and positive");
        Map<String, String> three = TinyModels.propsWith(time.metadata(), "ser4j.standardize.mean", "1,2,3");
        three.put("ser4j.standardize.std", "1,1,1");
        Path wrongLength = write("std3.onnx", new TinyModels.Variant(three, timeShape, true));
        refused(IncompatibleModelException.class, wrongLength, "3 values", "314");
    }

    @Test
    void fixedBatchOfOneWorksAndLargerFixedBatchIsRefused() throws IOException {
        Path one = write("b1.onnx", new TinyModels.Variant(time.metadata().toProperties(),
                TinyModels.withBatch(1, time.metadata().inputShape()), true));
        try (OnnxEmotionClassifier c = EmotionClassifiers.fromOnnx(one, ClassifierOptions.defaults().withBatchSize(8),
                JavaSoundSource.SOURCE, SegmentMeanExtractor.FACTORY)) {
            Timeline t = c.classifyTimeline(new AudioClip(JavaSoundSource.signal(300_000, 1), 16000));
            assertEquals(7, t.windows().size());
        }
        Path four = write("b4.onnx", new TinyModels.Variant(time.metadata().toProperties(),
                TinyModels.withBatch(4, time.metadata().inputShape()), true));
        refused(IncompatibleModelException.class, four, "fixed at 4");
    }

    @Test
    void modelThatOpensButCannotRunIsRefusedAtLoad() throws IOException {
        // between Flatten and Gemm: a reshape to rows of 7 (314 is not a multiple of 7, which only
        // shows when the model runs) and back, so the graph itself is valid
        OnnxMl.ModelProto.Builder model = OnnxMl.ModelProto.parseFrom(TinyModels.bytes(time)).toBuilder();
        OnnxMl.GraphProto.Builder graph = model.getGraphBuilder();
        graph.getNodeBuilder(0).setOutput(0, "flat0");
        graph.addInitializer(int64Tensor("rows7", -1, 7)).addInitializer(int64Tensor("rows314", -1, 314));
        graph.addNode(1, OnnxMl.NodeProto.newBuilder().setOpType("Reshape").setName("to7")
                .addInput("flat0").addInput("rows7").addOutput("seven"));
        graph.addNode(2, OnnxMl.NodeProto.newBuilder().setOpType("Reshape").setName("back")
                .addInput("seven").addInput("rows314").addOutput("flat"));
        Path m = TinyModels.write(dir, "fails-at-run.onnx", model.build().toByteArray());
        ModelLoadException e = refused(ModelLoadException.class, m, "running it once on a window of zeros failed");
        assertTrue(e.getCause() != null && e.getCause().getCause() instanceof OrtException, String.valueOf(e.getCause()));
    }

    private static OnnxMl.TensorProto int64Tensor(String name, long... values) {
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber()).addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        return t.build();
    }

    @Test
    void bytesThatAreNotOnnxAreRefused() throws IOException {
        Path m = dir.resolve("garbage.onnx");
        Files.writeString(m, "definitely not a protobuf");
        refused(ModelLoadException.class, m, "ONNX Runtime cannot open it");
    }

    @Test
    void missingAndDirectoryPathsGiveIoErrors() throws IOException {
        NoSuchFileException e = refused(NoSuchFileException.class, dir.resolve("nope.onnx"));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        refused(IOException.class, dir, "directory");
    }

    @Test
    void sidecarChecksumIsVerifiedWhenPresent() throws IOException {
        byte[] bytes = TinyModels.bytes(time);
        Path m = TinyModels.write(dir, "sum.onnx", bytes);
        Files.writeString(dir.resolve("sum.onnx.sha256"), BundledModels.sha256(bytes) + "  sum.onnx\n");
        try (OnnxEmotionClassifier c = EmotionClassifiers.fromOnnx(m, ClassifierOptions.defaults(),
                JavaSoundSource.SOURCE, SegmentMeanExtractor.FACTORY)) {
            assertEquals(FeatureKind.TIME_DOMAIN, c.metadata().get(0).featureKind());
            assertEquals(80_080, c.windowSamples());
            assertEquals(16_000, c.sampleRate());
        }
        Files.writeString(dir.resolve("sum.onnx.sha256"), "0".repeat(64) + "\n");
        refused(ModelLoadException.class, m, "SHA-256 mismatch");
    }

    @Test
    void metadataRoundTripsThroughTheModel() throws IOException {
        Path m = TinyModels.write(dir, "rt.onnx", TinyModels.bytes(time));
        try (OnnxEmotionClassifier c = EmotionClassifiers.fromOnnx(m, ClassifierOptions.defaults(),
                JavaSoundSource.SOURCE, SegmentMeanExtractor.FACTORY)) {
            ModelMetadata md = c.metadata().get(0);
            assertEquals(time.metadata().toProperties(), md.toProperties());
        }
    }
}
