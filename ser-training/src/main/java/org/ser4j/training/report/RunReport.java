package org.ser4j.training.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import org.ser4j.training.EpochRecord;

/**
 * Everything {@code report.json} holds about a training or evaluation run. Immutable; built by
 * the training pipeline or the evaluate command and written by {@link ReportWriter}.
 *
 * @param command {@code "train"} or {@code "evaluate"}
 * @param ser4jVersion version of the tool that wrote the report
 * @param createdAt ISO-8601 UTC time the report was made
 * @param model the model kind ({@code time}/{@code mel}) or, for evaluate, the model file
 * @param dataDirectories the data folders read
 * @param config the training settings (empty for evaluate)
 * @param seed the seed of the split and the training (null for evaluate)
 * @param split how the data was split ({@code speaker}, {@code random}) or {@code none}
 * @param dataCounts clips per class per part: part name ({@code train}, {@code validation},
 *     {@code test}, or {@code evaluation}) to emotion label to count
 * @param skippedFiles files left out, with their reasons
 * @param parameterCount trainable parameters of the network (null when unknown)
 * @param history per-epoch records (empty for evaluate)
 * @param bestEpoch the epoch whose parameters were kept (null for evaluate)
 * @param stoppedEarly whether early stopping ended the run (null for evaluate)
 * @param trainSamplesPerSecond median training throughput over epochs after the first (null for
 *     evaluate)
 * @param peakHeapBytes peak Java heap use of the process so far, summed over heap pools (null
 *     when not measured)
 * @param metrics classification metrics per part: {@code validation} and {@code test} for a
 *     training run, {@code evaluation} for evaluate
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"command", "ser4jVersion", "createdAt", "model", "dataDirectories", "config", "seed", "split", "dataCounts",
        "skippedFiles", "parameterCount", "history", "bestEpoch", "stoppedEarly", "trainSamplesPerSecond", "peakHeapBytes", "metrics"})
public record RunReport(String command, String ser4jVersion, String createdAt, String model, List<String> dataDirectories,
        Map<String, Object> config, Long seed, String split, Map<String, Map<String, Integer>> dataCounts,
        List<SkippedEntry> skippedFiles, Long parameterCount, List<EpochRecord> history, Integer bestEpoch,
        Boolean stoppedEarly, Double trainSamplesPerSecond, Long peakHeapBytes, Map<String, ClassMetrics> metrics) {

    /** Version string written into reports and model metadata. */
    public static final String SER4J_VERSION = "0.1.0-SNAPSHOT";

    /**
     * A file that was left out of the run.
     *
     * @param file the path
     * @param reason why
     */
    public record SkippedEntry(String file, String reason) {
    }

    /**
     * Copies the collections (keeping their iteration order). Fields documented as null for
     * evaluate are left out of {@code report.json} when null.
     *
     * @param command {@code "train"} or {@code "evaluate"}; {@link ReportWriter} writes training
     *     wording for {@code "train"} and evaluation wording for anything else
     * @param ser4jVersion version of the tool that wrote the report, normally
     *     {@link #SER4J_VERSION}
     * @param createdAt ISO-8601 UTC time the report was made, e.g. {@code 2024-05-01T12:00:00Z}
     * @param model the model kind ({@code time}/{@code mel}) or, for evaluate, the model file
     * @param dataDirectories the data folders read, as given; not null, no null element
     * @param config the training settings, e.g. {@link org.ser4j.training.TrainingConfig#asMap()}
     *     (empty for evaluate); not null
     * @param seed the seed of the split and the training (null for evaluate)
     * @param split how the data was split ({@code speaker}, {@code random}) or {@code none}
     * @param dataCounts part name to emotion label to clip count; not null
     * @param skippedFiles files left out, with their reasons; not null, no null element
     * @param parameterCount trainable parameters of the network (null when unknown)
     * @param history per-epoch records in epoch order (empty for evaluate); not null, no null element
     * @param bestEpoch the 1-based epoch whose parameters were kept (null for evaluate)
     * @param stoppedEarly whether early stopping ended the run (null for evaluate)
     * @param trainSamplesPerSecond median training throughput over epochs after the first, in
     *     samples per second (null for evaluate)
     * @param peakHeapBytes peak Java heap use in bytes, see {@link #measurePeakHeap()} (null when not
     *     measured)
     * @param metrics classification metrics per part name, at least one part
     * @throws IllegalArgumentException if {@code metrics} is empty
     * @throws NullPointerException if a collection, or an element of a list, is null
     */
    public RunReport {
        dataDirectories = List.copyOf(dataDirectories);
        config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
        dataCounts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dataCounts));
        skippedFiles = List.copyOf(skippedFiles);
        history = List.copyOf(history);
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("a report needs the metrics of at least one part");
        }
    }

    /**
     * Peak heap use of this JVM so far, summed over the heap memory pools, in bytes.
     *
     * @return the sum of each heap pool's own peak (pools peak at different times, so this can
     *     exceed the true peak of the whole heap); 0 if no pool reports a peak
     */
    public static long measurePeakHeap() {
        long sum = 0;
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /**
     * The part the figures show: {@code test} when present, else {@code evaluation}, else
     * {@code validation}, else the first part.
     *
     * @return a key of {@link #metrics()}, never null
     */
    public String headlinePart() {
        for (String p : List.of("test", "evaluation", "validation")) {
            if (metrics.containsKey(p)) {
                return p;
            }
        }
        return metrics.keySet().iterator().next();
    }
}
