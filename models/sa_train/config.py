"""Run sizes. `full` trains the shipped model; `smoke` runs every step end to end in well under two minutes."""

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class RunConfig:
    name: str
    seed: int
    synth_train: int
    synth_val: int
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


FULL = RunConfig(
    name="full",
    seed=13,
    synth_train=25000,
    synth_val=2000,
    demo_count=12000,
    banking_other_per_intent=25,
    banking_limit=0,
    tweets_limit=3000,
    vocab_size=8000,
    n_layers=2,
    dim=128,
    n_heads=4,
    hidden_dim=512,
    max_len=128,
    mlm_epochs=1,
    mlm_batch=128,
    mlm_lr=1e-3,
    ft_epochs=3,
    ft_batch=64,
    ft_lr=1e-3,
    tweet_weight=0.3,
)

FULL_CONTINUATION = Continuation(epochs=2, lr=3e-4)

SMOKE = RunConfig(
    name="smoke",
    seed=13,
    synth_train=600,
    synth_val=200,
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
