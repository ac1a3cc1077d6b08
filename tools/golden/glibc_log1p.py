#!/usr/bin/python3
"""glibc's own log1p on the edges of every branch of s_log1p.c: writes tests/Golden/glibc/log1p.json.

Run from the repository root on Debian 12 (glibc 2.36, x86-64 with FMA, so the ifunc picks the -mfma build that
src/Core/Random/GlibcLog1p.cs ports), standard library only:

    /usr/bin/python3 tools/golden/glibc_log1p.py     # writes tests/Golden/glibc/log1p.json

numpy.json's log1p cases are the ones NumPy's ziggurat tail reaches; these are the ones it never does: each
high-word threshold of the C code as a double just below, at and just above it (high word with low word 0 and all
ones, then one ulp either way), inputs inside each branch, the special values, subnormals and a seeded log-uniform
sweep over both signs. Every value is the hex of the IEEE double's bits, so the test can compare bit for bit.

glibc's log1p is called through ctypes so that −1, x < −1, ±inf and NaN (where math.log1p raises) are glibc's too;
wherever math.log1p is defined the script checks that it returns the same bits (CPython calls the same function).
The file sits in a subfolder of tests/Golden because the parity suite treats every tests/Golden/*.json as its own.
"""
import ctypes
import ctypes.util
import json
import math
import os
import platform
import random
import struct

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOLDEN = os.path.join(ROOT, "tests", "Golden", "glibc", "log1p.json")

LIBM = ctypes.CDLL(ctypes.util.find_library("m"))
LIBM.log1p.restype = ctypes.c_double
LIBM.log1p.argtypes = [ctypes.c_double]


def bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def double(b):
    return struct.unpack("<d", struct.pack("<Q", b & 0xFFFF_FFFF_FFFF_FFFF))[0]


def around(high):
    """The doubles next to high word `high`: low word 0 and all ones, one ulp either side of each."""
    lo, hi = double(high << 32), double((high << 32) | 0xFFFF_FFFF)
    return [math.nextafter(lo, -math.inf), lo, math.nextafter(lo, math.inf),
            math.nextafter(hi, -math.inf), hi, math.nextafter(hi, math.inf)]


