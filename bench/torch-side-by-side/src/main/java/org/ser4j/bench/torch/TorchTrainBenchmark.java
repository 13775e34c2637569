package org.ser4j.bench.torch;

import static org.bytedeco.pytorch.global.torch.conv1d;
import static org.bytedeco.pytorch.global.torch.conv2d;
import static org.bytedeco.pytorch.global.torch.cross_entropy_loss;
import static org.bytedeco.pytorch.global.torch.linear;
import static org.bytedeco.pytorch.global.torch.max_pool1d;
import static org.bytedeco.pytorch.global.torch.max_pool2d;
import static org.bytedeco.pytorch.global.torch.relu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * The libtorch side of ser4j's {@code benchmark train}: the same two reference architectures
 * (ser-training's {@code Architectures}), Glorot-uniform kernels and zero biases, softmax
 * cross-entropy (mean over the batch) plus the notebook's Keras-style L2 kernel penalties
 * {@code l2 * sum(W^2)} at scale 1, Adam, synthetic standard-normal inputs and random labels; two
 * warm-up steps, then steps until at least {@code --seconds} and {@code --min-steps} (3); one JSON line per model and batch,
 * in the shape of {@code ser4j benchmark train}.
 *
 * <p>Everything runs through libtorch's C++ API (ATen + autograd + torch::optim::Adam) via the
 * JavaCPP presets, so the convolutions go to the same oneDNN kernels as Python PyTorch on CPU.
 *
 * <p>Usage: {@code java -jar torch-side-by-side.jar [--model mel,time] [--batch 64,1024]
 * [--threads 2] [--seconds 10] [--min-steps 3] [--no-l2] [--check] [--config]}.
 */
public final class TorchTrainBenchmark {
    static final int CLASSES = 6;
    static final long MEL_PARAMETERS = 1_175_174;
    static final long TIME_PARAMETERS = 318_438;

    private TorchTrainBenchmark() {
    }

    /** One parameterised layer: kernel, bias, and its L2 factor (0 = none). */
    record Param(Tensor kernel, Tensor bias, double l2) {
    }

    /** A network as a list of parameters and a forward function over them. */
    static final class Net {
        final String model;
        final List<Param> params = new ArrayList<>();
        final long[] inputShape;
        final double learningRate;

        Net(String model, long[] inputShape, double learningRate) {
            this.model = model;
            this.inputShape = inputShape;
            this.learningRate = learningRate;
        }

        /** Glorot-uniform kernel (Keras fans: channels x receptive field), zero bias. */
        Param add(long[] kernelShape, int fanIn, int fanOut, double l2) {
            double limit = Math.sqrt(6.0 / (fanIn + fanOut));
            Tensor k = torch.empty(kernelShape);
            k.uniform_(-limit, limit, new org.bytedeco.pytorch.GeneratorOptional());
            k.requires_grad_(true);
            Tensor b = torch.zeros(kernelShape[0]);
            b.requires_grad_(true);
            Param p = new Param(k, b, l2);
            params.add(p);
            return p;
        }

        Param addConv2d(int in, int out, int k, double l2) {
            return add(new long[] {out, in, k, k}, in * k * k, out * k * k, l2);
        }

        Param addConv1d(int in, int out, int k, double l2) {
            return add(new long[] {out, in, k}, in * k, out * k, l2);
        }

        Param addDense(int in, int out, double l2) {
            return add(new long[] {out, in}, in, out, l2);
        }

        long parameterCount() {
            long n = 0;
            for (Param p : params) {
                n += p.kernel.numel() + p.bias.numel();
            }
            return n;
        }

        TensorVector tensors() {
            TensorVector v = new TensorVector();
            for (Param p : params) {
                v.push_back(p.kernel);
                v.push_back(p.bias);
            }
            return v;
        }

        /** Logits for a batch; the mel or time architecture. */
        Tensor forward(Tensor x) {
            return model.equals("mel") ? forwardMel(x) : forwardTime(x);
        }

        private Tensor forwardMel(Tensor x) {
            long[] one = {1, 1};
            long[] none = {0, 0};
            long[] pool = {2, 2};
            Tensor h = x;
            for (int i = 0; i < 6; i++) {
                Param p = params.get(i);
                long k = p.kernel.size(2);
                // "same" for odd kernels at stride 1 is a symmetric padding of k / 2
                long[] pad = i < 3 ? none : new long[] {k / 2, k / 2};
                h = conv2d(h, p.kernel, new TensorOptional(p.bias), one, pad, one, 1);
                h = relu(h);
                h = max_pool2d(h, pool, pool, none, one, false);
            }
            h = torch.flatten(h, 1, -1);
            h = relu(linear(h, params.get(6).kernel, new TensorOptional(params.get(6).bias)));
            h = relu(linear(h, params.get(7).kernel, new TensorOptional(params.get(7).bias)));
            return linear(h, params.get(8).kernel, new TensorOptional(params.get(8).bias));
        }

        private Tensor forwardTime(Tensor x) {
            long[] one = {1};
            long[] none = {0};
            long[] pool = {2};
            Tensor h = x;
            for (int i = 0; i < 4; i++) {
                Param p = params.get(i);
                h = relu(conv1d(h, p.kernel, new TensorOptional(p.bias), one, none, one, 1));
                if (i == 0 || i == 3) {
                    h = max_pool1d(h, pool, pool, none, one, false);
                }
            }
            h = torch.flatten(h, 1, -1);
            h = relu(linear(h, params.get(4).kernel, new TensorOptional(params.get(4).bias)));
            h = relu(linear(h, params.get(5).kernel, new TensorOptional(params.get(5).bias)));
            return linear(h, params.get(6).kernel, new TensorOptional(params.get(6).bias));
        }

        /** Mean softmax cross-entropy plus the L2 kernel penalties when {@code l2}. */
        Tensor loss(Tensor x, Tensor y, boolean l2) {
            Tensor loss = cross_entropy_loss(forward(x), y);
            if (l2) {
                for (Param p : params) {
                    if (p.l2 > 0) {
                        loss = loss.add(p.kernel.square().sum().mul(new Scalar(p.l2)));
                    }
                }
            }
            return loss;
        }
    }

    /** The mel model of ser-training's Architectures (input [1, 128, 157]). */
    static Net mel(double l2Scale) {
        Net n = new Net("mel", new long[] {1, 128, 157}, 1e-3);
        double s = l2Scale;
        n.addConv2d(1, 16, 3, 0);
        n.addConv2d(16, 32, 3, 0);
        n.addConv2d(32, 64, 3, 0);
        n.addConv2d(64, 64, 5, 0.05 * s);
        n.addConv2d(64, 128, 5, 0.05 * s);
        n.addConv2d(128, 128, 7, 0.05 * s);
        // 128 channels x 1 x 2 after six valid/same convolutions and 2x2 pools of 128 x 157
        n.addDense(256, 128, 0.1 * s);
        n.addDense(128, 64, 0.01 * s);
        n.addDense(64, CLASSES, 0);
        return n;
    }

    /** The time model of ser-training's Architectures (input [1, 314]). */
    static Net time(double l2Scale) {
        Net n = new Net("time", new long[] {1, 314}, 2.5e-3);
        double s = l2Scale;
        n.addConv1d(1, 16, 3, 0.1 * s);
        n.addConv1d(16, 32, 3, 0.1 * s);
        n.addConv1d(32, 32, 5, 0.1 * s);
        n.addConv1d(32, 64, 7, 0.1 * s);
        // 64 channels x 72 frames after conv 3, pool, conv 3, 5, 7, pool of 314
        n.addDense(64 * 72, 64, 0.003 * s);
        n.addDense(64, 32, 0.001 * s);
        n.addDense(32, CLASSES, 0);
        return n;
    }

    static Adam adam(Net net, double learningRate) {
        AdamOptions o = new AdamOptions(learningRate);
        o.betas().put(0, 0.9).put(1, 0.999);
        o.eps().put(1e-7);
        return new Adam(net.tensors(), o);
    }

    static Tensor inputs(Net net, int batch) {
        long[] shape = new long[net.inputShape.length + 1];
        shape[0] = batch;
        System.arraycopy(net.inputShape, 0, shape, 1, net.inputShape.length);
        return torch.randn(shape);
    }

    static Tensor labels(int batch) {
        return torch.randint(CLASSES, new long[] {batch}, new TensorOptions(torch.ScalarType.Long));
    }

    /** One training step: forward, loss, backward, Adam; returns the loss. */
    static float step(Net net, Adam opt, Tensor x, Tensor y, boolean l2) {
        try (PointerScope scope = new PointerScope()) {
            opt.zero_grad();
            Tensor loss = net.loss(x, y, l2);
            loss.backward();
            opt.step();
            return loss.item_float();
        }
    }

    public static void main(String[] args) {
        List<String> models = List.of("mel", "time");
        List<Integer> batches = List.of(64, 1024);
        int threads = 2;
        double seconds = 10;
        boolean l2 = true;
        boolean check = false;
        boolean config = false;
        int minSteps = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> models = List.of(args[++i].split(","));
                case "--batch" -> batches = parseInts(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--min-steps" -> minSteps = Integer.parseInt(args[++i]);
                case "--no-l2" -> l2 = false;
                case "--check" -> check = true;
                case "--config" -> config = true;
                default -> {
                    System.err.println("unknown option " + args[i]
                            + " (use --model mel,time --batch 64,1024 --threads N --seconds S --min-steps N --no-l2 --check --config)");
                    System.exit(2);
                }
            }
        }
        // inter-op first: it can only be set before any inter-op work has started
        torch.set_num_interop_threads(1);
        torch.set_num_threads(threads);
        torch.manual_seed(42);
        if (config) {
            System.out.println(torch.show_config().getString());
            System.out.println(torch.get_parallel_info().getString());
            System.out.println("hasMKLDNN=" + torch.hasMKLDNN() + " hasMKL=" + torch.hasMKL());
        }
        for (String m : models) {
            Net probe = build(m, 1.0);
            long expected = m.equals("mel") ? MEL_PARAMETERS : TIME_PARAMETERS;
            if (probe.parameterCount() != expected) {
                throw new IllegalStateException(m + " model has " + probe.parameterCount()
                        + " parameters, expected " + expected);
            }
            if (check) {
                // with the penalty the mel loss is mostly L2 at first, so also check the plain cross-entropy
                check(m, l2);
                if (l2) {
                    check(m, false);
                }
            }
        }
        if (check) {
            return;
        }
        for (String m : models) {
            for (int batch : batches) {
                System.out.println(time(m, batch, threads, seconds, minSteps, l2));
                System.out.flush();
            }
        }
    }

    static Net build(String model, double l2Scale) {
        return switch (model) {
            case "mel" -> mel(l2Scale);
            case "time" -> time(l2Scale);
            default -> throw new IllegalArgumentException("unknown model '" + model + "' (use mel or time)");
        };
    }

    /** 20 steps on one fixed batch of 32: the loss must fall (the net memorises the batch). */
    static void check(String model, boolean l2) {
        torch.manual_seed(7);
        Net net = build(model, 1.0);
        Adam opt = adam(net, net.learningRate);
        Tensor x = inputs(net, 32);
        Tensor y = labels(32);
        float first;
        float last;
        // the cross-entropy alone, so the fall is not just the L2 penalty shrinking
        try (PointerScope scope = new PointerScope()) {
            first = cross_entropy_loss(net.forward(x), y).item_float();
        }
        StringBuilder trace = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            float loss = step(net, opt, x, y, l2);
            trace.append(String.format(Locale.ROOT, "%s%.4f", i == 0 ? "" : " ", loss));
        }
        try (PointerScope scope = new PointerScope()) {
            last = cross_entropy_loss(net.forward(x), y).item_float();
        }
        System.out.printf(Locale.ROOT,
                "{\"check\":\"%s\",\"parameters\":%d,\"l2\":%b,\"crossEntropyBefore\":%.4f,\"crossEntropyAfter20Steps\":%.4f,"
                        + "\"trainingLossPerStep\":\"%s\",\"decreased\":%b}%n",
                model, net.parameterCount(), l2, first, last, trace, last < first);
        if (!(last < first)) {
            throw new IllegalStateException(model + ": cross-entropy did not decrease: " + first + " -> " + last);
        }
    }

    static String time(String model, int batch, int threads, double seconds, int minSteps, boolean l2) {
        torch.manual_seed(42);
        Net net = build(model, 1.0);
        Adam opt = adam(net, net.learningRate);
        Tensor x = inputs(net, batch);
        Tensor y = labels(batch);
        step(net, opt, x, y, l2);
        step(net, opt, x, y, l2);
        int steps = 0;
        long t0 = System.nanoTime();
        long elapsed;
        do {
            step(net, opt, x, y, l2);
            steps++;
            elapsed = System.nanoTime() - t0;
        } while (elapsed < seconds * 1e9 || steps < minSteps);
        double perSecond = Math.round(steps * (double) batch / (elapsed / 1e9) * 10) / 10.0;
        String framework = "libtorch " + torch.TORCH_VERSION + " via JavaCPP "
                + javacppVersion() + (torch.hasMKLDNN() ? " (oneDNN)" : " (no oneDNN)");
        return String.format(Locale.ROOT,
                "{\"benchmark\":\"train\",\"model\":\"%s\",\"batch\":%d,\"threads\":%d,\"steps\":%d,"
                        + "\"samplesPerSecond\":%s,\"l2\":%b,\"framework\":\"%s\",\"cpu\":\"%s\",\"java\":\"%s\"}",
                model, batch, threads, steps, perSecond, l2, framework, json(cpuName()), json(Runtime.version().toString()));
    }

    private static String javacppVersion() {
        try {
            return org.bytedeco.javacpp.Loader.getVersion();
        } catch (IOException e) {
            return "?";
        }
    }

    private static List<Integer> parseInts(String s) {
        List<Integer> out = new ArrayList<>();
        for (String part : s.split(",")) {
            out.add(Integer.parseInt(part.trim()));
        }
        return out;
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** The CPU's model name from /proc/cpuinfo (Linux), else the architecture. */
    static String cpuName() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: fall back below
        }
        return System.getProperty("os.arch");
    }
}
