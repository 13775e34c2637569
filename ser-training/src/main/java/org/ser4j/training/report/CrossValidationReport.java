package org.ser4j.training.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import org.ser4j.training.calibration.ReliabilityBin;

/**
 * Everything the {@code report.json} of a cross-validation holds. Immutable; built by
 * {@code CrossValidationPipeline} and written by {@link CrossValidationReportWriter}.
 *
 * <p>Figures "at the chosen epoch" are those of every fold's network after
 * {@link #chosenEpoch()} epochs: the epoch count with the best mean held-out accuracy over the
 * folds (so that, unlike per-fold best epochs, one setting is scored on every fold).
 *
 * @param command always {@code "cv"}
 * @param ser4jVersion version of the tool that wrote the report
 * @param createdAt ISO-8601 UTC time the report was made
 * @param model the model kind ({@code time}/{@code mel})
 * @param dataDirectories the data folders read
 * @param config the training settings of every fold
 * @param seed the seed of the folds and the training
 * @param folds the folds: speakers, clip counts and scores at the chosen epoch
 * @param epochs per epoch, the mean and standard deviation over folds of held-out accuracy and
 *     macro F1
 * @param chosenEpoch the 1-based epoch with the best mean held-out accuracy (first on a tie)
 * @param bestMacroF1Epoch the 1-based epoch with the best mean held-out macro F1
 * @param summary mean and standard deviation over folds at the chosen epoch
 * @param pooled metrics of all out-of-fold predictions together, at the chosen epoch
 * @param perCorpus out-of-fold scores of each corpus's clips at the chosen epoch, by corpus id
 * @param calibration calibration of the pooled out-of-fold probabilities, before and after
 *     temperature scaling
 * @param skippedFiles files left out, with their reasons
 * @param parameterCount trainable parameters of the network
 * @param trainSamplesPerSecond median training throughput over every fold's epochs after its first
 *     (each fold's only epoch when the folds ran one)
 * @param peakHeapBytes peak Java heap use, see {@link RunReport#measurePeakHeap()}
 * @param finalModel the final model trained on all clips, or null when none was trained
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"command", "ser4jVersion", "createdAt", "model", "dataDirectories", "config", "seed", "folds", "epochs",
        "chosenEpoch", "bestMacroF1Epoch", "summary", "pooled", "perCorpus", "calibration", "skippedFiles", "parameterCount",
        "trainSamplesPerSecond", "peakHeapBytes", "finalModel"})
public record CrossValidationReport(String command, String ser4jVersion, String createdAt, String model, List<String> dataDirectories,
        Map<String, Object> config, long seed, List<Fold> folds, List<EpochSummary> epochs, int chosenEpoch, int bestMacroF1Epoch,
        Summary summary, ClassMetrics pooled, Map<String, CorpusScore> perCorpus, CalibrationSummary calibration, List<RunReport.SkippedEntry> skippedFiles,
        long parameterCount, double trainSamplesPerSecond, long peakHeapBytes, FinalModel finalModel) {

    /**
     * Copies the collections.
     *
     * @param command always {@code "cv"}
     * @param ser4jVersion version of the tool that wrote the report
     * @param createdAt ISO-8601 UTC time the report was made
     * @param model the model kind
     * @param dataDirectories the data folders read; copied
     * @param config the training settings of every fold; copied, order kept
     * @param seed the seed of the folds and the training
     * @param folds the folds in order; copied
     * @param epochs one entry per epoch, in order; copied
     * @param chosenEpoch the 1-based epoch with the best mean held-out accuracy
     * @param bestMacroF1Epoch the 1-based epoch with the best mean held-out macro F1
     * @param summary mean and standard deviation over folds at the chosen epoch
     * @param pooled metrics of all out-of-fold predictions at the chosen epoch
     * @param perCorpus out-of-fold scores per corpus id; copied, order kept
     * @param calibration calibration of the pooled out-of-fold probabilities
     * @param skippedFiles files left out; copied
     * @param parameterCount trainable parameters of the network
     * @param trainSamplesPerSecond median training throughput
     * @param peakHeapBytes peak Java heap use in bytes
     * @param finalModel the final model, or null
     * @throws NullPointerException if a collection or an element of one is null
     */
    public CrossValidationReport {
        dataDirectories = List.copyOf(dataDirectories);
        config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
        folds = List.copyOf(folds);
        epochs = List.copyOf(epochs);
        perCorpus = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perCorpus));
        skippedFiles = List.copyOf(skippedFiles);
    }

    /**
     * One fold.
     *
     * @param fold 1-based fold number
     * @param speakers the held-out speakers ({@code corpus:speaker}), sorted
     * @param trainClips clips the fold's network was trained on
     * @param heldOutClips clips it was scored on
     * @param accuracy held-out accuracy at the chosen epoch
     * @param macroF1 held-out macro F1 at the chosen epoch
     * @param bestEpoch the fold's own best epoch by held-out accuracy (for information only)
     * @param heldOutCounts held-out clips per emotion label
     * @param history the fold's per-epoch records (validation = its held-out speakers)
     */
    public record Fold(int fold, List<String> speakers, int trainClips, int heldOutClips, double accuracy, double macroF1,
            int bestEpoch, Map<String, Integer> heldOutCounts, List<org.ser4j.training.EpochRecord> history) {
        /**
         * Copies the collections.
         *
         * @param fold 1-based fold number
         * @param speakers the held-out speakers; copied
         * @param trainClips clips trained on
         * @param heldOutClips clips scored
         * @param accuracy held-out accuracy at the chosen epoch
         * @param macroF1 held-out macro F1 at the chosen epoch
         * @param bestEpoch the fold's own best epoch by held-out accuracy
         * @param heldOutCounts held-out clips per emotion label; copied, order kept
         * @param history the fold's per-epoch records; copied
         * @throws NullPointerException if a collection or an element of a list is null
         */
        public Fold {
            speakers = List.copyOf(speakers);
            history = List.copyOf(history);
            heldOutCounts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(heldOutCounts));
        }
    }

    /**
     * Held-out scores of one epoch over the folds.
     *
     * @param epoch 1-based epoch
     * @param meanAccuracy mean held-out accuracy over the folds
     * @param stdAccuracy its sample standard deviation over the folds
     * @param meanMacroF1 mean held-out macro F1 over the folds
     * @param stdMacroF1 its sample standard deviation over the folds
     */
    public record EpochSummary(int epoch, double meanAccuracy, double stdAccuracy, double meanMacroF1, double stdMacroF1) {
    }

    /**
     * The cross-validated estimate.
     *
     * @param meanAccuracy mean held-out accuracy over the folds at the chosen epoch
     * @param stdAccuracy its sample standard deviation over the folds
     * @param meanMacroF1 mean held-out macro F1 over the folds at the chosen epoch
     * @param stdMacroF1 its sample standard deviation over the folds
     */
    public record Summary(double meanAccuracy, double stdAccuracy, double meanMacroF1, double stdMacroF1) {
    }

    /**
     * Out-of-fold scores of one corpus's clips.
     *
     * @param clips the corpus's clips
     * @param accuracy fraction of them predicted correctly
     * @param macroF1 macro F1 over the emotions that occur in them
     */
    public record CorpusScore(long clips, double accuracy, double macroF1) {
    }

    /**
     * Calibration of the pooled out-of-fold probabilities.
     *
     * @param bins number of equal-width confidence bins of the ECE
     * @param eceBefore expected calibration error of the network's probabilities
     * @param nllBefore their mean negative log-likelihood (nats)
     * @param temperature the temperature fitted on them (minimum NLL)
     * @param eceAfter expected calibration error after temperature scaling (fitted and scored on
     *     the same predictions, so slightly optimistic)
     * @param nllAfter mean negative log-likelihood after temperature scaling
     * @param reliabilityBefore the bins before scaling
     * @param reliabilityAfter the bins after scaling
     */
    public record CalibrationSummary(int bins, double eceBefore, double nllBefore, double temperature, double eceAfter,
            double nllAfter, List<ReliabilityBin> reliabilityBefore, List<ReliabilityBin> reliabilityAfter) {
        /**
         * Copies the lists.
         *
         * @param bins number of confidence bins
         * @param eceBefore ECE before scaling
         * @param nllBefore NLL before scaling
         * @param temperature the fitted temperature
         * @param eceAfter ECE after scaling
         * @param nllAfter NLL after scaling
         * @param reliabilityBefore bins before scaling; copied
         * @param reliabilityAfter bins after scaling; copied
         * @throws NullPointerException if a list is null
         */
        public CalibrationSummary {
            reliabilityBefore = List.copyOf(reliabilityBefore);
            reliabilityAfter = List.copyOf(reliabilityAfter);
        }
    }

    /**
     * The model trained on every clip after the folds.
     *
     * @param file the exported model's file name in the output directory
     * @param epochs epochs it was trained for (the chosen epoch)
     * @param clips clips it was trained on
     * @param temperature the temperature stored in its metadata
     */
    public record FinalModel(String file, int epochs, int clips, double temperature) {
    }
}
