"""Readers for the public data sets in ../shared/data and for labelled message CSVs (analytics.md columns)."""

import csv
import subprocess
from pathlib import Path

from .synth import Example
from .taxonomy import SENTIMENTS, TOPICS

# Banking77 intents that truly are one of our topics in a casino's support chat. Card issuance, exchange
# rates and transfers between people have no casino counterpart and stay unlabelled (MLM text only).
BANKING77_TOPICS: dict[str, str] = {
    "top_up_failed": "deposit",
    "top_up_reverted": "deposit",
    "pending_top_up": "deposit",
    "top_up_limits": "deposit",
    "topping_up_by_card": "deposit",
    "top_up_by_bank_transfer_charge": "deposit",
    "top_up_by_card_charge": "deposit",
    "top_up_by_cash_or_cheque": "deposit",
    "verify_top_up": "deposit",
    "automatic_top_up": "deposit",
    "balance_not_updated_after_bank_transfer": "deposit",
    "balance_not_updated_after_cheque_or_cash_deposit": "deposit",
    "transfer_into_account": "deposit",
    # Paying a casino by card is a deposit: declined, pending, reverted, double-charged or fee-charged card
    # payments read the same in a casino chat.
    "declined_card_payment": "deposit",
    "pending_card_payment": "deposit",
    "reverted_card_payment?": "deposit",
    "transaction_charged_twice": "deposit",
    "card_payment_fee_charged": "deposit",
    "supported_cards_and_currencies": "deposit",
    "pending_cash_withdrawal": "withdrawal",
    "declined_cash_withdrawal": "withdrawal",
    "cash_withdrawal_charge": "withdrawal",
    "wrong_amount_of_cash_received": "withdrawal",
    "wrong_exchange_rate_for_cash_withdrawal": "withdrawal",
    "cash_withdrawal_not_recognised": "withdrawal",
    "verify_my_identity": "verification",
    "why_verify_identity": "verification",
    "unable_to_verify_identity": "verification",
    "verify_source_of_funds": "verification",
    "passcode_forgotten": "account_access",
    "pin_blocked": "account_access",
    "change_pin": "account_access",
    "lost_or_stolen_phone": "account_access",
    "edit_personal_details": "account_details",
    "terminate_account": "account_details",
}

# Intents that are plainly none of our topics; a sample of them teaches the model what `other` looks like
# in banking words, so card or exchange-rate talk is not mistaken for a deposit. ("visa or mastercard" and
# "apple pay" questions are left out: in a casino chat they ask how to deposit.)
BANKING77_OTHER = {
    "card_arrival", "card_delivery_estimate", "exchange_rate", "exchange_via_app", "get_physical_card",
    "getting_virtual_card", "order_physical_card", "getting_spare_card", "card_about_to_expire",
    "activate_my_card", "get_disposable_virtual_card", "disposable_card_limits",
    "country_support", "contactless_not_working", "card_linking", "lost_or_stolen_card",
}


class DataError(RuntimeError):
    pass


def read_banking77(root: Path) -> list[tuple[str, str]]:
    path = root / "banking77" / "train.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if not rows or set(rows[0]) != {"text", "category"}:
        raise DataError(f"{path}: expected columns text,category")
    return [(r["text"].strip(), r["category"].strip()) for r in rows if r["text"].strip()]


def banking77_example(text: str, intent: str) -> Example | None:
    if intent in BANKING77_TOPICS:
        return Example(text, (BANKING77_TOPICS[intent],), None, "banking77")
    if intent in BANKING77_OTHER:
        return Example(text, ("other",), None, "banking77")
    return None


TWEETEVAL_EMOTION = {"0": "angry", "1": "positive", "2": "positive", "3": "negative"}
TWEETEVAL_SENTIMENT = {"0": "negative", "1": "neutral", "2": "positive"}


def _read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def read_tweeteval(root: Path, split: str) -> list[Example]:
    """Sentiment-only examples (no topic label); `split` is "train" or "val"."""
    base = root / "tweeteval"
    pairs: list[tuple[Path, Path, dict[str, str]]] = []
    if split == "train":
        pairs.append((base / "emotion/train_text.txt", base / "emotion/train_labels.txt", TWEETEVAL_EMOTION))
        pairs.append((base / "sentiment/test_text.txt", base / "sentiment/test_labels.txt", TWEETEVAL_SENTIMENT))
    else:
        pairs.append((base / "emotion/val_text.txt", base / "emotion/val_labels.txt", TWEETEVAL_EMOTION))
        pairs.append((base / "sentiment/val_text.txt", base / "sentiment/val_labels.txt", TWEETEVAL_SENTIMENT))
    out: list[Example] = []
    for text_path, label_path, mapping in pairs:
        texts, labels = _read_lines(text_path), _read_lines(label_path)
        if len(texts) != len(labels):
            raise DataError(f"{text_path}: {len(texts)} texts but {len(labels)} labels in {label_path}")
        for text, label in zip(texts, labels, strict=True):
            text = text.replace("@user", "").strip()
            if text:
                out.append(Example(text, None, mapping[label.strip()], "tweeteval"))
    return out


def read_unlabelled_tweets(root: Path) -> list[str]:
    base = root / "tweeteval"
    texts: list[str] = []
    for name in ("emotion/train_text.txt", "emotion/val_text.txt", "sentiment/test_text.txt", "sentiment/val_text.txt"):
        texts += [t.replace("@user", "").strip() for t in _read_lines(base / name)]
    return [t for t in texts if t]


def read_labelled_csv(path: Path, source: str, roles: tuple[str, ...] = ("customer",)) -> list[Example]:
    """A messages CSV (analytics.md columns) with `topics` (`|`-separated) and `sentiment` labels; rows by
    other author roles (agents, bots) are skipped: the model is for what players write."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"text", "topics", "sentiment"} - set(reader.fieldnames or [])
        if missing:
            raise DataError(f"{path}: missing column(s) {sorted(missing)}")
        out: list[Example] = []
        for line, row in enumerate(reader, start=2):
            if row.get("author_role", "customer") not in roles:
                continue
            topics = tuple(sorted(t for t in row["topics"].split("|") if t))
            bad = [t for t in topics if t not in TOPICS]
            if bad or not topics:
                raise DataError(f"{path}:{line}: topics {row['topics']!r} must be `|`-separated ids from {TOPICS}")
            if row["sentiment"] not in SENTIMENTS:
                raise DataError(f"{path}:{line}: sentiment {row['sentiment']!r} is not one of {SENTIMENTS}")
            out.append(Example(row["text"], topics, row["sentiment"], source))
    return out


def demo_data(out_csv: Path, count: int, seed: int, repo_root: Path) -> bool:
    """Runs the demo generator (`pnpm sa demo-data`); False when this checkout does not have the command yet."""
    cmd = ["pnpm", "--silent", "sa", "demo-data", "--out", str(out_csv), "--count", str(count), "--seed", str(seed)]
    result = subprocess.run(cmd, cwd=repo_root, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not out_csv.exists():
        print(f"[corpus] demo generator unavailable, training without it: {result.stderr.strip()[-300:]}")
        return False
    return True
