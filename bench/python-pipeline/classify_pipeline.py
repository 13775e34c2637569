#!/usr/bin/env python3
"""The "soundfile + librosa + PyTorch" side of ser4j's `benchmark classify` (issue 16).

Per file, the reference notebook's inference pipeline for ser4j's default model, written the way
a typical Python user would:

  decode   librosa.load(path, sr=16000)            (soundfile; resampled only if not 16 kHz)
           zero-pad at the end, or cut, to 80,080 samples (5.005 s)
  time     librosa.feature.zero_crossing_rate + librosa.feature.rms (frame 2048, hop 512,
           center=True), concatenated to 314 values -> [1, 1, 314]
  mel      librosa.feature.melspectrogram(sr=16000, n_fft=2048, hop_length=512, n_mels=128)
           -> librosa.power_to_db(S, ref=np.max) (top_db 80) -> [1, 1, 128, 157]
  models   the notebook's 1D CNN (time, 318,438 parameters) and 2D CNN (mel, 1,175,174
           parameters) in torch.nn, eval mode, under torch.no_grad(); softmax of each,
           0.35 * p(time) + 0.65 * p(mel)

The weights are random (PyTorch's default init): the speed does not depend on them, and the
parameter counts are asserted so that the work is that of ser4j's bundled models.

Measures, like `ser4j benchmark classify`:
  latencyMsMedian           median wall time of one file's pipeline on ONE thread (torch and
                            BLAS limited to 1 thread), over --runs calls cycling over the files,
                            after --warmup calls per file
  throughputClipsPerSecond  files per second, one process, one file after another, torch
                            threads = --threads (BLAS left at its default), wall time including
                            decoding, over all files repeated to at least --throughput-clips
Prints one JSON line on stdout; per-stage mean milliseconds go to stderr.

Run it with Debian's /usr/bin/python3 (python3-torch 1.13.1 etc.) and librosa on PYTHONPATH;
see README.md beside this file.

Usage: classify_pipeline.py [--threads T] [--runs R] [--warmup W] [--throughput-clips N]
                            [--fftlib default|numpy|scipy] FILE...
"""
import argparse
import json
import os
import platform
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn as nn

import librosa
import soundfile

try:
    from threadpoolctl import threadpool_limits
except ImportError:  # threadpoolctl comes with scikit-learn, a librosa dependency
    threadpool_limits = None

SR = 16000
N_SAMPLES = 80080
FRAME = 2048
HOP = 512
N_MELS = 128
W_TIME = 0.35
W_MEL = 0.65
TIME_PARAMS = 318_438
MEL_PARAMS = 1_175_174


def time_model() -> nn.Module:
    """The notebook's 1D CNN: input [N, 1, 314]."""
    return nn.Sequential(
        nn.Conv1d(1, 16, 3), nn.ReLU(), nn.MaxPool1d(2),        # 312 -> 156
        nn.Conv1d(16, 32, 3), nn.ReLU(),                          # 154
        nn.Conv1d(32, 32, 5), nn.ReLU(),                          # 150
        nn.Conv1d(32, 64, 7), nn.ReLU(), nn.MaxPool1d(2),        # 144 -> 72
        nn.Flatten(),                                             # 64 * 72
        nn.Linear(64 * 72, 64), nn.ReLU(),
        nn.Linear(64, 32), nn.ReLU(),
        nn.Linear(32, 6),
    )


def mel_model() -> nn.Module:
    """The notebook's 2D CNN: input [N, 1, 128, 157]."""
    def block(cin, cout, k, pad):
        return [nn.Conv2d(cin, cout, k, padding=pad), nn.ReLU(), nn.MaxPool2d(2)]
    return nn.Sequential(
        *block(1, 16, 3, 0),      # 126x155 -> 63x77
        *block(16, 32, 3, 0),     # 61x75 -> 30x37
        *block(32, 64, 3, 0),     # 28x35 -> 14x17
        *block(64, 64, 5, 2),     # same -> 7x8
        *block(64, 128, 5, 2),    # same -> 3x4
        *block(128, 128, 7, 3),   # same -> 1x2
        nn.Flatten(),             # 128 * 1 * 2 = 256
        nn.Linear(256, 128), nn.ReLU(),
        nn.Linear(128, 64), nn.ReLU(),
        nn.Linear(64, 6),
    )


def n_params(m: nn.Module) -> int:
    return sum(p.numel() for p in m.parameters())


def decode(path: str) -> np.ndarray:
    """librosa.load at 16 kHz, then zero-padded at the end or cut to 80,080 samples."""
    y, _ = librosa.load(path, sr=SR)
    if len(y) >= N_SAMPLES:
        return y[:N_SAMPLES]
    return np.pad(y, (0, N_SAMPLES - len(y)))


def time_features(y: np.ndarray) -> np.ndarray:
    """157 ZCR values then 157 RMS values (frame 2048, hop 512, center=True): float32 [314]."""
    zcr = librosa.feature.zero_crossing_rate(y, frame_length=FRAME, hop_length=HOP)
    rms = librosa.feature.rms(y=y, frame_length=FRAME, hop_length=HOP)
    return np.concatenate([zcr[0], rms[0]]).astype(np.float32)


def mel_features(y: np.ndarray) -> np.ndarray:
    """128-band mel power in dB, ref = max, top_db 80: [128, 157]."""
    s = librosa.feature.melspectrogram(y=y, sr=SR, n_fft=FRAME, hop_length=HOP, n_mels=N_MELS)
    return librosa.power_to_db(s, ref=np.max)


