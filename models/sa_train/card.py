"""The model card (README.md of the shipped folder), written from the run's config and measured metrics."""

from .config import Continuation, RunConfig
from .taxonomy import SENTIMENTS, TOPICS


def _pct(x: float) -> str:
    return f"{x:.3f}"


def _topic_table(rep: dict) -> str:
    lines = ["| topic | precision | recall | F1 | support |", "| --- | --- | --- | --- | --- |"]
    for t in TOPICS:
        r = rep["per_topic"][t]
        lines.append(f"| `{t}` | {_pct(r['precision'])} | {_pct(r['recall'])} | {_pct(r['f1'])} | {r['support']} |")
    return "\n".join(lines)


def _confusion(rep: dict) -> str:
    lines = ["| truth \\ predicted | " + " | ".join(SENTIMENTS) + " |", "| --- " * (len(SENTIMENTS) + 1) + "|"]
    for s in SENTIMENTS:
        lines.append(f"| {s} | " + " | ".join(str(rep["confusion"][s][p]) for p in SENTIMENTS) + " |")
    return "\n".join(lines)


def _summary(name: str, rep: dict) -> str:
    t, s = rep.get("topics"), rep.get("sentiment")
    cells = [name, str(rep["rows"])]
    cells += [_pct(t["micro_f1"]), _pct(t["macro_f1"]), _pct(t["exact_match"])] if t else ["–"] * 3
    cells += [_pct(s["accuracy"]), _pct(s["recall"]["angry"])] if s else ["–"] * 2
    return "| " + " | ".join(cells) + " |"


