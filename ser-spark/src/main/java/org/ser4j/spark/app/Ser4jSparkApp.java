package org.ser4j.spark.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.ser4j.models.WindowedEmotionClassifier;
import org.ser4j.spark.ResultColumns;
import org.ser4j.spark.SparkEmotionClassifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar ser4j-spark.jar --master local[2] --input DIR --output DIR}, or the same options
 * after {@code spark-submit ... ser4j-spark.jar}: classifies every audio file under a folder of any
 * file system Spark reads (recursively) and writes one row per file, with the columns of
 * {@link ResultColumns}, as Parquet (the default) or CSV with a header row.
 *
 * <p>The output folder must not exist unless {@code --overwrite} is given; Spark's committer writes
 * the files under its {@code _temporary} folder and moves them into place when the job succeeds,
 * with a {@code _SUCCESS} marker. Exit codes: 0 every file classified, 1 some file could not be
 * (its row has an error), 2 bad usage, an unusable model, an existing output or a failed job.
 */
@Command(name = "ser4j-spark", mixinStandardHelpOptions = true, versionProvider = Ser4jSparkApp.Version.class,
        description = "Classify the emotion of every audio file (.wav, .flac, .mp3, .ogg) under a folder on Apache Spark.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every file classified", "1:some file could not be classified (see its error column)",
            "2:bad usage, unusable model, existing output or a failed job"})
public final class Ser4jSparkApp implements Callable<Integer> {
    /** Files the input folder is searched for (Spark's pathGlobFilter; case as usually written). */
    static final String AUDIO_GLOB = "*.{wav,WAV,flac,FLAC,mp3,MP3,ogg,OGG}";

    /** Output formats. */
    enum Format { parquet, csv }

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. local[2]; default: the one spark-submit sets, else local[*].")
    String master;

    @Option(names = "--input", required = true, paramLabel = "DIR",
            description = "Folder of audio files, searched recursively (any file system Spark reads: file:, hdfs:, s3a:, ...).")
    String input;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder to write; must not exist unless --overwrite.")
    String output;

    @Option(names = "--format", paramLabel = "parquet|csv", defaultValue = "parquet",
            description = "Output format; CSV files have a header row. Default: ${DEFAULT-VALUE}.")
    Format format = Format.parquet;

    @Option(names = "--model", paramLabel = "NAME|PATH", defaultValue = "default",
            description = "Bundled model (default, time, mel, ensemble) or an ONNX model exported by ser-training:"
                    + " a path on every node (the driver included), or the name of a file given to spark-submit --files. Default: ${DEFAULT-VALUE}.")
    String model = "default";

    @Option(names = "--overwrite", description = "Replace the output folder if it exists.")
    boolean overwrite;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Spread the files over N partitions (a shuffle of their bytes); default: as Spark splits the input.")
    Integer partitions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A command with its default options; picocli sets the options from the command line. */
    public Ser4jSparkApp() {
    }

