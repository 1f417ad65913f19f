"""Step 1: the training corpus. Writes train/val/banking_test example files and the unlabelled MLM text."""

import json
import random
from collections import defaultdict
from pathlib import Path

from tqdm import tqdm

from . import grammar, sources
from .augment import augment
from .config import RunConfig
from .synth import Example, generate


def write_examples(path: Path, examples: list[Example]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for ex in examples:
            row = {"text": ex.text, "topics": ex.topics, "sentiment": ex.sentiment, "source": ex.source}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_examples(path: Path) -> list[Example]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            topics = tuple(row["topics"]) if row["topics"] is not None else None
            out.append(Example(row["text"], topics, row["sentiment"], row["source"]))
    return out


def split_banking77(rows: list[tuple[str, str]], cfg: RunConfig, rng: random.Random):
    """Mapped intents split 80/10/10 per intent (train / val / held-out test); a capped sample of the
    plainly-unrelated intents joins train as `other`."""
    by_intent: dict[str, list[str]] = defaultdict(list)
    for text, intent in rows:
        by_intent[intent].append(text)
    train, val, test = [], [], []
    for intent in sorted(by_intent):
        texts = by_intent[intent][:]
        rng.shuffle(texts)
        if intent in sources.BANKING77_TOPICS:
            n_test = max(1, len(texts) // 10)
            parts = (texts[n_test * 2 :], texts[n_test : n_test * 2], texts[:n_test])
            for bucket, chunk in zip((train, val, test), parts, strict=True):
                bucket += [ex for t in chunk if (ex := sources.banking77_example(t, intent))]
        elif intent in sources.BANKING77_OTHER:
            train += [ex for t in texts[: cfg.banking_other_per_intent] if (ex := sources.banking77_example(t, intent))]
    return train, val, test


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def build_corpus(
    out: Path, cfg: RunConfig, data_root: Path, repo_root: Path, heldout: tuple[Path, ...], demo_csv: Path | None
) -> dict:
    rng = random.Random(cfg.seed)
    # The held-out evaluation texts never enter training or MLM, even when a generator happens to match one.
    never = {_norm(ex.text) for path in heldout for ex in sources.read_labelled_csv(path, "heldout")}
    stats: dict[str, int | bool] = {}

    synth_train = generate(cfg.synth_train, seed=cfg.seed)
    synth_val = generate(cfg.synth_val, seed=cfg.seed + 1000)
    grammar_train = grammar.generate(cfg.grammar_train, seed=cfg.seed + 2000)
    grammar_val = grammar.generate(cfg.grammar_val, seed=cfg.seed + 3000)

    bank_rows = sources.read_banking77(data_root)
    if cfg.banking_limit:
        bank_rows = rng.sample(bank_rows, cfg.banking_limit)
    bank_train, bank_val, bank_test = split_banking77(bank_rows, cfg, rng)
    # Player-style noise on a copy of the banking phrasing, so formal and sloppy spellings both map.
    bank_train += [Example(augment(ex.text, rng), ex.topics, ex.sentiment, ex.source) for ex in bank_train]

    tweets_train = sources.read_tweeteval(data_root, "train")
    tweets_val = sources.read_tweeteval(data_root, "val")
    if cfg.tweets_limit:
        tweets_train = rng.sample(tweets_train, min(cfg.tweets_limit, len(tweets_train)))
        tweets_val = tweets_val[: cfg.tweets_limit // 4]

    demo_train: list[Example] = []
    demo_val: list[Example] = []
    if demo_csv is None:
        demo_csv = out / "demo.csv"
        stats["demo_used"] = sources.demo_data(demo_csv, cfg.demo_count, cfg.seed, repo_root)
    else:
        stats["demo_used"] = True
    if stats["demo_used"]:
        demo = sources.read_labelled_csv(demo_csv, "demo")
        rng.shuffle(demo)
        n_val = len(demo) // 10
        demo_val, demo_train = demo[:n_val], demo[n_val:]
        (out / "demo.csv").unlink(missing_ok=True)

    labelled = grammar_train + synth_train + bank_train + tweets_train + demo_train
    train = [ex for ex in labelled if _norm(ex.text) not in never]
    val = grammar_val + synth_val + bank_val + tweets_val + demo_val
    stats["dropped_as_heldout"] = len(labelled) - len(train)
    rng.shuffle(train)
    write_examples(out / "train.jsonl", train)
    write_examples(out / "val.jsonl", val)
    write_examples(out / "banking_test.jsonl", bank_test)

    # Unlabelled text for MLM: every training text plus the unmapped Banking77 rows and all tweets (the
    # validation and test texts stay out, so their scores are not flattered by pre-training on them).
    held = {_norm(ex.text) for ex in val + bank_test} | never
    # All tweets (not only the sampled labelled ones): more real informal text for the encoder.
    tweets = sources.read_unlabelled_tweets(data_root)
    candidates = [ex.text for ex in train] + [t for t, _ in bank_rows] + tweets
    mlm = {t for t in candidates if _norm(t) not in held}
    mlm_lines = sorted(mlm)
    rng.shuffle(mlm_lines)
    (out / "mlm.txt").write_text("\n".join(t.replace("\n", " ") for t in tqdm(mlm_lines, desc="mlm text")) + "\n")

    for name, items in {
        "grammar_train": grammar_train, "grammar_val": grammar_val,
        "synth_train": synth_train, "synth_val": synth_val, "banking_train": bank_train, "banking_val": bank_val,
        "banking_test": bank_test, "tweets_train": tweets_train, "tweets_val": tweets_val,
        "demo_train": demo_train, "demo_val": demo_val, "mlm_lines": mlm_lines,
    }.items():
        stats[name] = len(items)
    (out / "stats.json").write_text(json.dumps(stats, indent=2))
    return stats
