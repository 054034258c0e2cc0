#!/usr/bin/env python3
"""accuracy.py: end-to-end accuracy of `incimap extract` on the gold data in
../shared/data (read in place, never copied into the project).

  geoparsing/GWN.xml, geoparsing/lgl.xml
      toponym detection precision / recall / F1 (exact span, and any overlap),
      acc@161 km over all gold toponyms with coordinates (a missed one counts
      as wrong) and over the matched ones, mean and median error in km.
  events/pitf_dev.csv, events/pitf_dev_world.csv
      share of incidents placed within 25 km of the analysts' point, and more
      than 500 km off, the same for those more than 40 km from Baghdad, share
      with exact deaths and exact injured; per country for the ten countries
      with most rows.

Usage: accuracy.py --incimap BIN --data DIR [--gazetteer DIR] [--work DIR]
                   [--only gwn|lgl|pitf|pitf_world]... [--errors]
Prints a Markdown report on stdout; exit status 77 when DIR is missing.
With --errors, also writes WORK/errors-NAME.tsv: one line a gold toponym
or PITF row that was missed or misplaced, and one a false hit, for reading
(bench/work/ is not part of the project: it quotes the gold data).
"""
import argparse
import csv
import json
import math
import os
import statistics
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET

BAGHDAD = (33.3152, 44.3661)


def km(a, b):
    r = 6371.0088
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(h)))


def run_incimap(args, jsonl, extra):
    cmd = [args.incimap, "extract", "-q", jsonl] + extra
    if args.gazetteer:
        cmd += ["--gazetteer", args.gazetteer]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if p.returncode not in (0, 1):
        sys.stderr.write(p.stderr.decode("utf-8", "replace"))
        raise SystemExit("incimap failed: %s" % " ".join(cmd))
    return p.stdout.decode("utf-8"), " ".join(cmd)


# ---- geoparsing -------------------------------------------------------------

def load_gwn(path):
    docs = []
    for a in ET.parse(path).getroot().iter("article"):
        text = a.find("text").text or ""
        gold = []
        for t in a.iter("toponym"):
            lat = t.find("latitude")
            lon = t.find("longitude")
            coord = None
            if lat is not None and lat.text and lon is not None and lon.text:
                coord = (float(lat.text), float(lon.text))
            gold.append((int(t.find("start").text), int(t.find("end").text), coord))
        docs.append(("gwn-" + a.get("file"), text, gold))
    return docs


def load_lgl(path):
    docs = []
    for a in ET.parse(path).getroot().iter("article"):
        text = a.find("text").text or ""
        gold = []
        for t in a.find("toponyms").iter("toponym"):
            g = t.find("gaztag")
            coord = None
            if g is not None and g.find("lat") is not None:
                coord = (float(g.find("lat").text), float(g.find("lon").text))
            gold.append((int(t.find("start").text), int(t.find("end").text), coord))
        docs.append(("lgl-" + a.get("docid"), text, gold))
    return docs


def byte_to_char(text):
    """Maps byte offsets of text's UTF-8 to character offsets."""
    m = {}
    b = 0
    for i, ch in enumerate(text):
        m[b] = i
        b += len(ch.encode("utf-8"))
    m[b] = len(text)
    return m


