"""The whole pipeline as resumable steps: corpus -> tokenizer -> MLM -> fine-tune -> ONNX -> thresholds ->
evaluation -> the shipped model folder."""

import dataclasses
import datetime
import hashlib
import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from transformers import AutoTokenizer, DistilBertConfig, DistilBertForMaskedLM

from . import card, corpus, embedding_space, export, finetune, pretrain, sources, tokenizer
from .config import Continuation, RunConfig
from .metrics import decode_topics, sentiment_report, topic_report, tune_thresholds
from .onnx_runner import OnnxClassifier
from .steps import key_hash, run_step, tree_hash
from .synth import Example, generate
from .taxonomy import LABELS, SENTIMENTS, TOPICS

MODELS_DIR = Path(__file__).resolve().parents[1]
REPO_ROOT = MODELS_DIR.parent
CODE_FILES = sorted((MODELS_DIR / "sa_train").glob("*.py"))


@dataclass(frozen=True)
class Paths:
    work: Path
    out: Path
    data_root: Path
    heldout: tuple[Path, ...]  # hand-written evaluation files
    demo_csv: Path | None = None  # pre-generated demo data; None runs `pnpm sa demo-data`


def code_hash(*names: str) -> str:
    return key_hash({n: tree_hash(MODELS_DIR / "sa_train" / f"{n}.py") for n in names})


def truth_matrix(examples: list[Example]) -> np.ndarray:
    m = np.zeros((len(examples), len(TOPICS)), dtype=bool)
    for i, ex in enumerate(examples):
        for t in ex.topics or ():
            m[i, TOPICS.index(t)] = True
    return m


def save_tiny_checkpoint(target: Path, seed: int) -> None:
    """A tiny HF DistilBERT checkpoint (random weights, own WordPiece vocab) so CI can test `--init`."""
    torch.manual_seed(seed)
    target.mkdir(parents=True, exist_ok=True)
    text = target / "text.txt"
    text.write_text("\n".join(ex.text for ex in generate(500, seed)) + "\n")
    tokenizer.train_tokenizer(text, target, vocab_size=600, max_len=64)
    text.unlink()
    tok = AutoTokenizer.from_pretrained(str(target))
    DistilBertForMaskedLM(
        DistilBertConfig(vocab_size=len(tok), dim=32, n_layers=1, n_heads=2, hidden_dim=64, pad_token_id=tok.pad_token_id)
    ).save_pretrained(str(target))


def run(cfg: RunConfig, cont: Continuation, paths: Paths, init: Path | None, device: torch.device) -> dict:
    random.seed(cfg.seed)
    np.random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)
    # Same seed, same batches; on a GPU, deterministic kernels where torch has them (scores can still differ
    # from a CPU run in the last digits).
    torch.use_deterministic_algorithms(True, warn_only=True)
    work = paths.work / cfg.name
    data_key = {
        "banking77": tree_hash(paths.data_root / "banking77" / "train.csv"),
        "tweeteval": tree_hash(paths.data_root / "tweeteval"),
    }

    corpus_key = {
        "cfg": cfg.as_dict(),
        "data": data_key,
        "heldout": [tree_hash(p) for p in paths.heldout],
        "demo_csv": tree_hash(paths.demo_csv) if paths.demo_csv else None,
        "code": code_hash("corpus", "sources", "synth", "phrases", "augment", "grammar"),
    }
    corpus_dir = run_step(
        "corpus", work / "corpus", corpus_key,
        lambda d: corpus.build_corpus(d, cfg, paths.data_root, REPO_ROOT, paths.heldout, paths.demo_csv),
    )
    corpus_hash = key_hash(corpus_key)

    if init is None:
        tok_key = {"corpus": corpus_hash, "vocab": cfg.vocab_size, "max_len": cfg.max_len, "code": code_hash("tokenizer")}
        tok_dir = run_step(
            "tokenizer", work / "tokenizer", tok_key,
            lambda d: tokenizer.train_tokenizer(corpus_dir / "mlm.txt", d, cfg.vocab_size, cfg.max_len),
        )
        mlm_key = {"tok": key_hash(tok_key), "cfg": cfg.as_dict(), "code": code_hash("pretrain")}
        base_dir = run_step(
            "mlm", work / "mlm", mlm_key, lambda d: pretrain.pretrain(corpus_dir / "mlm.txt", tok_dir, d, cfg, device)
        )
        base_key = key_hash(mlm_key)
    else:
        # A user's checkpoint keeps its own tokenizer; model_max_length is capped so truncation fits the model.
        def copy_init_tokenizer(d: Path) -> None:
            tok = AutoTokenizer.from_pretrained(str(init), use_fast=True)
            tok.model_max_length = min(int(tok.model_max_length), 512)
            tokenizer.save_tokenizer(tok, d)

        init_key = {"init": tree_hash(init), "code": code_hash("tokenizer")}
        tok_dir = run_step("tokenizer", work / "init-tokenizer", init_key, copy_init_tokenizer)
        base_dir, base_key = init, key_hash(init_key)

    train = corpus.read_examples(corpus_dir / "train.jsonl")
    ft_key = {"base": base_key, "corpus": corpus_hash, "cfg": cfg.as_dict(), "code": code_hash("finetune")}
    ft_dir = run_step(
        "finetune", work / ("finetune-init" if init else "finetune"), ft_key,
        lambda d: finetune.finetune(train, base_dir, tok_dir, d, cfg, device),
    )

    if cont.epochs > 0:
        # Same training data, fresh optimizer and schedule; a new seed so batches come in a different order.
        cont_cfg = dataclasses.replace(cfg, seed=cfg.seed + 1, ft_epochs=cont.epochs, ft_lr=cont.lr)
        cont_key = {"ft": key_hash(ft_key), "cont": cont.as_dict(), "code": code_hash("finetune")}
        ft_dir = run_step(
            "finetune-continue", work / ("finetune-continue-init" if init else "finetune-continue"), cont_key,
            lambda d: finetune.finetune(train, ft_dir, tok_dir, d, cont_cfg, device),
        )
        ft_key = cont_key

    onnx_key = {"ft": key_hash(ft_key), "code": code_hash("export")}

    def build_onnx(d: Path) -> None:
        export.export_onnx(ft_dir, d / "model.onnx", d / "model_quantized.onnx")

    onnx_dir = run_step("onnx", work / ("onnx-init" if init else "onnx"), onnx_key, build_onnx)
    clf = OnnxClassifier(tok_dir, onnx_dir / "model_quantized.onnx", cfg.max_len)

    val = [ex for ex in corpus.read_examples(corpus_dir / "val.jsonl") if ex.topics is not None]
    val_scores, _ = clf.scores([ex.text for ex in val])
    thresholds = tune_thresholds(val_scores, truth_matrix(val))

    metrics = evaluate(clf, thresholds, corpus_dir, paths.heldout)
    metrics["device"] = torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu"
    metrics["latency_onnxruntime_python"] = clf.latency_ms([ex.text for ex in val[:200]])
    metrics["size_bytes"] = (onnx_dir / "model_quantized.onnx").stat().st_size
    metrics["corpus"] = json.loads((corpus_dir / "stats.json").read_text())
    space = embedding_space.build(
        tok_dir, onnx_dir / "model_quantized.onnx", cfg.max_len, paths.data_root, paths.heldout, cfg.seed
    )
    metrics["custom_topics"] = {**space["calibration"], "reference_texts": space["reference_texts"]}

    package(cfg, cont, paths, ft_dir, tok_dir, onnx_dir, thresholds, metrics, init, space)
    return metrics


