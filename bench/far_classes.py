#!/usr/bin/env python3
"""far_classes.py: why the PITF rows placed more than 500 km off are off.

Runs BIN on the records accuracy.py wrote (WORK/pitf_world.jsonl, or
WORK/pitf.jsonl with --pitf), scores the surest incident of each row as
accuracy.py does, and sorts each far row into one class by tests anyone can
rerun, the first that holds:

  gold outside its country   the analysts' point lies in no part of the
                             row's own country (Natural Earth shapes, with
                             about 20 km of slack for coasts; the shapes
                             without a name, Somaliland's, count as any
                             country's): a sign lost
                             (Nassau at 77 E), a point in the sea (Benghazi
                             at 37.1 N)
  gold far from its province the row names a province (region or district
                             column) of its country whose shape lies more
                             than 500 km from the analysts' point (Bama of
                             Borno at 9 N 7 E, Nigeria's middle)
  gold with a sign lost      in the country, but the point the row gives
                             with a sign changed is within 25 km of
                             incimap's (Mpeketoni at 2.4 N for 2.4 S)
  gold at a round middle     the analysts' point is on whole or half degrees
                             (a country's or region's middle, not the town
                             the row names) and incimap's point is in the
                             row's country
  incimap abroad             incimap's point lies outside the row's country:
                             a namesake abroad, a foreign form of a name
  incimap in the country     both in the row's country, more than 500 km
                             apart: a namesake at home, a wrong province

Usage: far_classes.py BIN DATA WORK [--pitf] [--list]
(DATA is ../shared/data; exit status 77 when it or WORK's records are missing.)
Prints a Markdown table (and with --list one line a row) on stdout.
"""
import argparse
import csv
import os
import struct
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import accuracy  # noqa: E402  (km, the run and the incident scored)

# PITF codes that are not ISO 3166 alpha-3
PITF_ISO = {"BRZ": "BRA", "BAH": "BHS"}
SLACK = 0.2  # degrees, about 20 km: generalised coasts and borders


def read_dbf(path):
    with open(path, "rb") as f:
        data = f.read()
    n, hlen, rlen = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        name = data[pos:pos + 11].split(b"\0")[0].decode()
        fields.append((name, data[pos + 16]))
        pos += 32
    recs = []
    for i in range(n):
        rec, off = {}, hlen + i * rlen + 1
        for name, size in fields:
            rec[name] = data[off:off + size].decode("utf-8", "replace").strip()
            off += size
        recs.append(rec)
    return recs


def read_shp(path):
    """Each record's rings as lists of (lon, lat)."""
    with open(path, "rb") as f:
        data = f.read()
    shapes, pos = [], 100
    while pos < len(data):
        clen = struct.unpack(">I", data[pos + 4:pos + 8])[0] * 2
        body = data[pos + 8:pos + 8 + clen]
        pos += 8 + clen
        if struct.unpack("<i", body[:4])[0] == 0:
            shapes.append([])
            continue
        nparts, npts = struct.unpack("<ii", body[36:44])
        parts = list(struct.unpack("<%di" % nparts, body[44:44 + 4 * nparts])) + [npts]
        pts = struct.unpack("<%dd" % (2 * npts), body[44 + 4 * nparts:44 + 4 * nparts + 16 * npts])
        shapes.append([[(pts[2 * k], pts[2 * k + 1]) for k in range(parts[j], parts[j + 1])]
                       for j in range(nparts)])
    return shapes


def inside(rings, lon, lat):
    hit = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                hit = not hit
    return hit


def near(rings, lon, lat, slack=SLACK):
    return any(inside(rings, lon + dx, lat + dy)
               for dx in (-slack, 0, slack) for dy in (-slack, 0, slack))


def fold(s):
    s = unicodedata.normalize("NFKD", s or "").encode("ascii", "ignore").decode().lower()
    for w in (" state", " province", " region", " governate", " governorate", " county",
              " lga", " district", " regional"):
        s = s.replace(w, "")
    return "".join(c for c in s if c.isalnum())


def round_middle(lat, lon):
    return all(abs(v * 2 - round(v * 2)) < 1e-6 for v in (lat, lon))


