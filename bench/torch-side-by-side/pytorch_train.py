#!/usr/bin/env python3
"""The Python PyTorch side of ser4j's `benchmark train` (issue 16 names PyTorch 1.13 CPU).

The same two reference architectures as ser-training's Architectures and as
TorchTrainBenchmark.java (libtorch through JavaCPP): Glorot-uniform kernels with Keras fans,
zero biases, mean softmax cross-entropy plus the notebook's Keras-style L2 kernel penalties
l2 * sum(W^2) at scale 1, Adam (0.9, 0.999, eps 1e-7), synthetic standard-normal inputs and
random labels; two warm-up steps, then steps until at least --seconds and --min-steps (3).
Prints one JSON line per model and batch, in the shape of `ser4j benchmark train`.

Python PyTorch is what the issue compares with; Debian 12 packages it (python3-torch 1.13.1,
`apt-get install python3-torch`), so run it with /usr/bin/python3, not a pyenv interpreter.

Usage: pytorch_train.py [--model mel,time] [--batch 64,1024] [--threads 2] [--seconds 10]
       [--min-steps 3] [--no-l2] [--check]
"""
import argparse
import json
import math
import os
import platform
import time

import torch
import torch.nn.functional as F

CLASSES = 6
PARAMETERS = {"mel": 1_175_174, "time": 318_438}


class Net(torch.nn.Module):
    """A network as a list of (kernel, bias, l2) and the mel or time forward pass."""

    def __init__(self, model, input_shape, learning_rate):
        super().__init__()
        self.model = model
        self.input_shape = input_shape
        self.learning_rate = learning_rate
        self.kernels = torch.nn.ParameterList()
        self.biases = torch.nn.ParameterList()
        self.l2 = []

    def add(self, shape, fan_in, fan_out, l2):
        limit = math.sqrt(6.0 / (fan_in + fan_out))
        self.kernels.append(torch.nn.Parameter(torch.empty(shape).uniform_(-limit, limit)))
        self.biases.append(torch.nn.Parameter(torch.zeros(shape[0])))
        self.l2.append(l2)

    def conv2d(self, cin, cout, k, l2):
        self.add((cout, cin, k, k), cin * k * k, cout * k * k, l2)

    def conv1d(self, cin, cout, k, l2):
        self.add((cout, cin, k), cin * k, cout * k, l2)

    def dense(self, cin, cout, l2):
        self.add((cout, cin), cin, cout, l2)

    def forward(self, x):
        k, b = self.kernels, self.biases
        h = x
        if self.model == "mel":
            for i in range(6):
                size = k[i].shape[2]
                # "same" for odd kernels at stride 1 is a symmetric padding of k // 2
                pad = 0 if i < 3 else size // 2
                h = F.max_pool2d(F.relu(F.conv2d(h, k[i], b[i], padding=pad)), 2)
            h = torch.flatten(h, 1)
            h = F.relu(F.linear(h, k[6], b[6]))
            h = F.relu(F.linear(h, k[7], b[7]))
            return F.linear(h, k[8], b[8])
        for i in range(4):
            h = F.relu(F.conv1d(h, k[i], b[i]))
            if i in (0, 3):
                h = F.max_pool1d(h, 2)
        h = torch.flatten(h, 1)
        h = F.relu(F.linear(h, k[4], b[4]))
        h = F.relu(F.linear(h, k[5], b[5]))
        return F.linear(h, k[6], b[6])

    def loss(self, x, y, l2):
        loss = F.cross_entropy(self.forward(x), y)
        if l2:
            for kernel, factor in zip(self.kernels, self.l2):
                if factor > 0:
                    loss = loss + factor * kernel.square().sum()
        return loss


def mel(s=1.0):
    n = Net("mel", (1, 128, 157), 1e-3)
    n.conv2d(1, 16, 3, 0)
    n.conv2d(16, 32, 3, 0)
    n.conv2d(32, 64, 3, 0)
    n.conv2d(64, 64, 5, 0.05 * s)
    n.conv2d(64, 128, 5, 0.05 * s)
    n.conv2d(128, 128, 7, 0.05 * s)
    # 128 channels x 1 x 2 after six valid/same convolutions and 2x2 pools of 128 x 157
    n.dense(256, 128, 0.1 * s)
    n.dense(128, 64, 0.01 * s)
    n.dense(64, CLASSES, 0)
    return n