class Pipeline:
    STAGES = ("decode", "time_features", "mel_features", "models")

    def __init__(self):
        torch.manual_seed(0)
        self.time = time_model().eval()
        self.mel = mel_model().eval()
        assert n_params(self.time) == TIME_PARAMS, n_params(self.time)
        assert n_params(self.mel) == MEL_PARAMS, n_params(self.mel)
        self.reset_stages()

    def reset_stages(self):
        self.stage_s = dict.fromkeys(self.STAGES, 0.0)
        self.calls = 0

    def classify(self, path: str) -> np.ndarray:
        t0 = time.perf_counter()
        y = decode(path)
        t1 = time.perf_counter()
        x_time = time_features(y)
        t2 = time.perf_counter()
        db = mel_features(y)
        t3 = time.perf_counter()
        with torch.no_grad():
            p_time = torch.softmax(self.time(torch.from_numpy(x_time).view(1, 1, -1)), dim=1)
            p_mel = torch.softmax(
                self.mel(torch.from_numpy(db.astype(np.float32)).view(1, 1, N_MELS, -1)), dim=1)
            p = (W_TIME * p_time + W_MEL * p_mel)[0].numpy()
        t4 = time.perf_counter()
        st = self.stage_s
        st["decode"] += t1 - t0
        st["time_features"] += t2 - t1
        st["mel_features"] += t3 - t2
        st["models"] += t4 - t3
        self.calls += 1
        return p

    def stage_summary(self) -> str:
        n = max(1, self.calls)
        return ", ".join(f"{k} {1e3 * v / n:.2f}" for k, v in self.stage_s.items())


def cpu_name() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return f"{line.split(':', 1)[1].strip()}, {os.cpu_count()} vCPU"
    except OSError:
        pass
    return f"{platform.processor() or platform.machine()}, {os.cpu_count()} vCPU"


class _NoLimit:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        return False


def one_blas_thread():
    return threadpool_limits(limits=1) if threadpool_limits else _NoLimit()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--threads", type=int, default=2, help="torch threads in the throughput run (default 2)")
    ap.add_argument("--runs", type=int, default=30, help="timed single-thread calls, cycling over the files (default 30)")
    ap.add_argument("--warmup", type=int, default=1, help="warm-up calls per file before timing (default 1)")
    ap.add_argument("--throughput-clips", type=int, default=64,
                    help="minimum clips in the throughput run: the files repeated (default 64)")
    ap.add_argument("--fftlib", choices=("default", "numpy", "scipy"), default="default",
                    help="FFT backend of librosa's STFT: librosa's own default (0.10.x: numpy.fft, "
                         "0.11+: scipy.fft), or set one with librosa.set_fftlib (default: default)")
    ap.add_argument("files", nargs="+", metavar="FILE")
    a = ap.parse_args(argv)
    if a.threads < 1 or a.runs < 1 or a.warmup < 0 or a.throughput_clips < 1:
        ap.error("--threads, --runs and --throughput-clips must be >= 1, --warmup >= 0")

    if a.fftlib != "default":
        import warnings
        import scipy.fft
        with warnings.catch_warnings():  # set_fftlib is deprecated from librosa 0.11 on
            warnings.simplefilter("ignore", FutureWarning)
            librosa.set_fftlib(np.fft if a.fftlib == "numpy" else scipy.fft)
    torch_default_threads = torch.get_num_threads()
    pipe = Pipeline()

    # Latency: one thread for torch and for numpy's BLAS.
    torch.set_num_threads(1)
    good = []
    with one_blas_thread():
        for f in a.files:
            try:
                for _ in range(max(1, a.warmup)):
                    pipe.classify(f)
                good.append(f)
            except (OSError, RuntimeError, ValueError, soundfile.LibsndfileError) as e:
                print(f"classify_pipeline: {f}: {e}", file=sys.stderr)
        if not good:
            print("classify_pipeline: no file could be classified", file=sys.stderr)
            return 1
        pipe.reset_stages()
        lat = []
        for i in range(a.runs):
            f = good[i % len(good)]
            t0 = time.perf_counter()
            pipe.classify(f)
            lat.append((time.perf_counter() - t0) * 1e3)
    print(f"# stages, mean ms, 1 thread ({a.runs} calls): {pipe.stage_summary()}", file=sys.stderr)

    # Throughput: one process, files one after another, torch with --threads, BLAS as it comes.
    torch.set_num_threads(a.threads)
    batch = []
    while len(batch) < a.throughput_clips:
        batch.extend(good)
    for f in good[: min(len(good), 8)]:
        pipe.classify(f)  # warm the thread pools
    pipe.reset_stages()
    t0 = time.perf_counter()
    for f in batch:
        pipe.classify(f)
    wall = time.perf_counter() - t0
    print(f"# stages, mean ms, {a.threads} torch threads ({len(batch)} clips): {pipe.stage_summary()}",
          file=sys.stderr)

    out = {
        "benchmark": "classify",
        "pipeline": f"soundfile {soundfile.__version__}+librosa {librosa.__version__}+PyTorch {torch.__version__}",
        "files": len(good),
        "threads": a.threads,
        "torchDefaultThreads": torch_default_threads,
        "latencyMsMedian": round(statistics.median(lat), 3),
        "throughputClipsPerSecond": round(len(batch) / wall, 3),
        "latencyRuns": a.runs,
        "throughputClips": len(batch),
        "cpu": cpu_name(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "fftlib": librosa.get_fftlib().__name__,
    }
    print(json.dumps(out, separators=(",", ":")))
    sys.stdout.flush()
    return 0 if len(good) == len(a.files) else 1


if __name__ == "__main__":
    sys.exit(main())
