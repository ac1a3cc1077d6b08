#!/usr/bin/python3
"""NumPy's own output for document 003_8edb894460b127c3.txt's generators: writes tests/Golden/numpy.json.

Run from the repository root with Debian's NumPy (the project used python3-numpy 1.24.2 on Debian 12, glibc 2.36,
x86-64 with FMA and AVX-512):

    sudo apt-get install -y python3-numpy
    /usr/bin/python3 tools/golden/numpy_golden.py            # writes tests/Golden/numpy.json
    /usr/bin/python3 tools/golden/numpy_golden.py --tables   # also rewrites src/Core/Random/ZigguratTables.cs

What it records (docs/generator.md explains each algorithm):
  numpy.seed_sequence   SeedSequence(seed): its pool and generate_state(8) as uint32 words
  numpy.pcg64           PCG64(seed): the seeded 128-bit state and increment (hex), then random_raw(n)
  numpy.random          default_rng(seed).random(n)
  numpy.normal          default_rng(seed).normal(loc, scale, shape), every value
  numpy.normal.long     default_rng(seed).normal(0, 1, n) for a long n: the values at chosen indices (every draw that
                        took the ziggurat's tail or wedge branch, the first and the last ones) and the branch counts
  numpy.log1p           glibc's log1p (which NumPy's normal tail calls) on inputs covering its branches
  numpy.log1p.digest    the SHA-256 of log1p(−U) for a million U = default_rng(5).random(n)
  numpy.ziggurat_tables NumPy's ki_double, wi_double, fi_double
  numpy.rand            legacy np.random.seed(seed); np.random.rand(n)
  numpy.doc003          the document's train_with_dropout(p) for p 0.0/0.3/0.5/0.7: per-epoch losses and the printed row

The branch counts come from replaying the ziggurat on random_raw with NumPy's own tables, which this script reads out
of the static library Debian ships beside NumPy (numpy/random/lib/libnpyrandom.a, symbols ki_double, wi_double,
fi_double); --tables writes the same values into the C# table file, so the tables in the repository are NumPy's bytes.
"""
import hashlib
import json
import math
import os
import struct
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOLDEN = os.path.join(ROOT, "tests", "Golden", "numpy.json")
TABLES_CS = os.path.join(ROOT, "src", "Core", "Random", "ZigguratTables.cs")


