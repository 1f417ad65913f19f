"""Step 7: the sentence-embedding space custom topics are scored in, shipped as `embedding_space.json`.

A topic-fine-tuned encoder's mean-pooled embeddings are anisotropic: a few directions (the built-in topics,
the common "support message" direction) carry most of the variance, so any two messages have a high raw
cosine and a custom topic that resembles a built-in one (crypto payouts vs. withdrawals) fires on all of that
topic's messages. Whitening with a broad reference corpus (subtract its mean, scale every principal direction
to unit variance; Su et al. 2021, "Whitening Sentence Representations") gives each direction equal weight, so
what tells a custom topic's examples apart from ordinary traffic counts, not what they share with it.

Whitening alone still leaves a custom topic that is a kind of a built-in one (crypto payouts, a kind of
withdrawal) close to that topic's ordinary messages. So the file also carries each built-in topic's prototype
(the whitened mean of reference messages with only that topic), and a message is given a custom topic only
when it is not much closer to a built-in topic's prototype than to the custom topic: an open-set decision
against the classes the model already knows.

Both the threshold and that margin are calibrated here on topics the model never saw (below), per model,
because the scale of whitened cosines depends on the model.
"""

import json
import random
import re
from pathlib import Path

import numpy as np

from . import grammar, sources, synth
from .onnx_runner import OnnxClassifier
from .taxonomy import TOPICS

FILE_NAME = "embedding_space.json"

# Ridge on the covariance, as a share of its largest eigenvalue: L2-normalised embeddings leave directions
# with near-zero variance, and unscaled they would multiply int8 rounding noise by ~10^4.
SHRINK = 0.003

# A missed custom topic costs a site owner less than one that tags unrelated traffic. With the shipped model
# every cost from 5 to 10 picks the same setting (threshold 0.30, recall 0.68, 3.2% false positives); 3 picked
# 0.19 (recall 0.79, 5.5%).
FALSE_POSITIVE_COST = 5.0

# Calibration topics, none of them a built-in topic and none used by the tests (which use crypto payouts and
# sportsbook odds): examples as a site owner would write them, and paraphrases that must match. `unrelated`
# matches the held-out messages that may truly be about the topic, so they are not counted as false positives.
CALIBRATION = [
    {
        "name": "vip_program",
        "examples": [
            "how do I become a VIP member?",
            "what are the perks of the VIP club",
            "when do I reach the next VIP level",
            "I want a personal VIP manager",
        ],
        "paraphrases": [
            "am i eligible for your vip program",
            "what level of vip am i now",
            "does the platinum vip tier get faster payouts",
            "who is my vip account manager",
        ],
        "unrelated": r"vip|loyal|level|tier",
    },
    {
        "name": "bet_cash_out",
        "examples": [
            "can I cash out my bet before the match ends?",
            "the cash out button on my accumulator is greyed out",
            "why is the cash out offer so low on my bet slip",
            "I want to cash out my live bet early",
        ],
        "paraphrases": [
            "cash out not available on my acca, why",
            "can i take an early cashout on my football bet",
            "the cashout value of my bet keeps dropping",
        ],
        "unrelated": r"cash ?out|bet|acca",
    },
    {
        "name": "referral",
        "examples": [
            "how does the refer a friend program work?",
            "my friend signed up with my referral link but I got nothing",
            "where do I find my referral code",
            "I invited 3 friends, where is my referral reward",
        ],
        "paraphrases": [
            "i referred my mate and didnt get the bonus for it",
            "whats my invite link to share with friends",
            "do i get paid for bringing friends",
        ],
        "unrelated": r"refer|invite|friend|mate",
    },
    {
        "name": "live_stream",
        "examples": [
            "where can I watch the live stream of the match?",
            "the live stream of the tennis keeps buffering",
            "do you stream the football games live",
            "live video for the race is not available",
        ],
        "paraphrases": [
            "is there a stream for the champions league game",
            "stream stopped in the middle of the match",
            "can i watch the basketball live on your site",
        ],
        "unrelated": r"stream|watch|video|live",
    },
    {
        "name": "slot_tournament",
        "examples": [
            "when does the slot tournament start",
            "how are the leaderboard points counted",
            "I was top 10 in the tournament but got no prize",
            "how do I join this week's tournament",
        ],
        "paraphrases": [
            "where can i see the tournament leaderboard",
            "my points in the race are not updating",
            "did the weekend tournament prizes get paid yet",
        ],
        "unrelated": r"tournament|leaderboard|race|points|prize",
    },
    {
        "name": "account_currency",
        "examples": [
            "can I change my account currency to euro",
            "my account is in dollars but I want pounds",
            "how do I switch the currency of my wallet",
            "is it possible to play in CAD",
        ],
        "paraphrases": [
            "i need my balance in euros not usd",
            "change currency from GBP to EUR please",
            "why is my account in the wrong currency",
        ],
        "unrelated": r"currenc|euro|eur\b|usd|dollar|pound|gbp|cad",
    },
]

GREETINGS = ["hi", "hello", "hey there", "good evening", "thanks, bye", "ok", "hi, anyone there?"]