def evaluate(clf: OnnxClassifier, thresholds: np.ndarray, corpus_dir: Path, heldout: tuple[Path, ...]) -> dict:
    def report(examples: list[Example]) -> dict:
        topic_scores, sent_scores = clf.scores([ex.text for ex in examples])
        out = {"rows": len(examples)}
        labelled = [i for i, ex in enumerate(examples) if ex.topics is not None]
        if labelled:
            pred = decode_topics(topic_scores[labelled], thresholds)
            out["topics"] = topic_report(pred, truth_matrix([examples[i] for i in labelled]))
        with_sent = [i for i, ex in enumerate(examples) if ex.sentiment is not None]
        if with_sent:
            truth = np.array([SENTIMENTS.index(examples[i].sentiment) for i in with_sent])
            out["sentiment"] = sentiment_report(sent_scores[with_sent].argmax(1), truth)
        return out

    return {
        "heldout": {p.name: report(sources.read_labelled_csv(p, "heldout")) for p in heldout},
        "banking77_test": report(corpus.read_examples(corpus_dir / "banking_test.jsonl")),
        "validation": report(corpus.read_examples(corpus_dir / "val.jsonl")),
    }


def package(cfg, cont, paths: Paths, ft_dir, tok_dir, onnx_dir, thresholds, metrics, init, space: dict) -> None:
    """Writes the shipped folder whole into a temporary sibling, then swaps it in."""
    out = paths.out
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "onnx").mkdir(parents=True)
    shutil.copy(onnx_dir / "model_quantized.onnx", tmp / "onnx" / "model_quantized.onnx")
    tokenizer.save_tokenizer(AutoTokenizer.from_pretrained(str(tok_dir)), tmp)
    # tokenizer.json carries the vocabulary; transformers.js reads nothing else.
    (tmp / "vocab.txt").unlink(missing_ok=True)

    onnx_hash = hashlib.sha256((onnx_dir / "model_quantized.onnx").read_bytes()).hexdigest()[:7]
    shape = f"{cfg.n_layers}l{cfg.dim}" if init is None else "init"
    version = f"sa-distilbert-{shape}-{datetime.date.today():%Y%m%d}-{onnx_hash}"
    config = json.loads((ft_dir / "config.json").read_text())
    config.update(
        model_type="distilbert",
        architectures=["DistilBertForSequenceClassification"],
        problem_type="multi_label_classification",
        id2label={str(i): label for i, label in enumerate(LABELS)},
        label2id={label: i for i, label in enumerate(LABELS)},
        sa_model_version=version,
    )
    (tmp / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    (tmp / "thresholds.json").write_text(
        json.dumps({"topics": {t: float(thresholds[i]) for i, t in enumerate(TOPICS)}}, indent=2) + "\n"
    )
    embedding_space.write(tmp, space)
    metrics["model_version"] = version
    (tmp / "README.md").write_text(card.model_card(cfg, cont, config, metrics, init is not None))
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)
    metrics_path = paths.work / cfg.name / "metrics.json"
    metrics_path.write_text(json.dumps(metrics, indent=2))
    print(f"[package] {out} ({version}); metrics in {metrics_path}")
