"""Labelled player messages composed from the phrase bank: one or two topic clauses, a sentiment wrapper,
greetings, sign-offs, decoys and other languages. Deterministic for a given seed."""

import random
import re
from dataclasses import dataclass

from . import phrases as P
from .augment import augment
from .tone import civil_sentiment

SPECIFIC_TOPICS = [t for t in P.TOPIC_PHRASES if t != "other"]
SENTIMENT_WEIGHTS = {"angry": 0.24, "negative": 0.26, "neutral": 0.32, "positive": 0.18}


@dataclass(frozen=True)
class Example:
    text: str
    topics: tuple[str, ...] | None  # None: no topic label (loss masked)
    sentiment: str | None  # None: no sentiment label (loss masked)
    source: str


def fill(template: str, rng: random.Random) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: rng.choice(P.SLOTS[m.group(1)]), template)


def _clause(topic: str, kind: str, rng: random.Random) -> str:
    bank = P.TOPIC_PHRASES[topic]
    options = bank[kind] if kind == "done" or rng.random() < 0.85 else bank["ask"]
    return fill(rng.choice(options), rng)


def _join(parts: list[str], rng: random.Random) -> str:
    text = parts[0]
    for part in parts[1:]:
        text += rng.choice(P.CONNECTORS) + part
    return text


def _wrap(core: str, sentiment: str, rng: random.Random) -> str:
    """Adds the words that carry the sentiment around a neutral or already-coloured core clause."""
    if sentiment == "angry":
        if rng.random() < 0.12:
            # Shouting alone is hostility too.
            return core.upper() + rng.choice(["!!!", "!!", "?!?!", " NOW!!!"])
        anger = rng.choice(P.ANGER)
        if rng.random() < 0.35:
            anger += ". " + rng.choice(P.ANGER)
        text = f"{anger}. {core}" if rng.random() < 0.4 else f"{core}. {anger}"
        if rng.random() < 0.25:
            text = text.upper()
        return text + rng.choice(["", "!!!", "!", " !!", "?!"])
    if sentiment == "negative":
        if rng.random() < 0.8:
            frustration = rng.choice(P.FRUSTRATION)
            return f"{frustration}. {core}" if rng.random() < 0.3 else f"{core}, {frustration}"
        return core + rng.choice(["...", " :(", " again", ", still waiting"])
    if sentiment == "positive":
        thanks = rng.choice(P.THANKS)
        return f"{thanks}! {core}" if rng.random() < 0.3 else f"{core}, {thanks}"
    return core


def _decorate(text: str, sentiment: str, rng: random.Random) -> str:
    if rng.random() < 0.3:
        text = f"{rng.choice(P.GREETINGS)} {text}" if rng.random() < 0.5 else f"{rng.choice(P.GREETINGS)}, {text}"
    if sentiment in ("neutral", "negative") and rng.random() < 0.2:
        text = f"{text} {rng.choice(P.SIGN_OFFS)}"
    if rng.random() < 0.15:
        text = f"{text} {rng.choice(P.EMOJI[sentiment])}".rstrip()
    return text


def _sentiment(rng: random.Random) -> str:
    return rng.choices(list(SENTIMENT_WEIGHTS), weights=list(SENTIMENT_WEIGHTS.values()))[0]


def _core_kind(sentiment: str, rng: random.Random) -> str:
    if sentiment == "positive":
        return "done"
    if sentiment in ("negative", "angry") and rng.random() < 0.5:
        return "issue"
    return "ask"


def _other_only(sentiment: str, rng: random.Random) -> str:
    if sentiment == "positive":
        return rng.choice(P.TOPIC_PHRASES["other"]["done"] + P.THANKS)
    if sentiment == "angry":
        picks = rng.sample(P.ANGER, k=rng.choice([1, 1, 2]))
        text = ". ".join(picks)
        return text.upper() if rng.random() < 0.2 else text
    if sentiment == "negative":
        base = rng.choice(P.TOPIC_PHRASES["other"]["issue"] + P.TOPIC_PHRASES["other"]["ask"])
        return f"{base}, {rng.choice(P.FRUSTRATION)}"
    return rng.choice(P.TOPIC_PHRASES["other"]["ask"])


def generate_one(rng: random.Random) -> Example:
    roll = rng.random()
    if roll < 0.06:
        template, topics, sentiment = rng.choice(P.FOREIGN)
        text = fill(template, rng)
        if rng.random() < 0.3:
            text = f"{text} {rng.choice(P.EMOJI[sentiment])}".rstrip()
        return Example(text, tuple(topics), sentiment, "synth")

    sentiment = _sentiment(rng)
    if roll < 0.14:
        template, topics = rng.choice(P.DECOYS)
        core = fill(template, rng)
        if sentiment == "positive":
            sentiment = "neutral"
    elif roll < 0.26:
        topics = []
        core = _other_only(sentiment, rng)
        text = _decorate(core, sentiment, rng) if sentiment != "positive" or rng.random() < 0.5 else core
        return Example(text, ("other",), sentiment, "synth")
    elif roll < 0.44:
        topics = rng.sample(SPECIFIC_TOPICS, k=2)
        kind = _core_kind(sentiment, rng)
        second = "done" if kind == "done" else "ask"
        core = _join([_clause(topics[0], kind, rng), _clause(topics[1], second, rng)], rng)
    else:
        topics = [rng.choice(SPECIFIC_TOPICS)]
        core = _clause(topics[0], _core_kind(sentiment, rng), rng)

    if sentiment != "neutral" or rng.random() < 0.1:
        core = _wrap(core, sentiment, rng)
    return Example(_decorate(core, sentiment, rng), tuple(sorted(set(topics))), sentiment, "synth")


def generate(count: int, seed: int, augment_rate: float = 0.5) -> list[Example]:
    rng = random.Random(seed)
    out: list[Example] = []
    for _ in range(count):
        ex = generate_one(rng)
        # The phrase bank's `ask` clauses include reports of long waits; labelled by their words (tone.py).
        ex = Example(ex.text, ex.topics, civil_sentiment(ex.text, ex.sentiment), ex.source)
        if rng.random() < augment_rate:
            ex = Example(augment(ex.text, rng, shout=ex.sentiment == "angry"), ex.topics, ex.sentiment, ex.source)
        out.append(ex)
    return out
