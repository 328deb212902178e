#!/usr/bin/env python3
"""Meeting and Deal facts of factRuEval-2016 against `amur extract` records.

  tools/factru_facts_score.py --pred PRED.jsonl [--data DIR] [--set testset]

Amur's approximation of the track (the official scorer also checks slot
values): a predicted Meeting is an `events` entry of type meeting; a predicted
Deal is an `agreements` entry or a `signing` event. A prediction matches a gold
fact of the same type in the same document when they share a participant:
a gold participant's name (any of its alternatives) equals, contains or is
contained in the name or a mention text of a predicted participant, after
lower-casing and folding ё. Matching is one-to-one; micro P/R/F1 per type.
Standard library only.
"""
import argparse
import glob
import json
import os
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))


def norm(s):
    return " ".join("".join(c if c.isalnum() else " " for c in s.lower().replace("ё", "е")).split())


def gold_facts(path):
    facts, cur = [], None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            cur = None
            continue
        parts = line.split(" ", 1)
        if cur is None:
            kind = parts[1].strip() if len(parts) > 1 else ""
            cur = {"type": kind, "participants": []}
            facts.append(cur)
            continue
        if parts[0] == "Participant" and len(parts) > 1:
            # "obj123 Name | objX Alt" → names without object ids.
            names = []
            for alt in parts[1].split(" | "):
                words = alt.split()
                if words and (words[0].startswith("obj") or words[0].startswith("span")):
                    words = words[1:]
                if words:
                    names.append(norm(" ".join(words)))
            cur["participants"].append(names)
    return [f for f in facts if f["type"] in ("Meeting", "Deal")]


def pred_facts(rec):
    ents = {e.get("id"): e for e in rec.get("entities") or []}

    def names(eid):
        e = ents.get(eid) or {}
        out = {norm(e.get("name") or "")}
        out |= {norm(m.get("text") or "") for m in e.get("mentions") or []}
        return {n for n in out if n}

    out = []
    for ev in rec.get("events") or []:
        kind = {"meeting": "Meeting", "signing": "Deal"}.get(ev.get("type"))
        if kind:
            out.append({"type": kind, "names": [names(p.get("entity")) for p in ev.get("participants") or []]})
    for ag in rec.get("agreements") or []:
        out.append({"type": "Deal", "names": [names(p) for p in ag.get("parties") or []]})
    return out


def shares(gold, pred):
    for alts in gold["participants"]:
        for g in alts:
            for names in pred["names"]:
                for n in names:
                    if g == n or (len(g) >= 3 and g in n) or (len(n) >= 3 and n in g):
                        return True
    return False


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pred", required=True)
    ap.add_argument("--data", default=os.path.join(HERE, "..", "..", "shared", "datasets", "factRuEval-2016"))
    ap.add_argument("--set", default="testset")
    a = ap.parse_args()
    preds = {}
    for line in open(a.pred, encoding="utf-8"):
        if line.strip():
            r = json.loads(line)
            preds[os.path.basename(str(r.get("source", ""))).rsplit(".", 1)[0]] = r
    tally = defaultdict(lambda: [0, 0, 0])
    for path in sorted(glob.glob(os.path.join(a.data, a.set, "book_*.facts"))):
        doc = os.path.basename(path)[:-6]
        golds = gold_facts(path)
        ps = pred_facts(preds.get(doc, {}))
        for kind in ("Meeting", "Deal"):
            g = [x for x in golds if x["type"] == kind]
            p = [x for x in ps if x["type"] == kind]
            used = set()
            tp = 0
            for pi, px in enumerate(p):
                for gi, gx in enumerate(g):
                    if gi not in used and shares(gx, px):
                        used.add(gi)
                        tp += 1
                        break
            tally[kind][0] += tp
            tally[kind][1] += len(p) - tp
            tally[kind][2] += len(g) - len(used)
    for kind, (tp, fp, fn) in tally.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{kind:<8} P {p:.3f} R {r:.3f} F1 {f:.3f}  (tp {tp} fp {fp} fn {fn})")


if __name__ == "__main__":
    main()
