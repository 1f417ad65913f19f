"""Step 4: one encoder, one 14-wide head: sigmoid/BCE over the topics, softmax/CE over the sentiments.
Examples without a topic (tweets) or without a sentiment (Banking77) mask that part of the loss."""

import math
import random
from pathlib import Path

import torch
import torch.nn.functional as F
from tqdm import tqdm
from transformers import DistilBertForSequenceClassification, PreTrainedTokenizerFast, get_linear_schedule_with_warmup

from .batching import bucketed_batches, pad_batch
from .config import RunConfig
from .synth import Example
from .taxonomy import LABELS, NUM_TOPICS, SENTIMENTS, TOPICS


def targets(examples: list[Example]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    topic = torch.zeros(len(examples), NUM_TOPICS)
    has_topic = torch.zeros(len(examples))
    sentiment = torch.full((len(examples),), -100, dtype=torch.long)
    for i, ex in enumerate(examples):
        if ex.topics is not None:
            has_topic[i] = 1
            for t in ex.topics:
                topic[i, TOPICS.index(t)] = 1
        if ex.sentiment is not None:
            sentiment[i] = SENTIMENTS.index(ex.sentiment)
    return topic, has_topic, sentiment


def loss_fn(logits, topic, has_topic, sentiment, weight):
    # Summed over topics (not averaged): averaging leaves each topic a tenth of the gradient sentiment gets,
    # and a small model then never grows confident topic scores.
    bce = F.binary_cross_entropy_with_logits(logits[:, :NUM_TOPICS], topic, reduction="none").sum(1)
    topic_loss = (bce * has_topic * weight).sum() / (has_topic * weight).sum().clamp(min=1e-6)
    ce = F.cross_entropy(logits[:, NUM_TOPICS:], sentiment, ignore_index=-100, reduction="none")
    has_sent = (sentiment != -100).float()
    sent_loss = (ce * weight * has_sent).sum() / (has_sent * weight).sum().clamp(min=1e-6)
    return topic_loss + sent_loss


def load_classifier(init_dir: Path) -> DistilBertForSequenceClassification:
    return DistilBertForSequenceClassification.from_pretrained(
        str(init_dir),
        num_labels=len(LABELS),
        id2label=dict(enumerate(LABELS)),
        label2id={label: i for i, label in enumerate(LABELS)},
        problem_type="multi_label_classification",
    )


def finetune(train: list[Example], init_dir: Path, tok_dir: Path, out: Path, cfg: RunConfig, device: torch.device) -> None:
    torch.manual_seed(cfg.seed)
    rng = random.Random(cfg.seed)
    tok = PreTrainedTokenizerFast.from_pretrained(str(tok_dir))
    model = load_classifier(init_dir).to(device)
    topic, has_topic, sentiment = (t.to(device) for t in targets(train))
    weight = torch.tensor([cfg.tweet_weight if ex.source == "tweeteval" else 1.0 for ex in train], device=device)
    # Tokenized once; each batch is only padded.
    encoded = tok([ex.text for ex in train], truncation=True, max_length=cfg.max_len)["input_ids"]

    steps_per_epoch = math.ceil(len(train) / cfg.ft_batch)
    total = max(1, int(steps_per_epoch * cfg.ft_epochs))
    optim = torch.optim.AdamW(model.parameters(), lr=cfg.ft_lr, weight_decay=0.01)
    sched = get_linear_schedule_with_warmup(optim, max(1, total // 20), total)
    model.train()
    lengths = [len(ids) for ids in encoded]
    batches: list[list[int]] = []
    bar = tqdm(range(total), desc="finetune")
    for step in bar:
        if not batches:
            batches = bucketed_batches(lengths, cfg.ft_batch, rng)
        idx = batches.pop()
        input_ids, attention_mask = pad_batch([encoded[i] for i in idx], tok.pad_token_id, device)
        logits = model(input_ids=input_ids, attention_mask=attention_mask).logits
        loss = loss_fn(logits, topic[idx], has_topic[idx], sentiment[idx], weight[idx])
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optim.step()
        sched.step()
        optim.zero_grad()
        if step % 20 == 0:
            bar.set_postfix(loss=f"{loss.item():.3f}")
    model.cpu().save_pretrained(str(out))
    tok.save_pretrained(str(out))
