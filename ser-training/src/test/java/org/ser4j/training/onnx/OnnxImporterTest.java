package org.ser4j.training.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ser4j.core.model.FeatureKind;
import org.ser4j.training.nn.Network;
import org.ser4j.training.nn.SequentialNetwork;

class OnnxImporterTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(FeatureKind.class)
    void exportThenImportGivesTheSameParametersLayersMetadataAndPredictions(FeatureKind kind) throws Exception {
        try (Network net = OnnxExporterTest.perturbed(kind)) {
            Path file = dir.resolve(kind.id() + ".onnx");
            OnnxExporter.export(net, OnnxExporterTest.metadata(kind), file);
            ImportedModel imported = OnnxImporter.read(file);
            assertEquals(OnnxExporterTest.metadata(kind), imported.metadata());
            Map<String, String> stored = new LinkedHashMap<>();
            for (StringStringEntryProto e : ModelProto.parseFrom(Files.readAllBytes(file)).getMetadataPropsList()) {
                stored.put(e.getKey(), e.getValue());
            }
            assertEquals(new ArrayList<>(stored.entrySet()), new ArrayList<>(imported.properties().entrySet()));
            try (SequentialNetwork back = imported.toNetwork(2)) {
                assertArrayEquals(net.parameters(), back.parameters());
                assertEquals(net.layers().size(), back.layers().size());
                assertEquals(kind, back.kind());
                assertEquals(net.inputLength(), back.inputLength());
                int n = 3;
                float[] x = new float[n * net.inputLength()];
                Random r = new Random(5);
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) r.nextGaussian();
                }
                assertArrayEquals(net.predict(x, n), back.predict(x, n));
                // and the rebuilt network exports to the same bytes
                Path again = dir.resolve(kind.id() + "-again.onnx");
                OnnxExporter.export(back, imported.metadata(), again);
                assertArrayEquals(OnnxExporter.toModel(net, imported.metadata()).getGraph().toByteArray(),
                        ModelProto.parseFrom(Files.readAllBytes(again)).getGraph().toByteArray());
            }
        }
    }

    @Test
    void aFileThatIsNotAModelIsRefusedWithTheReason() throws Exception {
        Path file = dir.resolve("junk.onnx");
        Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxImporter.read(file));
        assertTrue(e.getMessage().contains("not an ONNX model"), e.getMessage());
    }

    @Test
    void aModelWithoutSer4jMetadataOrWithForeignNodesIsRefused() {
        try (Network net = OnnxExporterTest.perturbed(FeatureKind.TIME_DOMAIN)) {
            ModelProto model = OnnxExporter.toModel(net, OnnxExporterTest.metadata(FeatureKind.TIME_DOMAIN));
            ModelProto noMetadata = model.toBuilder().clearMetadataProps().build();
            assertTrue(assertThrows(IllegalArgumentException.class, () -> OnnxImporter.fromModel(noMetadata))
                    .getMessage().contains("not a ser4j model"));
            ModelProto foreign = model.toBuilder().setGraph(model.getGraph().toBuilder()
                    .setNode(1, model.getGraph().getNode(1).toBuilder().setOpType("Sigmoid"))).build();
            assertTrue(assertThrows(IllegalArgumentException.class, () -> OnnxImporter.fromModel(foreign))
                    .getMessage().contains("unsupported node Sigmoid"));
        }
    }

    @Test
    void aQuantisedModelCannotBeImportedAsAFloatOne() {
        try (Network net = OnnxExporterTest.perturbed(FeatureKind.TIME_DOMAIN)) {
            ModelProto model = OnnxExporter.toModel(net, OnnxExporterTest.metadata(FeatureKind.TIME_DOMAIN));
            ModelProto qdq = QdqExporter.toModel(model, QdqExporterTest.ranges(net, 4), "test");
            assertThrows(IllegalArgumentException.class, () -> OnnxImporter.fromModel(qdq));
            List<String> ops = qdq.getGraph().getNodeList().stream().map(n -> n.getOpType()).distinct().toList();
            assertTrue(ops.contains("QuantizeLinear"), ops.toString());
        }
    }
}