def time_model(s=1.0):
    n = Net("time", (1, 314), 2.5e-3)
    n.conv1d(1, 16, 3, 0.1 * s)
    n.conv1d(16, 32, 3, 0.1 * s)
    n.conv1d(32, 32, 5, 0.1 * s)
    n.conv1d(32, 64, 7, 0.1 * s)
    # 64 channels x 72 frames after conv 3, pool, conv 3, 5, 7, pool of 314
    n.dense(64 * 72, 64, 0.003 * s)
    n.dense(64, 32, 0.001 * s)
    n.dense(32, CLASSES, 0)
    return n


def build(model):
    if model == "mel":
        return mel()
    if model == "time":
        return time_model()
    raise SystemExit(f"unknown model '{model}' (use mel or time)")


def adam(net):
    return torch.optim.Adam(net.parameters(), lr=net.learning_rate, betas=(0.9, 0.999), eps=1e-7)


def step(net, opt, x, y, l2):
    opt.zero_grad()
    loss = net.loss(x, y, l2)
    loss.backward()
    opt.step()
    return loss.item()


def check(model, l2):
    """20 steps on one fixed batch of 32: the cross-entropy must fall (the net memorises it)."""
    torch.manual_seed(7)
    net = build(model)
    opt = adam(net)
    x = torch.randn((32,) + net.input_shape)
    y = torch.randint(CLASSES, (32,))
    with torch.no_grad():
        first = F.cross_entropy(net(x), y).item()
    trace = [step(net, opt, x, y, l2) for _ in range(20)]
    with torch.no_grad():
        last = F.cross_entropy(net(x), y).item()
    print(json.dumps({"check": model, "parameters": sum(p.numel() for p in net.parameters()), "l2": l2,
                      "crossEntropyBefore": round(first, 4), "crossEntropyAfter20Steps": round(last, 4),
                      "trainingLossPerStep": " ".join(f"{v:.4f}" for v in trace), "decreased": last < first}))
    if not last < first:
        raise SystemExit(f"{model}: cross-entropy did not decrease: {first} -> {last}")


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.machine()


def timed(model, batch, threads, seconds, min_steps, l2):
    torch.manual_seed(42)
    net = build(model)
    opt = adam(net)
    x = torch.randn((batch,) + net.input_shape)
    y = torch.randint(CLASSES, (batch,))
    step(net, opt, x, y, l2)
    step(net, opt, x, y, l2)
    steps = 0
    t0 = time.perf_counter()
    while True:
        step(net, opt, x, y, l2)
        steps += 1
        elapsed = time.perf_counter() - t0
        if elapsed >= seconds and steps >= min_steps:
            break
    framework = f"PyTorch {torch.__version__} (Python {platform.python_version()}" + (
        ", oneDNN)" if torch.backends.mkldnn.is_available() else ", no oneDNN)")
    return json.dumps({"benchmark": "train", "model": model, "batch": batch, "threads": threads, "steps": steps,
                       "samplesPerSecond": round(steps * batch / elapsed, 1), "l2": l2, "framework": framework,
                       "malloc": malloc_name(), "cpu": cpu_name()}, separators=(",", ":"))


def malloc_name():
    """The allocator this process runs with: the LD_PRELOADed malloc library, else glibc's."""
    for lib in os.environ.get("LD_PRELOAD", "").split(":"):
        base = os.path.basename(lib)
        if "malloc" in base:
            return base
    return "glibc"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model", default="mel,time")
    p.add_argument("--batch", default="64,1024")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seconds", type=float, default=10)
    p.add_argument("--min-steps", type=int, default=3)
    p.add_argument("--no-l2", action="store_true")
    p.add_argument("--check", action="store_true")
    a = p.parse_args()
    torch.set_num_interop_threads(1)
    torch.set_num_threads(a.threads)
    torch.manual_seed(42)
    models = a.model.split(",")
    for m in models:
        n = sum(p.numel() for p in build(m).parameters())
        if n != PARAMETERS[m]:
            raise SystemExit(f"{m} model has {n} parameters, expected {PARAMETERS[m]}")
        if a.check:
            check(m, not a.no_l2)
            if not a.no_l2:
                check(m, False)
    if a.check:
        return
    for m in models:
        for batch in (int(b) for b in a.batch.split(",")):
            print(timed(m, batch, a.threads, a.seconds, a.min_steps, not a.no_l2), flush=True)


if __name__ == "__main__":
    main()
