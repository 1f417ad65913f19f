"""CLI: `python -m sa_train [--smoke] [--init DIR] [--out DIR] [--work DIR]` (see models/README.md)."""

import argparse
import json
import sys
from pathlib import Path

import torch

from .config import FULL, FULL_CONTINUATION, SMOKE, SMOKE_CONTINUATION
from .pipeline import MODELS_DIR, REPO_ROOT, Paths, run, save_tiny_checkpoint


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="pnpm models:train", description=__doc__)
    ap.add_argument("--smoke", action="store_true", help="tiny corpus and model, every step, for CI")
    ap.add_argument("--init", type=Path, help="fine-tune this HF DistilBERT checkpoint folder instead of pre-training")
    ap.add_argument("--out", type=Path, default=MODELS_DIR / "default", help="model folder to write")
    ap.add_argument("--work", type=Path, default=MODELS_DIR / "work", help="intermediate outputs (resumable)")
    ap.add_argument("--data", type=Path, default=REPO_ROOT.parent / "shared" / "data", help="public data sets")
    ap.add_argument("--heldout", type=Path, default=MODELS_DIR / "eval" / "heldout.csv")
    ap.add_argument("--save-tiny-checkpoint", type=Path, metavar="DIR", help="write a tiny HF checkpoint and exit")
    ap.add_argument("--threads", type=int, default=1, help="torch threads (1 is fastest on a busy machine)")
    args = ap.parse_args(argv)

    torch.set_num_threads(args.threads)
    cfg, cont = (SMOKE, SMOKE_CONTINUATION) if args.smoke else (FULL, FULL_CONTINUATION)
    if args.save_tiny_checkpoint:
        save_tiny_checkpoint(args.save_tiny_checkpoint, cfg.seed)
        print(f"tiny checkpoint written to {args.save_tiny_checkpoint}")
        return 0
    for need in (args.data / "banking77" / "train.csv", args.data / "tweeteval", args.heldout):
        if not need.exists():
            print(f"error: {need} is missing (see models/README.md for where the data sets come from)", file=sys.stderr)
            return 2
    if args.init and not (args.init / "config.json").exists():
        print(f"error: --init {args.init} has no config.json; pass a HF DistilBERT checkpoint folder", file=sys.stderr)
        return 2
    metrics = run(cfg, cont, Paths(args.work, args.out, args.data, args.heldout), args.init)
    print(json.dumps({k: metrics[k] for k in ("model_version", "size_bytes")}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
