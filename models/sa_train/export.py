"""Step 6: ONNX export in the transformers.js layout, with `logits` and `sentence_embedding` outputs, and
int8 dynamic quantization with onnxruntime."""

from pathlib import Path

import torch
import torch.nn.functional as F
from onnxruntime.quantization import QuantType, quantize_dynamic
from transformers import DistilBertForSequenceClassification


class ExportWrapper(torch.nn.Module):
    """DistilBertForSequenceClassification's head on [CLS], plus the attention-masked, L2-normalised mean of
    the last hidden state (the sentence embedding custom topics are scored with)."""

    def __init__(self, model: DistilBertForSequenceClassification):
        super().__init__()
        self.model = model

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor):
        hidden = self.model.distilbert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        pooled = torch.relu(self.model.pre_classifier(hidden[:, 0]))
        logits = self.model.classifier(pooled)
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return logits, F.normalize(mean, p=2, dim=1)


def export_onnx(model_dir: Path, fp32_path: Path, q8_path: Path) -> None:
    model = DistilBertForSequenceClassification.from_pretrained(str(model_dir)).eval()
    wrapper = ExportWrapper(model).eval()
    ids = torch.tensor([[2, 100, 101, 102, 3], [2, 100, 3, 0, 0]], dtype=torch.long)
    mask = (ids != 0).long()
    fp32_path.parent.mkdir(parents=True, exist_ok=True)
    with torch.no_grad():
        torch.onnx.export(
            wrapper,
            (ids, mask),
            str(fp32_path),
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
    q8_path.parent.mkdir(parents=True, exist_ok=True)
    quantize_dynamic(str(fp32_path), str(q8_path), weight_type=QuantType.QInt8)
