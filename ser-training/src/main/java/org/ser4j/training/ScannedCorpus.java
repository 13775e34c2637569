package org.ser4j.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.ser4j.training.corpus.CorpusScanner;
import org.ser4j.training.corpus.ScanOptions;
import org.ser4j.training.corpus.ScanResult;
import org.ser4j.training.corpus.SkippedFile;
import org.ser4j.training.report.RunReport;

/**
 * The labelled clips of a run's data folders, after the checks every training or
 * cross-validation run makes before it starts: the folders exist and hold files, the output and
 * cache folders are writable, and there are at least two classes.
 *
 * @param scan the scanner's result
 * @param skipped the files left out, with their reasons, for the report
 */
record ScannedCorpus(ScanResult scan, List<RunReport.SkippedEntry> skipped) {
    ScannedCorpus {
        skipped = List.copyOf(skipped);
    }

    /**
     * Checks the folders, scans the data and says what was found.
     *
     * @throws TrainingInputException on unusable input
     */
    static ScannedCorpus scan(List<Path> dataDirectories, Path outputDirectory, Path cacheDirectory, Consumer<String> info) {
        InputChecks.dataDirectories(dataDirectories);
        InputChecks.outputDirectory(outputDirectory);
        InputChecks.cacheDirectory(cacheDirectory);
        ScanResult scan;
        try {
            scan = CorpusScanner.scan(dataDirectories, ScanOptions.DEFAULT);
        } catch (IOException e) {
            throw new TrainingInputException("cannot scan " + dataDirectories + ": " + e.getMessage(), e);
        }
        List<RunReport.SkippedEntry> skipped = new ArrayList<>();
        for (SkippedFile s : scan.skipped()) {
            skipped.add(new RunReport.SkippedEntry(s.path().toString(), s.reason()));
        }
        info.accept(String.format(Locale.ROOT, "found %d labelled clips in %s (%d other files skipped, listed in report.json)",
                scan.clips().size(), dataDirectories, scan.skipped().size()));
        InputChecks.atLeastTwoClasses(scan.clips(), dataDirectories);
        return new ScannedCorpus(scan, skipped);
    }
}