def score_geoparsing(name, docs, args):
    jsonl = os.path.join(args.work, name + ".jsonl")
    with open(jsonl, "w", encoding="utf-8") as f:
        for did, text, _ in docs:
            f.write(json.dumps({"id": did, "text": text}) + "\n")
    out, cmd = run_incimap(args, jsonl, ["--toponyms"])
    pred = {}
    for line in out.splitlines():
        o = json.loads(line)
        pred[o["id"]] = o["toponyms"]
    n_gold = n_pred = tp_exact = tp_overlap = 0
    n_pred_lenient = 0
    correct_all = 0
    wide = 0  # resolved to a country or province whose point is far from the gold one
    errors = []
    matched = 0
    listing = []
    for did, text, gold in docs:
        b2c = byte_to_char(text)
        ps = []
        for t in pred.get(did, []):
            s, e = b2c.get(t["start"]), b2c.get(t["end"])
            if s is None or e is None:
                continue
            coord = (t["lat"], t["lon"]) if "lat" in t else None
            ps.append((s, e, coord, t.get("kind"), t))
        g_coord = [g for g in gold if g[2] is not None]
        g_none = [g for g in gold if g[2] is None]
        n_gold += len(g_coord)
        n_pred += len(ps)
        used = set()
        # exact matches first, then overlaps
        match = {}
        for gi, g in enumerate(g_coord):
            for pi, p in enumerate(ps):
                if pi not in used and p[0] == g[0] and p[1] == g[1]:
                    match[gi] = (pi, True)
                    used.add(pi)
                    break
        for gi, g in enumerate(g_coord):
            if gi in match:
                continue
            for pi, p in enumerate(ps):
                if pi not in used and p[0] < g[1] and g[0] < p[1]:
                    match[gi] = (pi, False)
                    used.add(pi)
                    break
        for gi, (pi, exact) in match.items():
            tp_overlap += 1
            tp_exact += exact
            p = ps[pi]
            if p[2] is not None:
                d = km(p[2], g_coord[gi][2])
                errors.append(d)
                matched += 1
                if d <= 161:
                    correct_all += 1
                elif p[3] in ("country", "admin1", "region"):
                    wide += 1
                if d > 161:
                    listing.append(("far", did, g_coord[gi], p, d))
            else:
                listing.append(("nocoord", did, g_coord[gi], p, None))
        for gi, g in enumerate(g_coord):
            if gi not in match:
                listing.append(("missed", did, g, None, None))
        for pi, p in enumerate(ps):
            if pi not in used and not any(p[0] < g[1] and g[0] < p[1] for g in g_none):
                listing.append(("false", did, None, p, None))
        # lenient: predictions on gold spans without coordinates are not counted
        for pi, p in enumerate(ps):
            if pi in used:
                n_pred_lenient += 1
            elif not any(p[0] < g[1] and g[0] < p[1] for g in g_none):
                n_pred_lenient += 1

    def prf(tp, npred, ngold):
        p = tp / npred if npred else 0
        r = tp / ngold if ngold else 0
        f = 2 * p * r / (p + r) if p + r else 0
        return p, r, f

    if args.errors:
        texts = {did: text for did, text, _ in docs}
        with open(os.path.join(args.work, "errors-%s.tsv" % name), "w", encoding="utf-8") as f:
            f.write("what\tdoc\tgold text\tgold lat,lon\tfound text\trole\tfound name\tkind\t"
                    "country\tfound lat,lon\tkm\tcontext\n")
            for what, did, g, p, d in listing:
                text = texts[did]
                s0, e0 = (g[0], g[1]) if g else (p[0], p[1])
                ctx = text[max(0, s0 - 60):e0 + 60].replace("\n", " ").replace("\t", " ")
                t = p[4] if p else {}
                f.write("\t".join([
                    what, did, text[g[0]:g[1]] if g else "",
                    "%.4f,%.4f" % g[2] if g else "",
                    t.get("text", ""), t.get("role", ""), t.get("name", ""), t.get("kind", ""),
                    t.get("country", ""),
                    "%.4f,%.4f" % (t["lat"], t["lon"]) if "lat" in t else "",
                    "%.0f" % d if d is not None else "", ctx]) + "\n")

    pe, re_, fe = prf(tp_exact, n_pred, n_gold)
    po, ro, fo = prf(tp_overlap, n_pred, n_gold)
    pl, rl, fl = prf(tp_overlap, n_pred_lenient, n_gold)
    res = {
        "docs": len(docs), "gold": n_gold, "pred": n_pred,
        "exact": (pe, re_, fe), "overlap": (po, ro, fo), "lenient": (pl, rl, fl),
        "acc161_all": correct_all / n_gold if n_gold else 0,
        "acc161_matched": (sum(1 for e in errors if e <= 161) / matched) if matched else 0,
        "wide": wide,
        "mean_km": statistics.mean(errors) if errors else 0,
        "median_km": statistics.median(errors) if errors else 0,
        "cmd": cmd,
    }
    return res


