"""Step 3: masked-language-model pre-training of a small DistilBERT on all unlabelled text."""

import math
import random
from pathlib import Path

import torch
import torch.nn.functional as F
from tqdm import tqdm
from transformers import (
    DataCollatorForLanguageModeling,
    DistilBertConfig,
    DistilBertForMaskedLM,
    PreTrainedTokenizerFast,
    get_linear_schedule_with_warmup,
)

from .batching import bucketed_batches
from .config import RunConfig


def new_config(cfg: RunConfig, tok: PreTrainedTokenizerFast) -> DistilBertConfig:
    return DistilBertConfig(
        vocab_size=len(tok),
        dim=cfg.dim,
        n_layers=cfg.n_layers,
        n_heads=cfg.n_heads,
        hidden_dim=cfg.hidden_dim,
        max_position_embeddings=max(128, tok.model_max_length),
        pad_token_id=tok.pad_token_id,
        dropout=0.1,
        attention_dropout=0.1,
    )


def masked_lm_loss(model: DistilBertForMaskedLM, batch: dict) -> torch.Tensor:
    """The MLM loss with the vocabulary projection applied to the masked positions only: on a small model
    the projection over every position would cost as much as the encoder itself."""
    hidden = model.distilbert(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).last_hidden_state
    labels = batch["labels"]
    picked = labels != -100
    h = model.vocab_layer_norm(model.activation(model.vocab_transform(hidden[picked])))
    return F.cross_entropy(model.vocab_projector(h), labels[picked])


def pretrain(mlm_text: Path, tok_dir: Path, out: Path, cfg: RunConfig) -> None:
    torch.manual_seed(cfg.seed)
    rng = random.Random(cfg.seed)
    tok = PreTrainedTokenizerFast.from_pretrained(str(tok_dir))
    lines = [line for line in mlm_text.read_text(encoding="utf-8").splitlines() if line.strip()]
    encoded = tok(lines, truncation=True, max_length=cfg.max_len)["input_ids"]

    model = DistilBertForMaskedLM(new_config(cfg, tok))
    collator = DataCollatorForLanguageModeling(tok, mlm_probability=0.15, return_tensors="pt")
    steps_per_epoch = math.ceil(len(encoded) / cfg.mlm_batch)
    total = max(1, int(steps_per_epoch * cfg.mlm_epochs))
    optim = torch.optim.AdamW(model.parameters(), lr=cfg.mlm_lr, weight_decay=0.01)
    sched = get_linear_schedule_with_warmup(optim, max(1, total // 20), total)

    model.train()
    lengths = [len(e) for e in encoded]
    batches: list[list[int]] = []
    bar = tqdm(range(total), desc="mlm")
    for step in bar:
        if not batches:
            batches = bucketed_batches(lengths, cfg.mlm_batch, rng)
        batch = collator([{"input_ids": encoded[i]} for i in batches.pop()])
        loss = masked_lm_loss(model, batch)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optim.step()
        sched.step()
        optim.zero_grad()
        if step % 20 == 0:
            bar.set_postfix(loss=f"{loss.item():.3f}")
    model.save_pretrained(str(out))
    tok.save_pretrained(str(out))
