"""Run sizes. `full` trains the shipped model; `smoke` runs every step end to end in well under two minutes."""

import dataclasses
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class RunConfig:
    name: str
    seed: int
    synth_train: int
    synth_val: int
    grammar_train: int  # messages from the paraphrase grammar (grammar.py)
    grammar_val: int
    demo_count: int
    banking_other_per_intent: int
    banking_limit: int  # 0 = all rows
    tweets_limit: int  # 0 = all rows
    vocab_size: int
    n_layers: int
    dim: int
    n_heads: int
    hidden_dim: int
    max_len: int
    mlm_epochs: float
    mlm_batch: int
    mlm_lr: float
    ft_epochs: float
    ft_batch: int
    ft_lr: float
    tweet_weight: float  # loss weight of sentiment-only tweets relative to support messages

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Continuation:
    """More fine-tuning from the finished fine-tune, at a lower learning rate (a warm restart). Kept out of
    RunConfig because every step's key holds RunConfig: adding epochs here reuses the corpus, tokenizer, MLM
    and first fine-tune instead of rebuilding them."""

    epochs: float  # 0 = none
    lr: float

    def as_dict(self) -> dict:
        return asdict(self)


# Sized for a GPU (about 5 minutes on one H100/H200); on 2 CPU cores it takes hours.
FULL = RunConfig(
    name="full",
    seed=13,
    synth_train=30000,
    synth_val=1500,
    grammar_train=200000,
    grammar_val=5000,
    demo_count=12000,
    banking_other_per_intent=25,
    banking_limit=0,
    tweets_limit=6000,
    vocab_size=8000,
    n_layers=2,
    dim=128,
    n_heads=4,
    hidden_dim=512,
    max_len=128,
    mlm_epochs=4,
    mlm_batch=256,
    mlm_lr=1e-3,
    ft_epochs=4,
    ft_batch=128,
    ft_lr=1e-3,
    tweet_weight=0.3,
)

FULL_CONTINUATION = Continuation(epochs=2, lr=3e-4)

# A wider, deeper candidate (about 2.3x the compute of 2L/128 per token): shipped only if it beats FULL on
# both hand-written evaluation sets.
FULL_3L160 = dataclasses.replace(FULL, name="full-3l160", n_layers=3, dim=160, n_heads=4, hidden_dim=640)

# The same data and model on 2 busy CPU cores in about an hour (measured at nice 19, 1 torch thread: an MLM
# step of 256 lines ~0.3-0.4 s, a fine-tune step of 128 messages ~0.1-0.14 s): half the MLM epochs and
# three quarters of the fine-tuning of `full`. The MLM loss is already computed on the masked positions
# only and batches are length-bucketed, so fewer passes is what is left to cut.
CPU = dataclasses.replace(FULL, name="cpu", mlm_epochs=2, ft_epochs=3)
CPU_CONTINUATION = Continuation(epochs=1, lr=3e-4)

SMOKE = RunConfig(
    name="smoke",
    seed=13,
    synth_train=600,
    synth_val=200,
    grammar_train=600,
    grammar_val=200,
    demo_count=200,
    banking_other_per_intent=2,
    banking_limit=600,
    tweets_limit=300,
    vocab_size=800,
    n_layers=1,
    dim=32,
    n_heads=2,
    hidden_dim=64,
    max_len=32,
    mlm_epochs=1,
    mlm_batch=64,
    mlm_lr=1e-3,
    ft_epochs=1,
    ft_batch=64,
    ft_lr=1e-3,
    tweet_weight=0.3,
)

SMOKE_CONTINUATION = Continuation(epochs=0.5, lr=3e-4)

CONFIGS = {
    "full": (FULL, FULL_CONTINUATION),
    "full-3l160": (FULL_3L160, FULL_CONTINUATION),
    "cpu": (CPU, CPU_CONTINUATION),
    "smoke": (SMOKE, SMOKE_CONTINUATION),
}