def reference_examples(data_root: Path, seed: int) -> list[synth.Example]:
    """Broad support and chat text: the two generators (every topic, sentiment, greetings, decoys, other
    languages; with topic labels), real banking-support questions and tweets. Deterministic for a seed."""
    rng = random.Random(seed)
    bank = [t for t, _ in sources.read_banking77(data_root)]
    tweets = sources.read_unlabelled_tweets(data_root)
    unlabelled = rng.sample(bank, min(600, len(bank))) + rng.sample(tweets, min(300, len(tweets)))
    return (
        synth.generate(600, seed + 5000)
        + grammar.generate(1200, seed + 6000)
        + [synth.Example(text, None, None, "reference") for text in unlabelled]
    )


def embed(clf: OnnxClassifier, texts: list[str], batch: int = 64) -> np.ndarray:
    return np.concatenate([clf.run(texts[i : i + batch])[1] for i in range(0, len(texts), batch)]).astype(np.float64)


def whitening(reference: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean and symmetric (ZCA) whitening matrix of the reference embeddings, with the ridge above."""
    mean = reference.mean(0)
    eigenvalues, eigenvectors = np.linalg.eigh(np.cov((reference - mean).T))
    scale = 1 / np.sqrt(np.clip(eigenvalues, 0, None) + SHRINK * eigenvalues.max())
    return mean, (eigenvectors * scale) @ eigenvectors.T


def _unit(x: np.ndarray) -> np.ndarray:
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


def prototypes(whitened: np.ndarray, examples: list[synth.Example]) -> dict[str, np.ndarray]:
    """Each built-in topic's unit mean over the reference messages labelled with that topic alone."""
    out = {}
    for topic in TOPICS:
        rows = [i for i, ex in enumerate(examples) if ex.topics == (topic,)]
        if rows:
            out[topic] = _unit(whitened[rows].mean(0))
    return out


def calibrate(clf: OnnxClassifier, mean: np.ndarray, matrix: np.ndarray, protos: np.ndarray, heldout: tuple[Path, ...]) -> dict:
    """The threshold and margin with the fewest misses + FALSE_POSITIVE_COST x false positives over the
    calibration topics; negatives are the other topics' paraphrases, greetings and the hand-written held-out
    messages."""

    def space(texts: list[str]) -> np.ndarray:
        return _unit((embed(clf, texts) - mean) @ matrix)

    def similarity_and_margin(x: np.ndarray, centroid: np.ndarray) -> np.ndarray:
        similarity = x @ centroid
        return np.stack([similarity, similarity - (x @ protos.T).max(1)], 1)

    held = [ex.text for path in heldout for ex in sources.read_labelled_csv(path, "heldout")]
    positives, negatives = [], []
    for topic in CALIBRATION:
        centroid = _unit(space(topic["examples"]).mean(0))
        unrelated = [t for t in held if not re.search(topic["unrelated"], t, re.I)]
        others = [p for other in CALIBRATION if other is not topic for p in other["paraphrases"]]
        positives.append(similarity_and_margin(space(topic["paraphrases"]), centroid))
        negatives.append(similarity_and_margin(space(unrelated + others + GREETINGS), centroid))
    pos, neg = np.concatenate(positives), np.concatenate(negatives)

    def given(scores: np.ndarray, threshold: float, margin: float) -> np.ndarray:
        return (scores[:, 0] >= threshold) & (scores[:, 1] >= margin)

    # Ties go to the highest threshold, then the highest margin: the stricter of equally good settings.
    grid = [(t, m) for t in np.round(np.arange(0.1, 0.9, 0.01), 2) for m in np.round(np.arange(-0.5, 0.3, 0.01), 2)]
    costs = [(1 - given(pos, t, m).mean()) + FALSE_POSITIVE_COST * given(neg, t, m).mean() for t, m in grid]
    best_cost = min(costs)
    threshold, margin = max(tm for tm, cost in zip(grid, costs, strict=True) if cost == best_cost)
    return {
        "threshold": float(threshold),
        "margin": float(margin),
        "recall": float(given(pos, threshold, margin).mean()),
        "false_positive_rate": float(given(neg, threshold, margin).mean()),
        "positives": len(pos),
        "negatives": len(neg),
    }


def build(model_dir: Path, onnx_file: Path, max_len: int, data_root: Path, heldout: tuple[Path, ...], seed: int) -> dict:
    clf = OnnxClassifier(model_dir, onnx_file, max_len)
    reference = reference_examples(data_root, seed)
    embeddings = embed(clf, [ex.text for ex in reference])
    mean, matrix = whitening(embeddings)
    protos = prototypes(_unit((embeddings - mean) @ matrix), reference)
    calibration = calibrate(clf, mean, matrix, np.stack(list(protos.values())), heldout)
    return {
        "method": "whitening",
        "reference_texts": len(reference),
        "shrink": SHRINK,
        "default_threshold": calibration["threshold"],
        "margin": calibration["margin"],
        "calibration": calibration,
        "mean": [round(float(x), 7) for x in mean],
        "matrix": [[round(float(x), 6) for x in row] for row in matrix],
        "prototypes": {topic: [round(float(x), 6) for x in v] for topic, v in protos.items()},
    }


def write(out_dir: Path, space: dict) -> None:
    (out_dir / FILE_NAME).write_text(json.dumps(space) + "\n")