def load_shapes(d):
    countries = {}
    for rec, rings in zip(read_dbf(os.path.join(d, "ne10m_generalized_countries.dbf")),
                          read_shp(os.path.join(d, "ne10m_generalized_countries.shp"))):
        countries.setdefault(rec["ISO_A3"], []).extend(rings)
    provinces = {}
    path = os.path.join(d, "ne10m_generalized_states_provinces")
    for rec, rings in zip(read_dbf(path + ".dbf"), read_shp(path + ".shp")):
        for nm in (rec["name"], rec["woe_name"], rec["gn_name"]):
            if nm:
                provinces.setdefault((rec["adm0_a3"], fold(nm)), []).extend(rings)
    return countries, provinces


def province_far(provinces, iso, names, lat, lon):
    """True when a province the row names lies wholly more than 500 km off."""
    for nm in names:
        rings = provinces.get((iso, fold(nm)))
        if rings and not near(rings, lon, lat) and \
                min(accuracy.km((lat, lon), (y, x)) for r in rings for x, y in r) > 500:
            return True
    return False


def classify(g, placed, countries, provinces):
    iso = PITF_ISO.get(g["country"], g["country"])
    lat, lon = float(g["latitude"]), float(g["longitude"])
    home = countries.get(iso, []) + countries.get("", [])
    if countries.get(iso) and not near(home, lon, lat):
        return "gold outside its country"
    if province_far(provinces, iso, (g["region"], g["district"]), lat, lon):
        return "gold far from its province"
    at_home = not countries.get(iso) or near(home, placed[1], placed[0])
    flip = ((-lat, lon), (lat, -lon), (-lat, -lon))
    if any(accuracy.km(f, placed) <= 25 for f in flip) and at_home:
        return "gold with a sign lost"
    if round_middle(lat, lon) and at_home:
        return "gold at a round middle"
    return "incimap in the country" if at_home else "incimap abroad"


CLASSES = ["gold outside its country", "gold far from its province", "gold with a sign lost",
           "gold at a round middle",
           "incimap abroad", "incimap in the country"]


def main():
    if len(sys.argv) < 4:
        raise SystemExit(__doc__)
    args = sys.argv[1:]
    name = "pitf" if "--pitf" in args else "pitf_world"
    gold_csv = os.path.join(args[1], "events", "pitf_dev.csv" if name == "pitf" else "pitf_dev_world.csv")
    shapes = os.path.join(args[1], "naturalearth")
    jsonl = os.path.join(args[2], name + ".jsonl")
    if not os.path.isdir(shapes) or not os.path.exists(gold_csv) or not os.path.exists(jsonl):
        sys.stderr.write("far_classes.py: data or %s missing (run accuracy.py --work first), skipped\n" % jsonl)
        raise SystemExit(77)
    gold = list(csv.DictReader(open(gold_csv, encoding="utf-8")))
    countries, provinces = load_shapes(shapes)
    out, _ = accuracy.run_incimap(argparse.Namespace(incimap=args[0], gazetteer=None), jsonl,
                                  ["-f", "geojsonseq"])
    best = accuracy.surest_incidents(out)
    counts, lines = {c: 0 for c in CLASSES}, []
    for i, g in enumerate(gold):
        p = best.get("pitf-%d" % i)
        if not p or not p.get("geometry"):
            continue
        lon, lat = p["geometry"]["coordinates"]
        d = accuracy.km((lat, lon), (float(g["latitude"]), float(g["longitude"])))
        if d <= 500:
            continue
        cls = classify(g, (lat, lon), countries, provinces)
        counts[cls] += 1
        lines.append("pitf-%d\t%s\t%s\t%s\t%.0f km\t%s" % (i, g["country"], g["locality"],
                                                           p["properties"].get("place", ""), d, cls))
    print("| class (first test that holds) | rows |\n|---|---|")
    for c in CLASSES:
        print("| %s | %d |" % (c, counts[c]))
    print("| all more than 500 km off | %d |" % sum(counts.values()))
    if "--list" in args:
        print("\n" + "\n".join(lines))


if __name__ == "__main__":
    main()
