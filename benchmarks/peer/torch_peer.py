"""Times bench's workloads with PyTorch (libtorch's CPU kernels) on this machine and writes a peer file for `bench --peer`.

    python benchmarks/peer/torch_peer.py --threads 1 2 --seconds 1 --output peer.json
    dotnet run --project src/Lab -c Release -- bench --threads 1 --peer peer.json

Each workload mirrors src/Workloads/WorkloadCatalog.cs: same sizes, seeds, layers, losses and optimizers. Medians of
stopwatch runs after a warm-up, like QuickBench. Needs only `torch` (CPU build); CI never runs it.
Output format (docs/performance.md, "Peer timings"):
    {"source": "torch 2.10.0+cpu", "timings": [{"workload": "mlp784_step", "threads": 1, "medianMs": 19.5}, ...]}
"""
import argparse
import json
import os
import statistics
import tempfile
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def seed000_experiment():
    def run():
        torch.manual_seed(42)
        x_train, x_val = torch.randn(60, 20), torch.randn(400, 20)
        y_train = ((x_train[:, 0] + 0.5 * x_train[:, 1]) > 0).float().unsqueeze(1)
        y_val = ((x_val[:, 0] + 0.5 * x_val[:, 1]) > 0).float().unsqueeze(1)
        for p in (0.0, 0.4):
            layers = [nn.Linear(20, 256), nn.ReLU()] + ([nn.Dropout(p)] if p else []) + \
                     [nn.Linear(256, 256), nn.ReLU()] + ([nn.Dropout(p)] if p else []) + [nn.Linear(256, 1)]
            model = nn.Sequential(*layers)
            optimizer = torch.optim.Adam(model.parameters(), lr=5e-4)
            loss_fn = nn.BCEWithLogitsLoss()
            for _ in range(100):
                model.train()
                loss = loss_fn(model(x_train), y_train)
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
            model.eval()
            with torch.no_grad():
                ((model(x_val) > 0).float() == y_val).float().mean()
    return run


def mlp784_step():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Dropout(0.5),
                          nn.Linear(512, 512), nn.ReLU(), nn.Dropout(0.5), nn.Linear(512, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    # The C# stack also computes the first layer's input gradient, so the input asks for one here too.
    x = torch.randn(128, 784).requires_grad_(True)
    target = torch.arange(128) % 10

    def run():
        optimizer.zero_grad()
        loss_fn(model(x), target).backward()
        optimizer.step()
    return run


def dropout(shape, two_d):
    torch.manual_seed(0)
    x = torch.rand(*shape) * 2 - 1

    def run():
        with torch.no_grad():
            return F.dropout2d(x, 0.5, training=True) if two_d else F.dropout(x, 0.5, training=True)
    return run


def linear_fwd_bwd(batch, n_in, n_out):
    torch.manual_seed(0)
    layer = nn.Linear(n_in, n_out)
    x = torch.rand(batch, n_in).requires_grad_(True)
    grad_output = torch.rand(batch, n_out)

    def run():
        layer.zero_grad(set_to_none=True)
        x.grad = None
        layer(x).backward(grad_output)
    return run


WORKLOADS = {
    "seed000_experiment": seed000_experiment,
    "mlp784_step": mlp784_step,
    "dropout16M_train": lambda: dropout((1 << 24,), False),
    "dropout2d_train": lambda: dropout((64, 256, 32, 32), True),
    "linear_fwd_bwd_60x256x256": lambda: linear_fwd_bwd(60, 256, 256),
    "linear_fwd_bwd_256x1024x1024": lambda: linear_fwd_bwd(256, 1024, 1024),
}


def median_ms(run, seconds):
    start = time.perf_counter()
    warm = 0
    while warm < 1 or (time.perf_counter() - start < seconds * 0.25 and warm < 50):
        run()
        warm += 1
    times = []
    start = time.perf_counter()
    while not times or (time.perf_counter() - start < seconds and len(times) < 10_000):
        t = time.perf_counter()
        run()
        times.append((time.perf_counter() - t) * 1e3)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, nargs="+", default=[1])
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--workload", nargs="+", choices=list(WORKLOADS), default=list(WORKLOADS))
    parser.add_argument("--output", default="peer.json")
    args = parser.parse_args()
    timings = []
    for threads in args.threads:
        torch.set_num_threads(threads)
        for name in args.workload:
            ms = median_ms(WORKLOADS[name](), args.seconds)
            print(f"{name:30s} {threads} thread(s) {ms:10.3f} ms", flush=True)
            timings.append({"workload": name, "threads": threads, "medianMs": ms})
    report = {"source": f"torch {torch.__version__} (libtorch CPU), {torch.backends.cpu.get_cpu_capability()}",
              "timings": timings}
    # Written atomically, as bench writes its own JSON: a temporary file in the same folder, then a rename.
    folder = os.path.dirname(os.path.abspath(args.output))
    with tempfile.NamedTemporaryFile("w", dir=folder, delete=False, suffix=".tmp") as f:
        json.dump(report, f, indent=2)
    os.replace(f.name, args.output)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
