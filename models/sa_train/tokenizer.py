"""Step 2: a lowercase WordPiece tokenizer trained on the MLM text, saved in the HF / transformers.js layout."""

import json
from pathlib import Path

from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers
from transformers import DistilBertTokenizerFast, PreTrainedTokenizerFast

SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def train_tokenizer(mlm_text: Path, out: Path, vocab_size: int, max_len: int) -> None:
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True, strip_accents=True, clean_text=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.decoder = decoders.WordPiece()
    trainer = trainers.WordPieceTrainer(vocab_size=vocab_size, special_tokens=SPECIAL, min_frequency=2)
    tok.train([str(mlm_text)], trainer)
    cls, sep = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1", special_tokens=[("[CLS]", cls), ("[SEP]", sep)]
    )
    fast = DistilBertTokenizerFast(
        tokenizer_object=tok, do_lower_case=True, model_max_length=max_len,
        pad_token="[PAD]", unk_token="[UNK]", cls_token="[CLS]", sep_token="[SEP]", mask_token="[MASK]",
    )
    save_tokenizer(fast, out)


def save_tokenizer(tok: PreTrainedTokenizerFast, out: Path) -> None:
    """Saves the files transformers.js needs, making sure tokenizer_config.json carries pad_token,
    model_max_length and do_lower_case (without them batching and truncation fail there)."""
    tok.save_pretrained(str(out))
    cfg_path = out / "tokenizer_config.json"
    cfg = json.loads(cfg_path.read_text())
    cfg["pad_token"] = tok.pad_token
    cfg["model_max_length"] = int(tok.model_max_length)
    cfg["do_lower_case"] = bool(getattr(tok, "do_lower_case", cfg.get("do_lower_case", False)))
    cfg["tokenizer_class"] = cfg.get("tokenizer_class") or "DistilBertTokenizer"
    for local_only in ("is_local", "local_files_only"):
        cfg.pop(local_only, None)
    cfg_path.write_text(json.dumps(cfg, indent=2, ensure_ascii=False) + "\n")
    special = {
        k: getattr(tok, k) for k in ("unk_token", "sep_token", "pad_token", "cls_token", "mask_token")
        if getattr(tok, k, None)
    }
    (out / "special_tokens_map.json").write_text(json.dumps(special, indent=2) + "\n")