def model_card(cfg: RunConfig, cont: Continuation, config: dict, m: dict, from_init: bool) -> str:
    held, bank, val = m["heldout"], m["banking77_test"], m["validation"]
    ct = m["custom_topics"]
    held_rows = "\n".join(_summary(f"hand-written, `models/eval/{name}`", rep) for name, rep in held.items())
    held_detail = "\n\n".join(
        f"`{name}` per topic:\n\n{_topic_table(rep['topics'])}\n\n`{name}` sentiment confusion:\n\n{_confusion(rep['sentiment'])}"
        for name, rep in held.items()
    )
    bank_recall = {t: bank["topics"]["per_topic"][t]["recall"] for t in ("deposit", "withdrawal", "verification", "account_access")}
    lat = m["latency_onnxruntime_python"]
    c = m["corpus"]
    continuation = f" then {cont.epochs} more from that checkpoint (lr {cont.lr}, fresh schedule)" if cont.epochs > 0 else ""
    init_line = (
        "Fine-tuned from a user-supplied pretrained DistilBERT checkpoint (`--init`), keeping its tokenizer."
        if from_init
        else f"Pre-trained here from random weights with masked-language modelling on {c['mlm_lines']:,} lines of "
        f"unlabelled text, then fine-tuned; own lowercase WordPiece vocabulary of {config['vocab_size']:,} tokens."
    )
    return f"""# Support-message classifier `{m['model_version']}`

DistilBERT-architecture encoder (`model_type: distilbert`) that labels a player's support message with
topics (multi-label, sigmoid per topic, thresholds in `thresholds.json`) and one sentiment (softmax),
following `shared/spec/taxonomy.md`. Built by `pnpm models:train` (`models/sa_train`). {init_line}

## Outputs

`onnx/model_quantized.onnx` (int8, onnxruntime `quantize_dynamic` QInt8), inputs `input_ids`,
`attention_mask` (int64, dynamic batch and sequence):

- `logits` [batch, 14]: ids 0–9 `topic:<id>` in the order of `TOPICS`, ids 10–13 `sentiment:<id>` in
  the order of `SENTIMENTS` (`config.json` `id2label`). Raw logits: sigmoid for topics, softmax over the
  four sentiments.
- `sentence_embedding` [batch, {config['dim']}]: attention-masked mean of the last hidden state, L2-normalised
  (custom topics are scored with it in the whitened space of `embedding_space.json`, below).

Custom topics (`embedding_space.json`, `sa_train/embedding_space.py`): cosine similarity to the centroid of
a topic's examples after whitening against {ct['reference_texts']:,} reference texts, given when it reaches
the threshold (default {ct['threshold']}) and the message is at least {ct['margin']} closer to the topic than to
every built-in topic's prototype. Calibrated on topics the model never saw: recall {ct['recall']:.2f} on
{ct['positives']} paraphrases, {ct['false_positive_rate']:.1%} of {ct['negatives']:,} other messages given the topic.

Decoding used for every number below: a topic is assigned when its score reaches its threshold; `other` is
dropped when any specific topic is assigned and is assigned when none is.

## Configuration

{config['n_layers']} layers, dim {config['dim']}, {config['n_heads']} heads, FFN {config['hidden_dim']},
max {cfg.max_len} tokens in training (`model_max_length` {config.get('max_position_embeddings')} positions),
{config['vocab_size']:,}-token vocabulary. Quantized file: {m['size_bytes'] / 1e6:.2f} MB. Seed {cfg.seed}.
MLM {cfg.mlm_epochs} epochs (batch {cfg.mlm_batch}, lr {cfg.mlm_lr}); fine-tuning {cfg.ft_epochs} epochs
(batch {cfg.ft_batch}, lr {cfg.ft_lr}){continuation}, BCE over topics + CE over sentiments on one 14-wide head;
sentiment-only tweets weighted {cfg.tweet_weight}.

## Results

| set | rows | topic micro-F1 | topic macro-F1 | exact topic set | sentiment acc. | angry recall |
| --- | --- | --- | --- | --- | --- | --- |
{held_rows}
{_summary("validation (grammar + phrase bank + demo + Banking77 + tweets)", val)}

The hand-written sets are never trained on and never used for thresholds; they are written in voices unlike
the generators (`heldout2.csv`: short angry bursts, long multi-topic stories, typos, slang, emoji, other
languages, decoys; `heldout3.csv`: Telegram one-liners, sportsbook bettors, code-switching, polite but
frustrated problem reports, money-mention decoys).

{held_detail}

Banking77 held-out 10% of the mapped intents (real banking phrasing), recall:
deposit {_pct(bank_recall['deposit'])}, withdrawal {_pct(bank_recall['withdrawal'])},
verification {_pct(bank_recall['verification'])}, account access {_pct(bank_recall['account_access'])}.

Latency (onnxruntime 1 thread, Python, this machine, indicative; `pnpm bench` measures the product's
runtimes): p50 {lat['p50_ms']:.2f} ms, p95 {lat['p95_ms']:.2f} ms per message, {lat['batch32_msg_per_s']:.0f} msg/s
in batches of 32. Trained on: {m['device']}.

## Data

| source | rows used |
| --- | --- |
| paraphrase grammar (`models/sa_train/grammar.py`: composed clauses, sentiment cues, multi-topic stories, decoys, 8 other languages, chat noise) | {c['grammar_train']:,} train / {c['grammar_val']:,} validation |
| phrase-bank messages with augmentation (`models/sa_train/phrases.py`, `synth.py`) | {c['synth_train']:,} train / {c['synth_val']:,} validation |
| demo generator (`pnpm sa demo-data`) | {c['demo_train']:,} train / {c['demo_val']:,} validation{'' if c['demo_used'] else ' (not available in this checkout)'} |
| Banking77 training split, mapped intents (+ augmented copy, + sample of unrelated intents as `other`) | {c['banking_train']:,} train / {c['banking_val']:,} validation / {c['banking_test']:,} test |
| TweetEval emotion + sentiment (sentiment only, no topics) | {c['tweets_train']:,} train / {c['tweets_val']:,} validation |
| unlabelled text for MLM (every training text, all Banking77 rows incl. unmapped intents, all tweets) | {c['mlm_lines']:,} lines |

The public data sets are not in this repository; put them under `../shared/data/` relative to the repo:

- **Banking77** (CC BY 4.0): `banking_data/train.csv` and `categories.json` from
  https://github.com/PolyAI-LDN/task-specific-datasets. Casanueva, Temčinas, Gerz, Henderson, Vulić.
  "Efficient Intent Detection with Dual Sentence Encoders." Proceedings of the 2nd Workshop on NLP for
  Conversational AI, 2020. arXiv:2003.04807. Intents mapped to topics: see `BANKING77_TOPICS` in
  `models/sa_train/sources.py` (card payments declined, pending, charged twice or with a fee count as
deposits: paying a casino by card is one); card delivery, exchange-rate and person-to-person transfer
intents are not mapped.
- **TweetEval** (emotion, sentiment): https://github.com/cardiffnlp/tweeteval (`datasets/emotion`,
  `datasets/sentiment`). Barbieri et al., "TweetEval: Unified Benchmark and Comparative Evaluation for Tweet
  Classification", Findings of EMNLP 2020; Mohammad et al. 2018 (SemEval-2018 Task 1); Rosenthal et al. 2017
  (SemEval-2017 Task 4). The original data sets' licences and Twitter's terms apply.

## Limits

Trained mostly on composed and public text, not on a casino's real chats: expect weaker results on
phrasing far from both, and retrain (`pnpm models:train`, or `--init` from a real pretrained DistilBERT) once
labelled production messages exist.
"""