# ---- events ---------------------------------------------------------------------

def number(s):
    """The analysts' figure as an int; None when blank or not a number."""
    try:
        return int(float(s))
    except ValueError:
        return None


def fold(s):
    """A name without accents, case, spaces or punctuation."""
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return "".join(ch for ch in s if ch.isalnum())


def gazetteer_holds(args, rows):
    """For each row, 1 when the gazetteer has a place of the analysts'
    locality name (as written, or its first part before a comma or " and ")
    within 25 km of their point: a measure of what the gazetteer can place
    there, found by name (extraction also finds places the analysts name
    otherwise). One `incimap geocode --json` for all names."""
    def names(loc):
        loc = loc.strip()
        out = [loc]
        for sep in (",", " and ", "/", " ("):
            if sep in loc:
                out.append(loc.split(sep)[0].strip())
        words = loc.split()
        if len(words) > 1 and words[-1].lower() in ("village", "area", "town", "district",
                                                     "locality", "city", "camp", "villages"):
            out.append(" ".join(words[:-1]))
        return [n for n in out if n]
    want = sorted({n for r in rows for n in names(r["locality"])})
    cmd = [args.incimap, "geocode", "--json", "--limit", "50"]
    if args.gazetteer:
        cmd += ["--gazetteer", args.gazetteer]
    found = {}
    for k in range(0, len(want), 500):
        p = subprocess.run(cmd + want[k:k + 500], capture_output=True, text=True)
        for line in p.stdout.splitlines():
            o = json.loads(line)
            found[o["query"]] = [(c["lat"], c["lon"]) for c in o["results"]]
    held = []
    for r in rows:
        gold = (float(r["latitude"]), float(r["longitude"]))
        held.append(int(any(km(gold, pt) <= 25 for n in names(r["locality"])
                            for pt in found.get(n, []))))
    return held


def surest_incidents(out):
    """The incident scored for each record id of a GeoJSONSeq output: the
    surest, then the first told."""
    best = {}
    for line in out.splitlines():
        line = line.strip().lstrip("\x1e")
        if not line:
            continue
        p = json.loads(line)
        for s in p["properties"]["sources"]:
            b = best.get(s["id"])
            if b is None or p["properties"]["confidence"] > b["properties"]["confidence"]:
                best[s["id"]] = p
    return best


