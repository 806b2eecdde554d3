"""Does int8 hold the thorough encoder's accuracy? Compares the fp32 export (build/thorough/,
written by scripts/train_thorough.py --stage export) with the shipped int8 model on the head
fold of the train splits and the real-world train rows the encoder never saw (never a dev
split), and prints both models' precision and
recall of the encoder alone at 0.5, and how often they agree.

    .venv/bin/python scripts/compare_int8.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_thorough import BUILD, SHIP, head_data  # noqa: E402

from safeguard.language.thorough import Encoder, encoder_log_odds  # noqa: E402


def main() -> None:
    data, _ = head_data()
    texts = [e.text for e in data]
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(BUILD / "encoder.fp32.onnx", Path(tmp) / "encoder.onnx")
        shutil.copy(SHIP / "tokenizer.json", Path(tmp) / "tokenizer.json")
        preds = {}
        for name, folder in (("fp32", Path(tmp)), ("int8", SHIP)):
            enc = Encoder(folder)
            t = time.perf_counter()
            logits = enc.logits(texts)
            rate = len(texts) / (time.perf_counter() - t)
            pred = [encoder_log_odds(lg) > 0 for lg in logits]
            preds[name] = pred
            tp = sum(p and e.label for p, e in zip(pred, data, strict=True))
            fp = sum(p and not e.label for p, e in zip(pred, data, strict=True))
            fn = sum((not p) and e.label for p, e in zip(pred, data, strict=True))
            print(
                f"{name}: precision {tp / max(1, tp + fp):.3f} recall {tp / max(1, tp + fn):.3f} "
                f"({len(texts)} sentences, {rate:,.0f}/s)"
            )
    agree = sum(a == b for a, b in zip(preds["fp32"], preds["int8"], strict=True)) / len(texts)
    print(f"fp32 and int8 agree on {agree:.1%} of sentences")


if __name__ == "__main__":
    main()
