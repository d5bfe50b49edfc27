#!/usr/bin/env python3
"""Converts one wordfreq frequency list (`*.msgpack.gz`, the "cBpack" format) into `word<TAB>zipf` lines.

Standard library only (a MessagePack subset decoder): the install runs before any Python package is available.
cBpack: a MessagePack array whose first item is the header {"format": "cB", "version": 1} and whose item i + 1
lists the words with frequency 10^(-i/100) (i centibels below 1); Zipf = 9 + log10(frequency) = 9 - i/100.

    python3 models/wordfreq_to_tsv.py large_en.msgpack.gz > en.tsv
"""
import gzip
import struct
import sys


def read(b, i):
    t = b[i]
    i += 1
    if t <= 0x7F:
        return t, i
    if 0x80 <= t <= 0x8F:
        return read_map(b, i, t & 0x0F)
    if 0x90 <= t <= 0x9F:
        return read_array(b, i, t & 0x0F)
    if 0xA0 <= t <= 0xBF:
        n = t & 0x1F
        return b[i:i + n].decode("utf-8"), i + n
    if t >= 0xE0:
        return t - 0x100, i
    if t == 0xC0:
        return None, i
    if t in (0xC2, 0xC3):
        return t == 0xC3, i
    if t == 0xCA:
        return struct.unpack(">f", b[i:i + 4])[0], i + 4
    if t == 0xCB:
        return struct.unpack(">d", b[i:i + 8])[0], i + 8
    widths = {0xCC: 1, 0xCD: 2, 0xCE: 4, 0xCF: 8, 0xD0: 1, 0xD1: 2, 0xD2: 4, 0xD3: 8}
    if t in widths:
        w = widths[t]
        return int.from_bytes(b[i:i + w], "big", signed=t >= 0xD0), i + w
    if t in (0xD9, 0xDA, 0xDB):
        w = {0xD9: 1, 0xDA: 2, 0xDB: 4}[t]
        n = int.from_bytes(b[i:i + w], "big")
        i += w
        return b[i:i + n].decode("utf-8"), i + n
    if t in (0xDC, 0xDD):
        w = 2 if t == 0xDC else 4
        return read_array(b, i + w, int.from_bytes(b[i:i + w], "big"))
    if t in (0xDE, 0xDF):
        w = 2 if t == 0xDE else 4
        return read_map(b, i + w, int.from_bytes(b[i:i + w], "big"))
    raise ValueError("unsupported MessagePack type 0x%02x at byte %d" % (t, i - 1))


def read_array(b, i, n):
    out = []
    for _ in range(n):
        v, i = read(b, i)
        out.append(v)
    return out, i


def read_map(b, i, n):
    out = {}
    for _ in range(n):
        k, i = read(b, i)
        v, i = read(b, i)
        out[k] = v
    return out, i


def main(path):
    data, _ = read(gzip.open(path).read(), 0)
    header = data[0] if data else None
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        sys.exit("%s: expected a cBpack header {format: cB, version: 1}, found %r" % (path, header))
    out = sys.stdout
    seen = set()
    for centibels, words in enumerate(data[1:]):
        zipf = 9 - centibels / 100
        if zipf <= 0:
            break
        for word in words:
            if "\t" in word or "\n" in word or word in seen:
                continue
            seen.add(word)
            out.write("%s\t%.2f\n" % (word, zipf))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: wordfreq_to_tsv.py LIST.msgpack.gz > LIST.tsv")
    main(sys.argv[1])