def ziggurat_tables():
    """ki_double, wi_double, fi_double read from the ELF object distributions.o inside libnpyrandom.a."""
    library = os.path.join(os.path.dirname(np.random.__file__), "lib", "libnpyrandom.a")
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(["ar", "x", library, "distributions.o"], cwd=work, check=True)
        data = open(os.path.join(work, "distributions.o"), "rb").read()
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    symtab = next(s for s in sections if s[1] == 2)  # SHT_SYMTAB
    strtab = sections[symtab[6]]
    tables = {}
    for j in range(symtab[5] // 24):
        name_at, _, _, shndx, value, size = struct.unpack_from("<IBBHQQ", data, symtab[4] + 24 * j)
        name = data[strtab[4] + name_at:data.index(b"\0", strtab[4] + name_at)].decode()
        if name in ("ki_double", "wi_double", "fi_double"):
            start = sections[shndx][4] + value
            tables[name] = struct.unpack("<256Q" if name == "ki_double" else "<256d", data[start:start + size])
    return tables["ki_double"], tables["wi_double"], tables["fi_double"]


KI, WI, FI = ziggurat_tables()


def ziggurat_branches(raw, n):
    """Replays NumPy's random_standard_normal on a PCG64 raw stream: each draw's value and branch ('fast', 'wedge',
    'tail'). The caller checks the values against NumPy's, so the counts describe the draws NumPy made."""
    r_tail = 3.6541528853610087963519472518
    inv_r = 0.27366123732975827203338247596
    branches, values = [], []
    it = iter(raw)

    def next_double():
        return (next(it) >> 11) * (1.0 / 9007199254740992.0)

    for _ in range(n):
        branch = "fast"
        while True:
            r = next(it)
            idx = r & 0xFF
            r >>= 8
            sign = r & 1
            rabs = (r >> 1) & 0x000FFFFFFFFFFFFF
            x = rabs * WI[idx]
            if sign:
                x = -x
            if rabs < KI[idx]:
                break
            if idx == 0:
                branch = "tail"
                while True:
                    xx = -inv_r * math.log1p(-next_double())
                    yy = -math.log1p(-next_double())
                    if yy + yy > xx * xx:
                        break
                x = -(r_tail + xx) if (rabs >> 8) & 1 else r_tail + xx
                break
            branch = "wedge"
            if (FI[idx - 1] - FI[idx]) * next_double() + FI[idx] < math.exp(-0.5 * x * x):
                break
        branches.append(branch)
        values.append(x)
    return branches, values


def seed_fields(seed):
    """A seed that fits in 64 bits is the case's "seed"; a larger one is params.entropy, in decimal."""
    return {"seed": seed} if seed < 2**64 else {}


def entropy_param(seed):
    return {} if seed < 2**64 else {"entropy": str(seed)}


def seed_sequence_cases():
    cases = []
    for seed in [0, 1, 42, 12345, 2**32 - 1, 2**32, 2**64 + 5, 2**160 + 2**100 + 7]:
        ss = np.random.SeedSequence(seed)
        cases.append({"op": "numpy.seed_sequence", **seed_fields(seed), "params": {**entropy_param(seed), "words": 8},
                      "pool": [int(v) for v in ss.pool], "state": [int(v) for v in ss.generate_state(8, np.uint32)]})
    return cases


def pcg64_cases():
    cases = []
    for seed, n in [(0, 16), (1, 16), (42, 1000), (12345, 64), (2**64 + 5, 64)]:
        bg = np.random.PCG64(seed)
        state = bg.state["state"]
        cases.append({"op": "numpy.pcg64", **seed_fields(seed), "params": {**entropy_param(seed), "n": n},
                      "state": format(state["state"], "032x"), "inc": format(state["inc"], "032x"),
                      "raw": [int(v) for v in bg.random_raw(n)]})
    return cases


def random_cases():
    return [{"op": "numpy.random", **seed_fields(seed), "params": {**entropy_param(seed), "n": n},
             "values": np.random.default_rng(seed).random(n).tolist()} for seed, n in [(0, 10), (42, 100), (7, 1000)]]


def normal_cases():
    cases = []
    for seed in list(range(0, 20)) + [42, 2024, 2**40 + 3]:
        for loc, scale, shape in [(0.0, 0.1, [2, 4]), (0.0, 1.0, [257]), (1.5, 2.0, [3, 5])]:
            cases.append({"op": "numpy.normal", **seed_fields(seed), "params": {**entropy_param(seed), "loc": loc, "scale": scale},
                          "shape": shape, "values": np.random.default_rng(seed).normal(loc, scale, shape).ravel().tolist()})
    # The document's own draws: W1 (2, 4) then W2 (4, 1) from one generator.
    rng = np.random.default_rng(42)
    w1 = rng.normal(0, 0.1, (2, 4))
    w2 = rng.normal(0, 0.1, (4, 1))
    cases.append({"op": "numpy.normal", "seed": 42, "params": {"loc": 0.0, "scale": 0.1, "calls": "2,4;4,1"},
                  "shape": [12], "values": w1.ravel().tolist() + w2.ravel().tolist()})
    return cases


def long_normal_cases(n=100000):
    cases = []
    for seed in [0, 1, 2]:
        values = np.random.default_rng(seed).normal(0.0, 1.0, n)
        raw = np.random.PCG64(seed).random_raw(3 * n).tolist()  # more than the draws can consume
        branches, replayed = ziggurat_branches(raw, n)
        if replayed != values.tolist():
            raise SystemExit(f"the ziggurat replay differs from NumPy's normal for seed {seed}")
        special = [i for i, b in enumerate(branches) if b != "fast"]
        wedge = [i for i in special if branches[i] == "wedge"][:200]
        tail = [i for i in special if branches[i] == "tail"]
        indices = sorted(set(list(range(50)) + wedge + tail + list(range(n - 50, n))))
        cases.append({"op": "numpy.normal.long", **seed_fields(seed), "params": {**entropy_param(seed), "n": n},
                      "tail_draws": len(tail), "wedge_draws": branches.count("wedge"),
                      "indices": indices, "values": [float(values[i]) for i in indices]})
    return cases


def log1p_cases():
    """glibc's log1p, which NumPy's normal tail calls, on every branch: |x| < 2**-29, f = x, the reduced 1 + x with
    and without the tiny-f shortcut, and large x."""
    import random
    chooser = random.Random(2026)
    inputs = [-0.99, -0.5, -0.2929, -0.25, 1e-10, 1e-20, -3e-9, 0.3, 0.41, 0.5, 1.0, 1 + 1e-7, 3 + 2e-7, 7.0, 1e20, 1e300]
    inputs += [-chooser.random() for _ in range(400)] + [chooser.random() * 10.0 ** chooser.randint(-12, 12) for _ in range(200)]
    cases = [{"op": "numpy.log1p", "params": {"n": len(inputs)}, "x": inputs, "values": [math.log1p(x) for x in inputs]}]
    # A single unfused product changes about one result in 30 000, so a million of the tail's own inputs
    # (x = −U, U from default_rng(5).random) are checked through a SHA-256 of their results' bytes.
    n = 1_000_000
    us = np.random.default_rng(5).random(n).tolist()
    digest = hashlib.sha256(struct.pack(f"<{n}d", *[math.log1p(-u) for u in us])).hexdigest()
    cases.append({"op": "numpy.log1p.digest", "seed": 5, "params": {"n": n}, "sha256": digest})
    return cases


def table_cases():
    """NumPy's ziggurat tables themselves, so that any edited entry fails by name even where no draw meets it."""
    return [{"op": "numpy.ziggurat_tables", "ki": list(KI), "wi": list(WI), "fi": list(FI)}]


def legacy_rand_cases():
    cases = []
    for seed, n in [(0, 10), (42, 20), (2**32 - 1, 10), (7, 700)]:
        np.random.seed(seed)
        cases.append({"op": "numpy.rand", **seed_fields(seed), "params": {**entropy_param(seed), "n": n}, "values": np.random.rand(n).tolist()})
    return cases


# Document 003's rate-sensitivity script, as printed in 003_8edb894460b127c3.txt, with the per-epoch losses kept.
def sigmoid(z): return 1 / (1 + np.exp(-np.clip(z, -500, 500)))


def dropout_forward(a, p, training=True):
    if not training:
        return a
    mask = (np.random.rand(*a.shape) > p).astype(float)
    return a * mask / (1 - p)


X = np.array([[0.5, 0.1], [0.9, 0.8], [0.2, 0.3], [0.7, 0.6], [0.4, 0.2]])
y = np.array([0, 1, 0, 1, 0], dtype=float)


def train_with_dropout(p, epochs=100, lr=0.05, seed=42):
    rng = np.random.default_rng(seed)
    W1 = rng.normal(0, 0.1, (2, 4)); b1 = np.zeros(4)
    W2 = rng.normal(0, 0.1, (4, 1)); b2 = np.zeros(1)
    np.random.seed(seed)
    train_losses, val_losses = [], []
    for epoch in range(epochs):
        Z1 = X @ W1 + b1; A1 = np.maximum(0, Z1)
        A1d = dropout_forward(A1, p, training=True)
        Z2 = A1d @ W2 + b2; A2 = sigmoid(Z2).flatten()
        loss = -np.mean(y*np.log(A2+1e-8)+(1-y)*np.log(1-A2+1e-8))
        train_losses.append(loss)
        Z1v = X @ W1 + b1; A1v = np.maximum(0, Z1v)
        Z2v = A1v @ W2 + b2; A2v = sigmoid(Z2v).flatten()
        val_loss = -np.mean(y*np.log(A2v+1e-8)+(1-y)*np.log(1-A2v+1e-8))
        val_losses.append(val_loss)
        dA2 = (A2 - y) / len(y)
        dW2 = A1d.T @ dA2.reshape(-1,1); db2 = dA2.sum()
        dA1d = dA2.reshape(-1,1) @ W2.T
        dZ1 = dA1d * (Z1 > 0).astype(float)
        dW1 = X.T @ dZ1; db1 = dZ1.sum(axis=0)
        W1 -= lr*dW1; b1 -= lr*db1; W2 -= lr*dW2; b2 -= lr*db2
    return train_losses, val_losses


def document_cases():
    cases = []
    for p, note in [(0.0, "no regularization"), (0.3, "light dropout"), (0.5, "standard"), (0.7, "aggressive")]:
        train, val = train_with_dropout(p)
        tr, v = train[-1], val[-1]
        cases.append({"op": "numpy.doc003", "seed": 42, "params": {"p": p, "epochs": 100, "lr": 0.05},
                      "printed": f"{p:>4.1f} | {tr:>10.4f} | {v:>10.4f} | {note}",
                      "train_losses": [float(t) for t in train], "val_losses": [float(t) for t in val]})
    return cases


def write_tables():
    def rows(values, format_one):
        text = [", ".join(format_one(v) for v in values[i:i + 4]) for i in range(0, 256, 4)]
        return ",\n".join("        " + line for line in text)

    source = f'''// <auto-generated>
// Written by tools/golden/numpy_golden.py --tables from NumPy {np.__version__}'s own library
// (numpy/random/lib/libnpyrandom.a: ki_double, wi_double, fi_double of distributions.o). Do not edit by hand.
// </auto-generated>
namespace Verification.Core.Random;

/// <summary>
/// The 256-layer ziggurat tables of NumPy's <c>random_standard_normal</c> for float64 (ziggurat_constants.h), copied
/// byte for byte: <c>Ki</c> are the layers' acceptance bounds on the 52-bit magnitude, <c>Wi</c> the widths that scale
/// it to <c>x</c>, <c>Fi</c> the density <c>exp(−x²/2)</c> at each layer's edge. Recomputing them in double precision from
/// the Marsaglia–Tsang recurrence matches only 149 of 256 <c>Ki</c> (docs/generator.md), so they are data, not code.
/// </summary>
public static class ZigguratTables
{{
    /// <summary>Acceptance bounds: a draw with magnitude below <c>Ki[layer]</c> lies inside the layer's rectangle.</summary>
    public static readonly ulong[] Ki =
    [
{rows(KI, lambda v: f"0x{v:016X}UL")},
    ];

    /// <summary>Widths: <c>x = magnitude · Wi[layer]</c>.</summary>
    public static readonly double[] Wi =
    [
{rows(WI, repr)},
    ];

    /// <summary>The density <c>exp(−x²/2)</c> at each layer's upper edge.</summary>
    public static readonly double[] Fi =
    [
{rows(FI, repr)},
    ];
}}
'''
    with open(TABLES_CS, "w", encoding="utf-8") as f:
        f.write(source)


def main():
    if "--tables" in sys.argv:
        write_tables()
    cases = (seed_sequence_cases() + pcg64_cases() + random_cases() + normal_cases() + long_normal_cases()
             + table_cases() + log1p_cases() + legacy_rand_cases() + document_cases())
    golden = {"source": f"NumPy {np.__version__} (Debian python3-numpy), float64, glibc {os.confstr('CS_GNU_LIBC_VERSION')}",
              "about": "document 003's generators: SeedSequence, PCG64, Generator.random/normal, legacy rand, and the "
                       "document's rate-sensitivity script; written by tools/golden/numpy_golden.py",
              "cases": cases}
    with open(GOLDEN, "w", encoding="utf-8") as f:
        json.dump(golden, f, separators=(",", ":"))
        f.write("\n")
    tails = sum(c["tail_draws"] for c in cases if c["op"] == "numpy.normal.long")
    wedges = sum(c["wedge_draws"] for c in cases if c["op"] == "numpy.normal.long")
    print(f"{GOLDEN}: {len(cases)} cases; long normal runs took the tail {tails} times and the wedge {wedges} times")
    for c in cases:
        if c["op"] == "numpy.doc003":
            print(c["printed"])


if __name__ == "__main__":
    main()
