"""Noise that real chat text has and clean templates lack: typos, casing, slang, emoji, code-switching."""

import random
import re

from . import phrases as P

_KEYBOARD_NEIGHBOURS = {
    "a": "qsz", "s": "adw", "d": "sfe", "e": "wrd", "i": "uok", "o": "ipl", "n": "bm", "t": "ryg", "r": "etf",
    "l": "kp", "u": "yij", "c": "xv", "m": "n", "p": "ol", "h": "gj", "y": "tu", "w": "qe", "g": "fh",
}


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 4 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.random()
    if op < 0.3:
        return word[:i] + word[i + 1 :]
    if op < 0.55:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if op < 0.75:
        return word[:i] + word[i] + word[i:]
    near = _KEYBOARD_NEIGHBOURS.get(word[i].lower())
    return word[:i] + rng.choice(near) + word[i + 1 :] if near else word


def slang(text: str, rng: random.Random) -> str:
    for formal, informal in P.SLANG:
        if rng.random() < 0.5 and re.search(rf"\b{re.escape(formal)}\b", text, re.I):
            text = re.sub(rf"\b{re.escape(formal)}\b", informal, text, count=1, flags=re.I)
    return text


def augment(text: str, rng: random.Random, shout: bool = True) -> str:
    """`shout=False` keeps whole-message capitals out: they read as anger, so only angry or unlabelled
    sentiment may get them."""
    if rng.random() < 0.5:
        text = slang(text, rng)
    if rng.random() < 0.5:
        words = text.split(" ")
        for _ in range(rng.choice([1, 1, 2, 3])):
            j = rng.randrange(len(words))
            words[j] = typo(words[j], rng)
        text = " ".join(words)
    casing = rng.random()
    if casing < 0.25:
        text = text[:1].upper() + text[1:]
    elif casing < 0.3 and shout:
        text = text.upper()
    elif casing < 0.4:
        text = text.lower()
    if rng.random() < 0.1:
        text = re.sub(r"[.,!?']", "", text)
    if rng.random() < 0.08:
        words = text.split(" ")
        words.insert(rng.randrange(len(words) + 1), rng.choice(P.CODE_SWITCH))
        text = " ".join(words)
    if rng.random() < 0.1:
        text += rng.choice(["??", "!!", " ...", "?", " pls"])
    return text
