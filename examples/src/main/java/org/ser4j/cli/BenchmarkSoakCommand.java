package org.ser4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.ser4j.models.ClassifierOptions;
import org.ser4j.models.WindowedEmotionClassifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ser4j benchmark soak FILE...}: classifies the files over and over through the streaming
 * batch API and prints, as JSON lines, how memory evolves: live heap (after a full GC), committed
 * heap, resident set size ({@code VmRSS} of {@code /proc/self/status}), direct and mapped NIO
 * buffers, and, when the JVM runs with {@code -XX:NativeMemoryTracking=summary}, the committed
 * native memory it tracks, with the part outside the Java heap. A final line gives the growth of
 * each figure from the first samples (taken after warm-up) to the last: the median of the last
 * three samples minus the median of the first three (or the last minus the first with fewer
 * samples), so that one sample taken while the garbage collector had grown the young generation
 * does not pass for a leak. Memory that grows with the number of classifications is a leak; ONNX
 * Runtime's own allocations show in the RSS only. For a steady RSS figure run the JVM with a fixed
 * heap ({@code -Xms} equal to {@code -Xmx} and {@code -XX:+AlwaysPreTouch}): RSS then moves only
 * with native memory.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {"Classify the files repeatedly and print heap, RSS and direct/native memory over time (JSON lines).",
            "The last line gives the growth from the first sample to the last."})
public final class BenchmarkSoakCommand implements Callable<Integer> {
    /** A command with its default options; picocli sets the options from the command line. */
    public BenchmarkSoakCommand() {
    }

    private static final double MIB = 1024.0 * 1024.0;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "WAV files, classified in turn.")
    List<Path> files;

    @Mixin
    ModelOption model;

    @Option(names = "--classifications", paramLabel = "N", defaultValue = "100000",
            description = "Classifications in all. Default: ${DEFAULT-VALUE}.")
    long classifications;

    @Option(names = "--every", paramLabel = "N", defaultValue = "5000",
            description = "Print a sample every N classifications (the first after N, once warm). Default: ${DEFAULT-VALUE}.")
    long every;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (classifications < 1 || every < 1 || every > classifications) {
            err.println(CliErrors.prefix(spec) + "--classifications and --every must be >= 1, --every at most --classifications");
            return ExitCodes.USAGE;
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                err.println(CliErrors.prefix(spec) + f + ": no such file");
                return ExitCodes.USAGE;
            }
        }
        WindowedEmotionClassifier classifier = model.open(ClassifierOptions.defaults(), err, CliErrors.prefix(spec));
        if (classifier == null) {
            return ExitCodes.USAGE;
        }
        ObjectMapper json = new ObjectMapper();
        long started = System.nanoTime();
        long[] done = {0, 0}; // classifications, failures
        List<ObjectNode> samples = new java.util.ArrayList<>();
        Iterable<Path> cycle = () -> new Iterator<>() {
            long given;

            @Override
            public boolean hasNext() {
                return given < classifications;
            }

            @Override
            public Path next() {
                return files.get((int) (given++ % files.size()));
            }
        };
        try (classifier) {
            classifier.classifyEach(cycle, r -> {
                done[0]++;
                if (!r.isSuccess()) {
                    done[1]++;
                    if (done[1] <= 10) {
                        err.println(CliErrors.prefix(spec) + r.error().orElseThrow());
                    }
                }
                if (done[0] % every == 0 || done[0] == classifications) {
                    ObjectNode s = sample(json, done[0], done[1], (System.nanoTime() - started) / 1e9);
                    samples.add(s);
                    out.println(s.toString());
                    out.flush();
                }
            });
        } catch (Error e) {
            err.println(CliErrors.prefix(spec) + CliErrors.stopped(e, done[0], classifications));
            return ExitCodes.FAILED;
        }
        ObjectNode summary = json.createObjectNode();
        summary.put("soak", "done");
        summary.put("model", model.model);
        summary.put("files", files.size());
        summary.put("classifications", done[0]);
        summary.put("failed", done[1]);
        summary.put("seconds", round((System.nanoTime() - started) / 1e9));
        int k = Math.min(3, samples.size() / 2);
        List<ObjectNode> head = samples.subList(0, Math.max(1, k));
        List<ObjectNode> tail = samples.subList(samples.size() - Math.max(1, k), samples.size());
        summary.put("fromClassification", head.get(0).get("classifications").asLong());
        summary.put("samplesPerEnd", head.size());
        for (String field : new String[] {"heapLiveMiB", "heapCommittedMiB", "rssMiB", "rssNonHeapMiB", "directMiB",
            "nativeCommittedMiB", "nativeNonHeapCommittedMiB"}) {
            if (samples.get(0).has(field)) {
                summary.put(field.replace("MiB", "GrowthMiB"), round(median(tail, field) - median(head, field)));
                summary.put(field.replace("MiB", "MaxMiB"), samples.stream().mapToDouble(o -> o.get(field).asDouble()).max().orElseThrow());
            }
        }
        out.println(summary.toString());
        out.flush();
        return done[1] == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static double median(List<ObjectNode> samples, String field) {
        double[] v = samples.stream().mapToDouble(o -> o.get(field).asDouble()).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** One sample of the process's memory, after a full GC so that the live heap is comparable. */
    private static ObjectNode sample(ObjectMapper json, long classifications, long failed, double seconds) {
        System.gc();
        ObjectNode o = json.createObjectNode();
        o.put("classifications", classifications);
        o.put("failed", failed);
        o.put("seconds", round(seconds));
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        o.put("heapLiveMiB", round(heap.getUsed() / MIB));
        o.put("heapCommittedMiB", round(heap.getCommitted() / MIB));
        long rss = residentKiB();
        if (rss >= 0) {
            o.put("rssMiB", round(rss / 1024.0));
        }
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                o.put("directMiB", round(pool.getMemoryUsed() / MIB));
            } else if (pool.getName().equals("mapped")) {
                o.put("mappedMiB", round(pool.getMemoryUsed() / MIB));
            }
        }
        double[] nmt = nativeCommittedMiB();
        if (rss >= 0) {
            // The heap's committed pages as NMT counts them when it is on (the MXBean's figure lags behind the GC).
            double heapCommitted = nmt != null ? nmt[1] : heap.getCommitted() / MIB;
            o.put("rssNonHeapMiB", round(rss / 1024.0 - heapCommitted));
        }
        if (nmt != null) {
            o.put("nativeCommittedMiB", round(nmt[0]));
            o.put("nativeNonHeapCommittedMiB", round(nmt[0] - nmt[1]));
        }
        return o;
    }

    /** VmRSS from /proc/self/status, KiB; -1 where there is no such file. */
    static long residentKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");
    private static final Pattern NMT_HEAP = Pattern.compile("Java Heap \\(reserved=(\\d+)KB, committed=(\\d+)KB");

    /**
     * The JVM's committed memory from Native Memory Tracking, MiB: the total and the Java heap's
     * part; null when NMT is off.
     */
    private static double[] nativeCommittedMiB() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            String text = String.valueOf(server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "vmNativeMemory", new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()}));
            Matcher total = NMT_TOTAL.matcher(text);
            Matcher heap = NMT_HEAP.matcher(text);
            if (!total.find() || !heap.find()) {
                return null;
            }
            return new double[] {Long.parseLong(total.group(2)) / 1024.0, Long.parseLong(heap.group(2)) / 1024.0};
        } catch (Exception e) {
            return null; // NMT not enabled, or no diagnostic commands on this JVM
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
