"""Scores texts with an exported model folder through onnxruntime, the way the product runs it."""

import time
from pathlib import Path

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

from .metrics import sigmoid, softmax
from .taxonomy import NUM_TOPICS


class OnnxClassifier:
    def __init__(self, folder: Path, onnx_file: Path, max_len: int):
        self.tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tok.enable_truncation(max_len)
        self.tok.enable_padding(pad_id=self.tok.token_to_id("[PAD]") or 0, pad_token="[PAD]")
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        self.session = ort.InferenceSession(str(onnx_file), opts, providers=["CPUExecutionProvider"])

    def run(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        enc = self.tok.encode_batch(texts)
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        logits, emb = self.session.run(None, {"input_ids": ids, "attention_mask": mask})
        return logits, emb

    def scores(self, texts: list[str], batch: int = 64) -> tuple[np.ndarray, np.ndarray]:
        """Topic probabilities (sigmoid) and sentiment probabilities (softmax)."""
        topic, sent = [], []
        for i in range(0, len(texts), batch):
            logits, _ = self.run(texts[i : i + batch])
            topic.append(sigmoid(logits[:, :NUM_TOPICS]))
            sent.append(softmax(logits[:, NUM_TOPICS:]))
        return np.concatenate(topic), np.concatenate(sent)

    def latency_ms(self, texts: list[str], repeats: int = 3) -> dict:
        """Single-message p50/p95 and batch-32 throughput on one thread (indicative; `pnpm bench` is the
        product's measurement)."""
        times = []
        for _ in range(repeats):
            for t in texts:
                start = time.perf_counter()
                self.run([t])
                times.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        for i in range(0, len(texts), 32):
            self.run(texts[i : i + 32])
        elapsed = time.perf_counter() - start
        return {
            "p50_ms": float(np.percentile(times, 50)),
            "p95_ms": float(np.percentile(times, 95)),
            "batch32_msg_per_s": len(texts) / elapsed,
        }
