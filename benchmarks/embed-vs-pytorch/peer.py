#!/usr/bin/env python3
"""PyTorch peer of the embedding benchmark: sentence-transformers on the CPU.

    peer.py --model-dir DIR --documents FILE --queries FILE --threads N
            [--batch-size 32] [--single-repeats 200] [--dump-embeddings FILE]

DOCUMENTS and QUERIES hold one JSON-encoded string per line (blank lines are skipped).
Writes one JSON object to stdout; progress lines (phase and duration) go to stderr.
Run it with the venv that install-peer makes. See README.md beside this file.
"""

import argparse
import json
import os
import resource
import sys
import time

# Nothing may reach a hub: the model is a folder on disk. Set before transformers is imported.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model-dir", required=True, help="sentence-transformers model folder")
    p.add_argument("--documents", required=True, help="one JSON string per line")
    p.add_argument("--queries", required=True, help="one JSON string per line")
    p.add_argument("--threads", required=True, type=int, help="torch intra-op threads")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--single-repeats", type=int, default=200,
                   help="one-query encodes for the latency percentiles, cycling through the queries")
    p.add_argument("--dump-embeddings", metavar="FILE",
                   help="write the document embeddings here: raw little-endian float32, row-major, "
                        "one row per document in input order")
    a = p.parse_args(argv)
    for name in ("threads", "batch_size", "single_repeats"):
        if getattr(a, name) < 1:
            p.error(f"--{name.replace('_', '-')} must be at least 1")
    if not os.path.isdir(a.model_dir):
        p.error(f"--model-dir {a.model_dir}: no such folder")
    return a


def log(msg):
    print(f"peer: {msg}", file=sys.stderr, flush=True)


class Phase:
    def __init__(self, name):
        self.name = name
        self.seconds = 0.0
        self.note = ""

    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, exc_type, exc, tb):
        self.seconds = time.perf_counter() - self.start
        if exc_type is None:
            log(f"{self.name:<22} {self.seconds:8.3f} s{self.note}")


def read_texts(path, what):
    texts = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                text = json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit(f"peer: {path}:{number}: not a JSON string: {e}")
            if not isinstance(text, str):
                sys.exit(f"peer: {path}:{number}: a JSON {type(text).__name__}, not a string")
            texts.append(text)
    if not texts:
        sys.exit(f"peer: {path}: no {what}")
    return texts


def percentile(sorted_values, q):
    """Linear interpolation between closest ranks (numpy's default method)."""
    if len(sorted_values) == 1:
        return sorted_values[0]
    pos = (len(sorted_values) - 1) * q / 100.0
    lo = int(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def main(argv):
    args = parse_args(argv)
    # stdout carries the one JSON object and nothing else: whatever a library prints there
    # (Python or C level) goes to stderr, and the result is written to the saved descriptor.
    sys.stdout.flush()
    result_fd = os.dup(1)
    os.dup2(2, 1)
    # Keep the other thread pools (OpenMP/MKL in torch, Rayon in the tokenizer) at the same
    # count as torch's, so --threads N means N cores for the whole encode. Must precede imports.
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "RAYON_NUM_THREADS", "RAYON_RS_NUM_CPUS"):
        os.environ[var] = str(args.threads)

    with Phase("read inputs") as ph:
        documents = read_texts(args.documents, "documents")
        queries = read_texts(args.queries, "queries")
        ph.note = f"  {len(documents)} documents, {len(queries)} queries"

    with Phase("import") as ph:
        import numpy as np
        import sentence_transformers
        import torch
        from sentence_transformers import SentenceTransformer
        ph.note = f"  torch {torch.__version__}, sentence-transformers {sentence_transformers.__version__}"

    try:  # the "Loading weights" bar is noise on stderr
        from transformers.utils import logging as hf_logging
        hf_logging.disable_progress_bar()
    except ImportError:
        pass
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(args.threads)

    with Phase("load model") as ph:
        model = SentenceTransformer(args.model_dir, device="cpu", local_files_only=True)
        model.eval()
        dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        ph.note = (f"  dim {dim()}, max_seq_length {model.max_seq_length}, "
                   f"threads {torch.get_num_threads()}")

    def encode(texts, batch_size):
        return model.encode(texts, batch_size=batch_size, normalize_embeddings=True,
                            convert_to_numpy=True, show_progress_bar=False)

    with Phase("warm-up"):
        for _ in range(2):
            encode(documents[: args.batch_size], args.batch_size)
        for q in queries[:10]:
            encode([q], 1)

    with Phase("documents") as ph:
        doc_embeddings = encode(documents, args.batch_size)
    doc_seconds = ph.seconds

    with Phase("queries") as ph:
        encode(queries, args.batch_size)
    query_seconds = ph.seconds

    latencies_ms = []
    with Phase("single queries") as ph:
        for i in range(args.single_repeats):
            q = queries[i % len(queries)]
            t0 = time.perf_counter()
            encode([q], 1)
            latencies_ms.append((time.perf_counter() - t0) * 1000.0)
        ph.note = f"  {args.single_repeats} one-query encodes"
    latencies_ms.sort()

    if args.dump_embeddings:
        with Phase("dump embeddings") as ph:
            rows = np.ascontiguousarray(doc_embeddings, dtype="<f4")
            with open(args.dump_embeddings, "wb") as f:
                f.write(rows.tobytes())
            ph.note = f"  {rows.shape[0]} x {rows.shape[1]} float32 to {args.dump_embeddings}"

    peak_rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: KiB

    result = {
        "peer": "sentence-transformers",
        "torch": torch.__version__,
        "sentence_transformers": sentence_transformers.__version__,
        "threads": args.threads,
        "documents": len(documents),
        "documents_per_second": round(len(documents) / doc_seconds, 3),
        "queries": len(queries),
        "queries_per_second": round(len(queries) / query_seconds, 3),
        "single_query_p50_ms": round(percentile(latencies_ms, 50), 3),
        "single_query_p95_ms": round(percentile(latencies_ms, 95), 3),
        "peak_rss_mib": round(peak_rss_mib, 1),
    }
    sys.stdout.flush()
    with os.fdopen(result_fd, "w", encoding="utf-8") as out:
        out.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