def score_pitf(path, args, name="pitf"):
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    jsonl = os.path.join(args.work, name + ".jsonl")
    with open(jsonl, "w", encoding="utf-8") as f:
        for i, r in enumerate(rows):
            f.write(json.dumps({"id": "pitf-%d" % i, "text": r["description"]}) + "\n")
    out, cmd = run_incimap(args, jsonl, ["-f", "geojsonseq"])
    surest = surest_incidents(out)
    n = len(rows)
    placed = far_n = far_placed = far_same = 0
    deaths_n = deaths_ok = inj_n = inj_ok = inj_null_n = inj_null_ok = found = 0
    listing = []
    per_cc = {}  # country -> [rows, within 25 km, over 500 km, deaths rows, deaths exact]
    for i, r in enumerate(rows):
        gold = (float(r["latitude"]), float(r["longitude"]))
        pc = per_cc.setdefault(r.get("country", "") or "?", [0, 0, 0, 0, 0])
        far = km(gold, BAGHDAD) > 40
        far_n += far
        best = surest.get("pitf-%d" % i)
        ok = False
        dist = None
        if best is not None:
            found += 1
            g = best.get("geometry")
            if g:
                lon, lat = g["coordinates"]
                dist = km((lat, lon), gold)
                ok = dist <= 25
        placed += ok
        pc[0] += 1
        pc[1] += ok
        pc[2] += dist is not None and dist > 500
        # far off, yet at a place of the very name the analysts give: their
        # point is doubtful (Benghazi 5 degrees north, a country's middle
        # for a town), or incimap took a namesake (Hindi, Kenya, as a
        # Ukrainian town): read errors-*.tsv to tell which
        if dist is not None and dist > 500 and best is not None and \
                fold(r["locality"]) in (fold(best["properties"].get("place_text") or ""),
                                        fold(best["properties"].get("place") or "")):
            far_same += 1
        if far:
            far_placed += ok
        fat = best["properties"]["fatalities"] if best else None
        inj = best["properties"]["injuries"] if best else None
        gd, gi = number(r["deaths"]), number(r["injured"])
        if gd is not None:
            deaths_n += 1
            deaths_ok += fat is not None and fat == gd
            pc[3] += 1
            pc[4] += fat is not None and fat == gd
        if gi is not None:
            inj_n += 1
            inj_ok += inj is not None and inj == gi
        elif not r["injured"].strip():
            inj_null_n += 1
            inj_null_ok += best is not None and inj is None
        bp = best["properties"] if best else {}
        place_bad = not ok
        deaths_bad = gd is not None and fat != gd
        inj_bad = (gi is not None and inj != gi) or (gi is None and not r["injured"].strip() and inj is not None)
        if place_bad or deaths_bad or inj_bad:
            listing.append("\t".join(str(x) for x in [
                "pitf-%d" % i, r.get("country", ""), "place" if place_bad else "", "deaths" if deaths_bad else "",
                "injured" if inj_bad else "", r["locality"], bp.get("place_text", ""), bp.get("place", ""),
                "%.0f" % dist if dist is not None else "", r["deaths"], fat, r["injured"], inj,
                r["description"].replace("\n", " ").replace("\t", " ")]))
    held = gazetteer_holds(args, rows)
    for i, r in enumerate(rows):
        per_cc[r.get("country", "") or "?"].append(held[i])
    if args.errors:
        with open(os.path.join(args.work, "errors-%s.tsv" % name), "w", encoding="utf-8") as f:
            f.write("row\tcountry\tplace\tdeaths\tinjured\tgold locality\tplace text\tplace\tkm\t"
                    "gold deaths\tdeaths\tgold injured\tinjured\tdescription\n")
            f.write("".join(x + "\n" for x in listing))
    return {
        "rows": n, "found": found / n, "placed25": placed / n,
        "far_rows": far_n, "far_placed25": far_placed / far_n if far_n else 0,
        "deaths_exact": deaths_ok / deaths_n if deaths_n else 0, "deaths_rows": deaths_n,
        "injured_exact": inj_ok / inj_n if inj_n else 0, "injured_rows": inj_n,
        "injured_null_kept": inj_null_ok / inj_null_n if inj_null_n else 0,
        "injured_null_rows": inj_null_n, "cmd": cmd, "per_cc": per_cc, "far_same": far_same,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--incimap", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--gazetteer")
    ap.add_argument("--work", default="bench/work")
    ap.add_argument("--only", choices=["gwn", "lgl", "pitf", "pitf_world"], action="append")
    ap.add_argument("--errors", action="store_true", help="write WORK/errors-NAME.tsv")
    args = ap.parse_args()
    if not os.path.isdir(args.data):
        print("accuracy.py: %s is missing: skipped" % args.data, file=sys.stderr)
        return 77
    os.makedirs(args.work, exist_ok=True)
    only = args.only or ["gwn", "lgl", "pitf", "pitf_world"]
    out = []
    for name, loader, fn in (("gwn", load_gwn, "geoparsing/GWN.xml"),
                             ("lgl", load_lgl, "geoparsing/lgl.xml")):
        if name not in only:
            continue
        path = os.path.join(args.data, fn)
        if not os.path.exists(path):
            continue
        r = score_geoparsing(name, loader(path), args)
        out.append("### %s (%s)\n" % (fn, "GeoWebNews" if name == "gwn" else "LGL"))
        out.append("Command: `%s`\n" % r["cmd"].replace(args.work + "/", "bench/work/"))
        out.append("| measure | value |\n|---|---|")
        out.append("| articles / gold toponyms with coordinates / toponyms found | %d / %d / %d |"
                   % (r["docs"], r["gold"], r["pred"]))
        for k, label in (("exact", "exact span"), ("overlap", "overlapping span"),
                         ("lenient", "overlap, found names on gold non-coordinate spans not counted")):
            p, rc, f = r[k]
            out.append("| detection P / R / F1, %s | %.3f / %.3f / %.3f |" % (label, p, rc, f))
        out.append("| acc@161 km, all gold toponyms (a miss is wrong) | %.4f |" % r["acc161_all"])
        out.append("| acc@161 km, matched toponyms | %.3f |" % r["acc161_matched"])
        out.append("| error km, mean / median (matched) | %.0f / %.1f |" % (r["mean_km"], r["median_km"]))
        out.append("| of the gold toponyms, resolved to a country or province whose point lies more "
                   "than 161 km from the gold point | %d (%.1f%%) |" % (r["wide"], 100.0 * r["wide"] / r["gold"]))
        out.append("")
    for name, fn, label in (("pitf", "events/pitf_dev.csv", "PITF"),
                            ("pitf_world", "events/pitf_dev_world.csv", "PITF, world")):
        path = os.path.join(args.data, fn)
        if name not in only or not os.path.exists(path):
            continue
        r = score_pitf(path, args, name)
        out.append("### %s (%s)\n" % (fn, label))
        out.append("Command: `%s` (each description a record; the surest incident of each is scored)\n"
                   % r["cmd"].replace(args.work + "/", "bench/work/"))
        out.append("| measure | value |\n|---|---|")
        out.append("| rows / with an incident found | %d / %.1f%% |" % (r["rows"], 100 * r["found"]))
        out.append("| placed within 25 km | %.1f%% |" % (100 * r["placed25"]))
        far500 = sum(v[2] for v in r["per_cc"].values())
        out.append("| placed more than 500 km off | %.1f%% |" % (100.0 * far500 / r["rows"]))
        out.append("| ... of which at a place of the very name the analysts give (their point doubtful, or a namesake) | %d of %d |"
                   % (r["far_same"], far500))
        out.append("| placed within 25 km, more than 40 km from Baghdad (%d rows) | %.1f%% |"
                   % (r["far_rows"], 100 * r["far_placed25"]))
        held = sum(sum(v[5:]) for v in r["per_cc"].values())
        out.append("| the analysts' locality, by their name for it, in the gazetteer within 25 km of their point "
                   "| %.1f%% |" % (100.0 * held / r["rows"]))
        out.append("| exact deaths (%d rows) | %.1f%% |" % (r["deaths_rows"], 100 * r["deaths_exact"]))
        out.append("| exact injured (%d rows with a figure) | %.1f%% |" % (r["injured_rows"], 100 * r["injured_exact"]))
        out.append("| injured kept null where the analysts had none (%d rows) | %.1f%% |"
                   % (r["injured_null_rows"], 100 * r["injured_null_kept"]))
        out.append("")
        top = sorted(r["per_cc"].items(), key=lambda kv: -kv[1][0])[:10]
        out.append("Per country (the ten with most rows):\n")
        out.append("| country | rows | within 25 km | more than 500 km off | deaths exact "
                   "| locality in the gazetteer within 25 km |\n|---|---|---|---|---|---|")
        for cc, v in top:
            out.append("| %s | %d | %.1f%% | %.1f%% | %s | %.1f%% |" % (
                cc, v[0], 100.0 * v[1] / v[0], 100.0 * v[2] / v[0],
                "%.1f%%" % (100.0 * v[4] / v[3]) if v[3] else "-", 100.0 * sum(v[5:]) / v[0]))
        out.append("")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
