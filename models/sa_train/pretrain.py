"""Step 3: masked-language-model pre-training of a small DistilBERT on all unlabelled text."""

import math
import random
from pathlib import Path

import torch
from tqdm import tqdm
from transformers import (
    DataCollatorForLanguageModeling,
    DistilBertConfig,
    DistilBertForMaskedLM,
    PreTrainedTokenizerFast,
    get_linear_schedule_with_warmup,
)

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
    order: list[int] = []
    bar = tqdm(range(total), desc="mlm")
    for step in bar:
        if not order:
            order = list(range(len(encoded)))
            rng.shuffle(order)
        idx, order = order[: cfg.mlm_batch], order[cfg.mlm_batch :]
        batch = collator([{"input_ids": encoded[i]} for i in idx])
        loss = model(**batch).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optim.step()
        sched.step()
        optim.zero_grad()
        if step % 20 == 0:
            bar.set_postfix(loss=f"{loss.item():.3f}")
    model.save_pretrained(str(out))
    tok.save_pretrained(str(out))