    /**
     * Entry point for {@code java -jar} and {@code spark-submit}.
     *
     * @param args the options, as picocli parses them
     */
    public static void main(String[] args) {
        // What Spark's own launcher sets for Java 17 (the jar's manifest opens the packages).
        if (System.getProperty("io.netty.tryReflectionSetAccessible") == null) {
            System.setProperty("io.netty.tryReflectionSetAccessible", "true");
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command in this JVM, with an existing Spark session if there is one (then it is left
     * running), else with a new one that is stopped at the end.
     *
     * @param args the options
     * @param out receives the summary line
     * @param err receives usage and error messages
     * @return the exit code
     */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Ser4jSparkApp());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("ser4j-spark: error: " + e);
            return 2;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (partitions != null && partitions < 1) {
            err.println("ser4j-spark: --partitions must be at least 1, got " + partitions);
            return 2;
        }
        boolean ownSession = SparkSession.getActiveSession().isEmpty();
        SparkSession.Builder builder = SparkSession.builder().appName("ser4j-spark");
        org.apache.spark.SparkConf conf = new org.apache.spark.SparkConf();
        String effectiveMaster = master != null ? master : conf.get("spark.master", "local[*]");
        builder.master(effectiveMaster);
        if (effectiveMaster.startsWith("local") && !conf.contains("spark.driver.host")) {
            // One JVM: keep the driver on the loopback interface rather than the first network one.
            builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        SparkSession spark = builder.getOrCreate();
        try {
            return classify(spark, out, err);
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
    }

    private int classify(SparkSession spark, PrintWriter out, PrintWriter err) throws IOException {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        org.apache.hadoop.fs.Path outPath = new org.apache.hadoop.fs.Path(output);
        FileSystem outFs = outPath.getFileSystem(hadoop);
        if (outFs.exists(outPath) && !overwrite) {
            err.println("ser4j-spark: output " + output + " exists; give --overwrite to replace it");
            return 2;
        }
        org.apache.hadoop.fs.Path inPath = new org.apache.hadoop.fs.Path(input);
        if (!inPath.getFileSystem(hadoop).exists(inPath)) {
            err.println("ser4j-spark: input " + input + " does not exist");
            return 2;
        }
        if (!checkModelOnDriver(spark, err)) {
            return 2;
        }
        Dataset<Row> files = spark.read().format("binaryFile")
                .option("recursiveFileLookup", "true")
                .option("pathGlobFilter", AUDIO_GLOB)
                .load(input);
        if (partitions != null) {
            files = files.repartition(partitions);
        }
        Dataset<Row> results = SparkEmotionClassifier.forModel(model).classifyContent(files);
        results.write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists)
                .option("header", "true").format(format.name()).save(output);

        Dataset<Row> written = spark.read().format(format.name()).option("header", "true")
                .schema(ResultColumns.schema()).load(output);
        long total = written.count();
        long failed = written.filter(written.col(ResultColumns.ERROR).isNotNull()).count();
        out.println(String.format(Locale.ROOT, "classified %d of %d files (%d with an error) into %s (%s)",
                total - failed, total, failed, output, format));
        if (total == 0) {
            err.println("ser4j-spark: no audio file (" + AUDIO_GLOB + ") under " + input);
            return 1;
        }
        return failed == 0 ? 0 : 1;
    }

    /**
     * Opens the model once on the driver, so that a misspelt name or a damaged file is one clear
     * message instead of every task failing. A model given only as the name of a file distributed
     * with the job ({@code spark-submit --files}) is left to the executors, which find their copy;
     * a name that is neither a file here nor among the job's files is refused at once.
     */
    private boolean checkModelOnDriver(SparkSession spark, PrintWriter err) {
        boolean bundled = org.ser4j.models.EmotionClassifiers.isBundledName(model);
        if (!bundled && !java.nio.file.Files.isRegularFile(java.nio.file.Path.of(model))) {
            org.apache.spark.SparkConf conf = spark.sparkContext().getConf();
            String added = String.join(",", scala.jdk.javaapi.CollectionConverters.asJava(spark.sparkContext().listFiles()));
            if (amongJobFiles(conf.get("spark.files", "") + "," + conf.get("spark.yarn.dist.files", "") + "," + added, model)) {
                return true;
            }
            err.println("ser4j-spark: model " + model + ": no such file, and not a bundled model ("
                    + "default, time, mel, ensemble"
                    + ") nor the name of a file given to the job (spark-submit --files)");
            return false;
        }
        try (WindowedEmotionClassifier c = bundled && !java.nio.file.Files.exists(java.nio.file.Path.of(model))
                ? org.ser4j.models.EmotionClassifiers.bundled(model, org.ser4j.models.ClassifierOptions.defaults())
                : org.ser4j.models.EmotionClassifiers.fromOnnx(java.nio.file.Path.of(model))) {
            return true;
        } catch (IOException | RuntimeException e) {
            err.println("ser4j-spark: cannot load model " + model + ": " + e.getMessage());
            return false;
        }
    }

    /**
     * Whether the file name of {@code model} (a name or a path, as the executors look it up in
     * {@code SparkFiles}) is the file name, or the {@code #alias}, of one of {@code jobFiles}
     * (comma-separated URIs, as in {@code spark.files}; percent-escapes decoded). Lenient on
     * purpose: it only catches a model that no executor could find.
     */
    static boolean amongJobFiles(String jobFiles, String model) {
        String wanted;
        try {
            java.nio.file.Path name = java.nio.file.Path.of(model).getFileName();
            if (name == null) {
                return false;
            }
            wanted = name.toString();
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
        for (String uri : jobFiles.split(",")) {
            String trimmed = uri.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int hash = trimmed.indexOf('#');
            String alias = hash >= 0 ? trimmed.substring(hash + 1) : null;
            String path = decoded(hash >= 0 ? trimmed.substring(0, hash) : trimmed);
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (name.equals(wanted) || wanted.equals(alias)) {
                return true;
            }
        }
        return false;
    }

    private static String decoded(String uri) {
        try {
            String path = new java.net.URI(uri).getPath();
            return path == null ? uri : path;
        } catch (java.net.URISyntaxException e) {
            return uri;
        }
    }

    /** The version line: ser4j's and Spark's versions. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String ser4j = Ser4jSparkApp.class.getPackage().getImplementationVersion();
            return new String[] {"ser4j-spark " + (ser4j == null ? "(development build)" : ser4j)
                    + ", Apache Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION()};
        }
    }
}
