"""CLI: `python -m sa_train [--smoke | --config NAME] [--init DIR] [--out DIR] [--work DIR]` (see models/README.md)."""

import argparse
import json
import sys
from pathlib import Path

import torch

from . import embedding_space
from .config import CONFIGS
from .pipeline import MODELS_DIR, REPO_ROOT, Paths, run, save_tiny_checkpoint


def write_embedding_space(folder: Path, data: Path, heldout: tuple[Path, ...], seed: int) -> int:
    onnx_file = folder / "onnx" / "model_quantized.onnx"
    for need in (folder / "tokenizer.json", onnx_file, data / "banking77" / "train.csv", data / "tweeteval", *heldout):
        if not need.exists():
            print(f"error: {need} is missing", file=sys.stderr)
            return 2
    max_len = int(json.loads((folder / "tokenizer_config.json").read_text()).get("model_max_length", 128))
    space = embedding_space.build(folder, onnx_file, min(max_len, 512), data, heldout, seed)
    embedding_space.write(folder, space)
    print(f"{folder / embedding_space.FILE_NAME}: {json.dumps(space['calibration'])}")
    return 0


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="pnpm models:train", description=__doc__)
    ap.add_argument("--smoke", action="store_true", help="tiny corpus and model, every step, for CI (= --config smoke)")
    ap.add_argument("--config", choices=sorted(CONFIGS), default="full", help="run size and model shape (config.py)")
    ap.add_argument("--init", type=Path, help="fine-tune this HF DistilBERT checkpoint folder instead of pre-training")
    ap.add_argument("--out", type=Path, default=MODELS_DIR / "default", help="model folder to write")
    ap.add_argument("--work", type=Path, default=MODELS_DIR / "work", help="intermediate outputs (resumable)")
    ap.add_argument("--data", type=Path, default=REPO_ROOT.parent / "shared" / "data", help="public data sets")
    ap.add_argument(
        "--heldout", type=Path, nargs="+", default=sorted((MODELS_DIR / "eval").glob("heldout*.csv")),
        help="hand-written evaluation CSVs: reported in the model card, never trained on",
    )
    ap.add_argument(
        "--demo-csv", type=Path,
        help="labelled CSV made by `pnpm sa demo-data` (same --count and --seed as the config), for machines without Node",
    )
    ap.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto", help="auto: cuda when available, else cpu")
    ap.add_argument("--save-tiny-checkpoint", type=Path, metavar="DIR", help="write a tiny HF checkpoint and exit")
    ap.add_argument(
        "--embedding-space", type=Path, metavar="DIR",
        help="(re)write DIR/embedding_space.json for an already exported model folder and exit",
    )
    ap.add_argument("--threads", type=int, default=1, help="torch threads (1 is fastest on a busy machine)")
    args = ap.parse_args(argv)

    torch.set_num_threads(args.threads)
    cfg, cont = CONFIGS["smoke" if args.smoke else args.config]
    device = torch.device(("cuda" if torch.cuda.is_available() else "cpu") if args.device == "auto" else args.device)
    print(f"[device] {device}" + (f" ({torch.cuda.get_device_name(device)})" if device.type == "cuda" else ""))
    if args.save_tiny_checkpoint:
        save_tiny_checkpoint(args.save_tiny_checkpoint, cfg.seed)
        print(f"tiny checkpoint written to {args.save_tiny_checkpoint}")
        return 0
    if args.embedding_space:
        return write_embedding_space(args.embedding_space, args.data, tuple(args.heldout), cfg.seed)
    needs = [args.data / "banking77" / "train.csv", args.data / "tweeteval", *args.heldout]
    for need in needs + ([args.demo_csv] if args.demo_csv else []):
        if not need.exists():
            print(f"error: {need} is missing (see models/README.md for where the data sets come from)", file=sys.stderr)
            return 2
    if args.init and not (args.init / "config.json").exists():
        print(f"error: --init {args.init} has no config.json; pass a HF DistilBERT checkpoint folder", file=sys.stderr)
        return 2
    paths = Paths(args.work, args.out, args.data, tuple(args.heldout), args.demo_csv)
    metrics = run(cfg, cont, paths, args.init, device)
    print(json.dumps({k: metrics[k] for k in ("model_version", "size_bytes")}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
