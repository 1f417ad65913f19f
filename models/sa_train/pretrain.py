"""Step 3: masked-language-model pre-training of a small DistilBERT on all unlabelled text."""

import math
import random
from pathlib import Path

import torch
import torch.nn.functional as F
from tqdm import tqdm
from transformers import (
    DistilBertConfig,
    DistilBertForMaskedLM,
    PreTrainedTokenizerFast,
    get_linear_schedule_with_warmup,
)

from .batching import bucketed_batches, pad_batch
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


def mask_tokens(input_ids: torch.Tensor, attention_mask: torch.Tensor, tok: PreTrainedTokenizerFast):
    """BERT masking on the batch's own device: 15% of the real tokens are picked; of those 80% become
    [MASK], 10% a random token, 10% stay. (HF's collator does the same on the CPU, slower than a GPU step.)"""
    labels = input_ids.clone()
    special = (attention_mask == 0) | (input_ids == tok.cls_token_id) | (input_ids == tok.sep_token_id)
    picked = (torch.rand(input_ids.shape, device=input_ids.device) < 0.15) & ~special
    labels[~picked] = -100
    roll = torch.rand(input_ids.shape, device=input_ids.device)
    masked = input_ids.clone()
    masked[picked & (roll < 0.8)] = tok.mask_token_id
    swap = picked & (roll >= 0.8) & (roll < 0.9)
    masked[swap] = torch.randint(len(tok), input_ids.shape, device=input_ids.device)[swap]
    return masked, labels


def pretrain(mlm_text: Path, tok_dir: Path, out: Path, cfg: RunConfig, device: torch.device) -> None:
    torch.manual_seed(cfg.seed)
    rng = random.Random(cfg.seed)
    tok = PreTrainedTokenizerFast.from_pretrained(str(tok_dir))
    lines = [line for line in mlm_text.read_text(encoding="utf-8").splitlines() if line.strip()]
    encoded = tok(lines, truncation=True, max_length=cfg.max_len)["input_ids"]

    model = DistilBertForMaskedLM(new_config(cfg, tok)).to(device)
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
        input_ids, attention_mask = pad_batch([encoded[i] for i in batches.pop()], tok.pad_token_id, device)
        input_ids, labels = mask_tokens(input_ids, attention_mask, tok)
        if not (labels != -100).any():
            continue
        loss = masked_lm_loss(model, {"input_ids": input_ids, "attention_mask": attention_mask, "labels": labels})
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optim.step()
        sched.step()
        optim.zero_grad()
        if step % 20 == 0:
            bar.set_postfix(loss=f"{loss.item():.3f}")
    model.cpu().save_pretrained(str(out))
    tok.save_pretrained(str(out))
