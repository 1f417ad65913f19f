"""Writes a DistilBERT model with random weights in the shipped model's transformers.js layout.

The benchmarks compare the shipped classifier against a DistilBERT-base-size model (6 layers,
dim 768) measured in the same run; trained weights do not change the cost of a forward pass, so
random ones are enough. The graph has the shipped model's two outputs (`logits`, and an
L2-normalised masked-mean `sentence_embedding`) so the same TypeScript code path runs both.

Usage (models venv): python make_reference_model.py --out DIR --labels topic:deposit,... \
    [--tokenizer-from MODEL_DIR] [--layers 6 --dim 768 --heads 12 --hidden 3072]
"""

import argparse
import json
import shutil
from pathlib import Path

import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from transformers import DistilBertConfig, DistilBertModel, PreTrainedTokenizerFast

TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json")


class WithHeads(torch.nn.Module):
    def __init__(self, config: DistilBertConfig, num_labels: int):
        super().__init__()
        self.encoder = DistilBertModel(config)
        self.head = torch.nn.Linear(config.dim, num_labels)

    def forward(self, input_ids, attention_mask):
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        logits = self.head(hidden[:, 0])
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return logits, torch.nn.functional.normalize(pooled, p=2, dim=-1)


def build_tokenizer(out: Path, source: Path | None, corpus: Path) -> PreTrainedTokenizerFast:
    if source is not None:
        for name in TOKENIZER_FILES:
            if (source / name).exists():
                shutil.copy(source / name, out / name)
        return PreTrainedTokenizerFast.from_pretrained(str(out))
    # No shipped model to borrow from: a small WordPiece vocabulary is enough for a random-weight model.
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors, trainers

    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    lines = [line.rsplit(",", 1)[0] for line in corpus.read_text(encoding="utf-8").splitlines()[1:]]
    tok.train_from_iterator(lines, trainers.WordPieceTrainer(vocab_size=8000, special_tokens=specials))
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B [SEP]",
        special_tokens=[("[CLS]", tok.token_to_id("[CLS]")), ("[SEP]", tok.token_to_id("[SEP]"))],
    )
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        mask_token="[MASK]",
        model_max_length=128,
    )
    fast.save_pretrained(str(out))
    return fast


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--labels", required=True, help="comma-separated id2label names, in order")
    parser.add_argument("--tokenizer-from", type=Path)
    parser.add_argument("--corpus", type=Path, default=Path("/work/shared/data/banking77/train.csv"))
    parser.add_argument("--layers", type=int, default=6)
    parser.add_argument("--dim", type=int, default=768)
    parser.add_argument("--heads", type=int, default=12)
    parser.add_argument("--hidden", type=int, default=3072)
    parser.add_argument("--version", default="reference-random")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    out: Path = args.out
    (out / "onnx").mkdir(parents=True, exist_ok=True)
    tokenizer = build_tokenizer(out, args.tokenizer_from, args.corpus)
    labels = args.labels.split(",")

    config = DistilBertConfig(
        vocab_size=len(tokenizer),
        n_layers=args.layers,
        dim=args.dim,
        n_heads=args.heads,
        hidden_dim=args.hidden,
        max_position_embeddings=512,
        pad_token_id=tokenizer.pad_token_id,
    )
    model = WithHeads(config, len(labels)).eval()

    fp32 = out / "onnx" / "model.onnx"
    example = tokenizer(["a short example message"], return_tensors="pt")
    torch.onnx.export(
        model,
        (example["input_ids"], example["attention_mask"]),
        str(fp32),
        input_names=["input_ids", "attention_mask"],
        output_names=["logits", "sentence_embedding"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "sequence"},
            "attention_mask": {0: "batch", 1: "sequence"},
            "logits": {0: "batch"},
            "sentence_embedding": {0: "batch"},
        },
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(str(fp32), str(out / "onnx" / "model_quantized.onnx"), weight_type=QuantType.QInt8)

    config_json = config.to_dict()
    config_json.update(
        architectures=["DistilBertModel"],
        problem_type="multi_label_classification",
        id2label={str(i): name for i, name in enumerate(labels)},
        label2id={name: i for i, name in enumerate(labels)},
        sa_model_version=args.version,
    )
    (out / "config.json").write_text(json.dumps(config_json, indent=2))
    topics = [name.split(":", 1)[1] for name in labels if name.startswith("topic:")]
    (out / "thresholds.json").write_text(json.dumps({"topics": {t: 0.5 for t in topics}}, indent=2))
    print(json.dumps({"out": str(out), "layers": args.layers, "dim": args.dim, "vocab": len(tokenizer)}))


if __name__ == "__main__":
    main()