def groups():
    # The high-word thresholds of s_log1p.c, for x itself (sign bit set where the code compares a negative x).
    yield "hx < 0x3FDA827A (x < 0.41422)", around(0x3FDA827A)
    yield "ax >= 0x3ff00000 (|x| >= 1)", around(0xBFF00000) + around(0x3FF00000)
    yield "ax < 0x3e200000 (|x| < 2^-29)", around(0x3E200000) + around(0xBE200000)
    yield "ax < 0x3c900000 (|x| < 2^-54)", around(0x3C900000) + around(0xBC900000)
    yield "hx <= 0xbfd2bec3 (x <= -0.2929)", around(0xBFD2BEC3) + around(0xBFD2BEC4)
    yield "hx < 0x43400000 (x < 2^53)", around(0x43400000)
    yield "hx >= 0x7ff00000 (inf, NaN)", [math.inf, -math.inf, math.nan, double(0x7FF0_0000_0000_0001),
                                          double(0xFFF8_0000_0000_0000), math.nextafter(math.inf, 0)]
    # hu < 0x6a09e splits the reduced u = 1 + x (or u = x from 2^53 on) at √2 within its binade: build u there,
    # then x = u − 1 (exact for these u), for k = −1, 0, 1, 2, 10, and for x itself beyond 2^53.
    split = []
    for exponent in (-1, 0, 1, 2, 10):
        for u in around(((0x3FF + exponent) << 20) | 0x6A09E):
            split.append(u - 1.0)
    for exponent in (53, 60, 1000):
        split += around(((0x3FF + exponent) << 20) | 0x6A09E)
    yield "hu < 0x6a09e (1 + x at sqrt 2 in its binade)", split
    # hu == 0 after the reduction: 1 + x a power of two (f = 0) or within 2^-20 of one.
    powers = []
    for exponent in (-1, 1, 2, 5, 30, 52):
        u = 2.0 ** exponent
        powers += [u - 1.0, math.nextafter(u, math.inf) - 1.0, math.nextafter(u, -math.inf) - 1.0,
                   u * (1 + 2.0 ** -21) - 1.0, u * (1 - 2.0 ** -22) - 1.0, u * (1 + 2.0 ** -40) - 1.0]
    powers += [2.0 ** 53, 2.0 ** 60, 2.0 ** 60 * (1 + 2.0 ** -30), 2.0 ** 1023]
    yield "hu == 0 (1 + x at or near a power of two)", powers
    yield "zeros, subnormals, -1, below -1", [0.0, -0.0, 5e-324, -5e-324, double(0x000F_FFFF_FFFF_FFFF),
                                              -double(0x000F_FFFF_FFFF_FFFF), 2.0 ** -1022, -(2.0 ** -1022), -1.0,
                                              math.nextafter(-1.0, -math.inf), -2.0, -1e300, math.nextafter(-1.0, 0)]
    chooser = random.Random(20261203)
    yield "tiny |x| < 2^-54", [s * 2.0 ** chooser.uniform(-1074, -54) for s in (1, -1) for _ in range(10)]
    yield "small |x| < 2^-29", [s * 2.0 ** chooser.uniform(-54, -29) for s in (1, -1) for _ in range(10)]
    yield "f = x (-0.2929 < x < 0.41422)", [chooser.uniform(-0.2929, 0.41421) for _ in range(30)]
    yield "k < 0 (-1 < x < -0.2929)", [-chooser.uniform(0.2929, 1.0) for _ in range(30)] + [
        -1.0 + 2.0 ** -chooser.uniform(1, 52) for _ in range(10)]
    yield "k > 0 (x >= 0.41422)", [chooser.uniform(0.41422, 1.0) for _ in range(15)] + [
        2.0 ** chooser.uniform(0, 53) for _ in range(15)]
    # Inside one high word the two sides of a threshold can round alike; many low words make a difference show.
    yield "high word at a threshold, random low words", [
        double((high << 32) | chooser.getrandbits(32)) for high in (0x3E200000, 0xBE200000, 0x3C900000, 0xBC900000, 0x43400000,
                                                                    0x3FDA827A, 0xBFD2BEC3) for _ in range(40)]
    yield "1 + x rounded (0.41422 <= x < 2^53)", [chooser.uniform(0.41422, 1.0) for _ in range(100)] + [
        2.0 ** chooser.uniform(0, 53) for _ in range(100)]
    # |f| < 2^-20 takes glibc's short series instead of the polynomial: 1 + x just above or just below 2^e.
    yield "hu == 0 shortcut, random low words", [
        double(((0x3FF + chooser.randint(1, 52)) << 52) | (chooser.choice((0, 1, 0xFFFFD, 0xFFFFE, 0xFFFFF)) << 32)
               | chooser.getrandbits(32)) - 1.0 for _ in range(200)]
    # Found once (the search is not kept) by replaying the C# port in Python, FMA in exact fractions, with one
    # comparison moved (< to <=, −f to +f) over 30 000 random inputs each and keeping those where the last bit
    # changed: they pin glibc's choice at high word 0x3e200000 (series or full path), at 0x43400000 (1 + x or x)
    # and the sign of f in the |f| < 2^-20 series. Without them both sides of those edges round alike.
    found = ["-0x1.000000fd630f1p-29", "-0x1.00000effddeeap-29", "0x1.00000f0290531p-29", "-0x1.000004fe04802p-29",
             "0x1.00000863fcd20p+53", "0x1.00000687a40a2p+53", "0x1.000007f8714c9p+53", "0x1.000004f9fd773p+53",
             "0x1.efffdaac70defp+4", "0x1.fdffd73640071p+7", "0x1.bfffd581ca1fbp+2", "0x1.7fffdf18d793fp+1",
             "0x1.ffffc5910ae3bp+20", "0x1.ffffd4e34e26ap+26"]
    yield "last bit decided at a branch edge", [float.fromhex(h) for h in found]
    yield "large x >= 2^53", [2.0 ** chooser.uniform(53, 1023.99) for _ in range(20)]
    yield "log-uniform, both signs", [chooser.choice((1, -1)) * 2.0 ** chooser.uniform(-60, 60) for _ in range(300)] + [
        -(2.0 ** chooser.uniform(-60, 0)) for _ in range(100)]


def main():
    cases = []
    for why, xs in groups():
        for x in xs:
            y = LIBM.log1p(x)
            if x > -1.0 and not math.isnan(x) and x != math.inf:
                assert bits(math.log1p(x)) == bits(y), (x, math.log1p(x), y)
            cases.append({"why": why, "x": f"{bits(x):016x}", "y": f"{bits(y):016x}"})
    golden = {"source": f"{os.confstr('CS_GNU_LIBC_VERSION')} log1p via ctypes, {platform.machine()}",
              "about": "s_log1p.c at its branch edges, bits of x and log1p(x) as hex; written by tools/golden/glibc_log1p.py",
              "cases": cases}
    os.makedirs(os.path.dirname(GOLDEN), exist_ok=True)
    with open(GOLDEN, "w", encoding="utf-8") as f:
        # One case a line, so that a regenerated file diffs by case.
        head = json.dumps({k: v for k, v in golden.items() if k != "cases"}, separators=(",", ":"))[:-1]
        f.write(head + ',"cases":[\n' + ",\n".join(json.dumps(c, separators=(",", ":")) for c in cases) + "\n]}\n")
    print(f"{GOLDEN}: {len(cases)} cases")


if __name__ == "__main__":
    main()
