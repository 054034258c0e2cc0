#!/usr/bin/env python3
# derive.py: writes the shipped gazetteer files (gazetteer/*.txt) from the raw
# material in ../shared/data. Run once by a maintainer when the raw material
# changes; the build and the tests never need python. See docs/gazetteer.md.
#
#   python3 tools/gazetteer/derive.py [--data ../shared/data] [--out gazetteer]
import argparse
import csv
import os
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import shp  # noqa: E402

csv.field_size_limit(1 << 30)

# Names we give Iraq's and Syria's provinces: the spellings English-language
# reports use. GeoNames' own names stay as alternate names.
ADMIN1_NAMES = {
    "IQ.01": "Anbar", "IQ.02": "Basra", "IQ.03": "Muthanna", "IQ.04": "Qadisiyah",
    "IQ.05": "Sulaymaniyah", "IQ.06": "Babil", "IQ.07": "Baghdad", "IQ.08": "Duhok",
    "IQ.09": "Dhi Qar", "IQ.10": "Diyala", "IQ.11": "Erbil", "IQ.12": "Karbala",
    "IQ.13": "Kirkuk", "IQ.14": "Maysan", "IQ.15": "Nineveh", "IQ.16": "Wasit",
    "IQ.17": "Najaf", "IQ.18": "Salah al-Din",
    "SY.01": "Al-Hasakah", "SY.02": "Latakia", "SY.03": "Quneitra", "SY.04": "Raqqa",
    "SY.05": "As-Suwayda", "SY.06": "Daraa", "SY.07": "Deir ez-Zor", "SY.08": "Rif Dimashq",
    "SY.09": "Aleppo", "SY.10": "Hama", "SY.11": "Homs", "SY.12": "Idlib",
    "SY.13": "Damascus", "SY.14": "Tartus",
}

# Natural Earth abbreviates some country names; the names we show instead.
COUNTRY_NAMES = {
    "CD": "Democratic Republic of the Congo", "CF": "Central African Republic",
    "BA": "Bosnia and Herzegovina", "DO": "Dominican Republic", "GQ": "Equatorial Guinea",
    "SS": "South Sudan", "US": "United States", "TC": "Turks and Caicos Islands",
    "PN": "Pitcairn Islands", "PF": "French Polynesia",
    "TF": "French Southern and Antarctic Lands", "MH": "Marshall Islands",
    "UM": "United States Minor Outlying Islands", "VG": "British Virgin Islands",
    "FO": "Faroe Islands", "IO": "British Indian Ocean Territory", "CK": "Cook Islands",
    "VC": "Saint Vincent and the Grenadines", "AG": "Antigua and Barbuda",
    "KN": "Saint Kitts and Nevis", "ST": "Sao Tome and Principe",
    "WF": "Wallis and Futuna", "SB": "Solomon Islands",
    "GS": "South Georgia and the South Sandwich Islands", "FK": "Falkland Islands",
    "MP": "Northern Mariana Islands", "VI": "United States Virgin Islands",
    "BL": "Saint Barthelemy", "MF": "Saint Martin", "PM": "Saint Pierre and Miquelon",
    "KY": "Cayman Islands", "HM": "Heard Island and McDonald Islands",
    "MK": "North Macedonia", "SZ": "Eswatini", "TK": "Tokelau",
}

# Codes GeoNames uses that the Natural Earth country layer lacks: their
# names; the point is the mean of their places in cities500.
EXTRA_COUNTRIES = {
    "BQ": "Caribbean Netherlands", "CC": "Cocos (Keeling) Islands", "CX": "Christmas Island",
    "GF": "French Guiana", "GP": "Guadeloupe", "MQ": "Martinique", "RE": "Reunion",
    "SJ": "Svalbard and Jan Mayen", "VA": "Vatican City", "YT": "Mayotte",
}

# Feature codes left out: abandoned, destroyed, historical and religious
# sites; a dot on a briefing map must be a place that exists.
DROP_CODES = {"PPLQ", "PPLW", "PPLH", "PPLCH", "PPLR"}

LATIN = [(0x20, 0x24F), (0x1E00, 0x1EFF), (0x2B0, 0x2FF), (0x2018, 0x201F)]
ARABIC = [(0x600, 0x6FF), (0x750, 0x77F), (0x8A0, 0x8FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)]


def script_ok(name):
    """Keeps names in the Latin and Arabic scripts (the languages the tool's
    users read reports in); other scripts would only grow the files."""
    for ch in name:
        o = ord(ch)
        if ch.isspace() or unicodedata.category(ch)[0] in "PNMZ" and o < 0x3000:
            continue
        if not any(a <= o <= b for a, b in LATIN + ARABIC):
            return False
    return True


def keep_alt(n, main):
    n = n.strip()
    if not n or n == main or len(n.encode()) > 200:
        return False
    if "," in n or "\t" in n or "\n" in n:
        return False
    if re.fullmatch(r"[A-Z0-9]{2,4}", n):  # IATA/ICAO codes and the like
        return False
    if re.fullmatch(r"[\d\W]+", n):
        return False
    return script_ok(n)


def alt_list(names, main):
    out, seen = [], set()
    for n in names:
        n = n.strip()
        if keep_alt(n, main) and n not in seen:
            seen.add(n)
            out.append(n)
    return out


def ascii_fold(s):
    d = unicodedata.normalize("NFKD", s)
    return "".join(c for c in d if ord(c) < 128 and not unicodedata.combining(c))


def fmt_deg(v):
    s = "%.5f" % float(v)
    s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def row(id_, name, alts, lat, lon, fclass, fcode, cc, admin1="", admin2="", pop=""):
    cols = [str(id_), name, ascii_fold(name), ",".join(alts), fmt_deg(lat), fmt_deg(lon),
            fclass, fcode, cc, "", admin1, admin2, "", "", str(pop or ""), "", "", "", ""]
    for c in cols:
        assert "\t" not in c and "\n" not in c, cols
    return "\t".join(cols) + "\n"


HEADER = ("# {what}\n"
          "# Columns: GeoNames' 19 (geonameid name asciiname alternatenames latitude longitude\n"
          "# feature_class feature_code country_code cc2 admin1 admin2 admin3 admin4 population\n"
          "# elevation dem timezone modification_date); an id that is not a number carries\n"
          "# its source as a prefix. Written by tools/gazetteer/derive.py; see ATTRIBUTION.\n")


def key(s):
    s = ascii_fold(s).lower()
    s = re.sub(r"^(muhafazat|ostan-e|provincia de|province of|region de|estado de)\s+", "", s)
    s = re.sub(r"[^a-z0-9]", "", s)
    s = re.sub(r"^(al|as|an|ad|ar|at|az|el)(?=[a-z]{3})", "", s)
    return s


def match_key(s):
    """A rough copy of the tool's normaliser (src/gazetteer/norm.c), enough
    to tell whether two names are spellings of one name."""
    s = unicodedata.normalize("NFKD", s.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    for a, b in (("\u0629", "\u0647"), ("\u0649", "\u064a"), ("\u06cc", "\u064a"),
                 ("\u0623", "\u0627"), ("\u0625", "\u0627"), ("\u0622", "\u0627"),
                 ("\u0621", ""), ("'", ""), ("\u2019", ""), ("\u2018", ""), ("`", "")):
        s = s.replace(a, b)
    words = [w for w in re.split(r"[^\w]+", s) if w]
    out = []
    for i, w in enumerate(words):
        if i + 1 < len(words) and w in ("al", "el", "as", "ash", "ad", "an", "ar", "az", "at"):
            continue
        if w.startswith("\u0627\u0644") and len(w) >= 4:
            w = w[2:]
        w = w.replace("ou", "u").replace("dh", "th").replace("q", "k")
        if len(w) > 3 and w.endswith("ah"):
            w = w[:-1]
        out.append(w)
    return re.sub(r"([a-z])\1+", r"\1", "".join(out))


# Words the tool's normaliser drops from names (src/gazetteer/norm.c): an
# admin2 whose name is its seat's name and one of these is the seat's
# namesake in the index, and adds nothing.
DESCRIPTORS = {"governorate", "governate", "province", "district", "city", "muhafazat",
               "muhafazah", "muhafaza", "qadha", "qada", "nahiya", "nahiyah", "ostan"}


def bare_key(name):
    words = [w for w in re.split(r"[^\w]+", ascii_fold(name).lower()) if w]
    kept = [w for w in words if w not in DESCRIPTORS] or words
    return match_key(" ".join(kept))


def derive_admin2(data, out, members, province_keys):
    """geonames-admin2.txt: second-level divisions (US counties, districts,
    departments) from GeoNames' admin2 codes. GeoNames gives them no point:
    each gets the population-weighted centre of its populated places in
    cities500, so only divisions with at least one such place are written.
    Left out: Iraq and Syria (Who's On First has their districts, with
    Arabic names), divisions named like one of their own towns (the
    municipality of a town: the town's entry serves) and those that
    admin.txt has as provinces (Natural Earth's first level is the second
    in some countries: the counties of England)."""
    n = skipped = 0
    with open(os.path.join(data, "geonames", "admin2Codes.txt"), encoding="utf-8") as f, \
            open(os.path.join(out, "geonames-admin2.txt"), "w", encoding="utf-8") as o:
        o.write(HEADER.format(what="GeoNames admin2 divisions (counties, districts) at the "
                              "population-weighted centre of their places."))
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 4 or not c[3].isdigit():
                continue
            cc, a1, _a2 = c[0].split(".", 2)
            pts = members.get(c[0])
            if cc in ("IQ", "SY") or not pts:
                skipped += 1
                continue
            name = c[1].strip()
            key = bare_key(name)
            if not key or (cc, key) in province_keys or \
                    any(bare_key(p[3]) == key or bare_key(p[4]) == key for p in pts):
                skipped += 1
                continue
            centre = shp.weighted_centre([(p[0], p[1], max(p[2], 1)) for p in pts])
            pop = sum(p[2] for p in pts)
            alts = alt_list([c[2]], name)
            o.write(row(c[3], name, alts, centre[0], centre[1], "A", "ADM2", cc, a1, "", pop or ""))
            n += 1
    print("geonames-admin2.txt: %d divisions (%d left out)" % (n, skipped))


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.normpath(os.path.join(here, "..", ".."))
    ap.add_argument("--data", default=os.path.join(root, "..", "..", "shared", "data"))
    ap.add_argument("--out", default=os.path.join(root, "gazetteer"))
    a = ap.parse_args()
    data, out = a.data, a.out
    if not os.path.isdir(data):
        data = "/work/shared/data"
    os.makedirs(out, exist_ok=True)

    # ---- GeoNames admin1 codes, with our names for IQ and SY -------------
    admin1 = {}  # "IQ.02" -> (name, asciiname, geonameid)
    with open(os.path.join(data, "geonames", "admin1CodesASCII.txt"), encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) >= 4:
                admin1[c[0]] = (c[1], c[2], c[3])
    with open(os.path.join(out, "admin1.txt"), "w", encoding="utf-8") as f:
        for code, (name, asc, gid) in admin1.items():
            shown = ADMIN1_NAMES.get(code, name)
            f.write("%s\t%s\t%s\t%s\n" % (code, shown, ascii_fold(shown), gid))

    # ---- cities500 --------------------------------------------------------
    # Who's On First, Iraq and Syria. Its English names are the spellings
    # reports use (Fallujah, Samarra, Makhmur, Palmyra): they become the
    # display names of the same places in cities500, GeoNames' name an
    # alternate.
    wof_rows = {}
    for cc in ("iq", "sy"):
        with open(os.path.join(data, "wof", "wof_%s_places.tsv" % cc), encoding="utf-8") as f:
            wof_rows[cc] = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    english = {}
    for rows in wof_rows.values():
        for r in rows:
            e = r["name_eng"]
            if r["geonameid"] and e and e.isascii() and "District" not in e and \
                    r["placetype"] == "locality":
                english.setdefault(r["geonameid"], e)

    cities_ids = set()
    town_names = set()  # names of Iraqi and Syrian towns (see region_alts)
    town_main = set()   # their main names only (see the WOF districts)
    pts_by_cc = {}
    members_a2 = {}    # "CC.a1.a2" -> [(lat, lon, population, name, asciiname)]
    n = 0
    with open(os.path.join(data, "geonames", "cities500.txt"), encoding="utf-8") as f, \
            open(os.path.join(out, "geonames-cities500.txt"), "w", encoding="utf-8") as o:
        o.write(HEADER.format(what="GeoNames cities500 (places of 500+ people and admin seats), whole world."))
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) != 19 or c[7] in DROP_CODES:
                continue
            cities_ids.add(c[0])
            if c[8] in ("IQ", "SY"):
                town_names.update([c[1]] + c[3].split(","))
                town_main.update(match_key(x) for x in (c[1], c[2], english.get(c[0], c[1])))
            pts_by_cc.setdefault(c[8], []).append((float(c[4]), float(c[5])))
            pop = int(c[14] or 0)
            if c[11]:
                members_a2.setdefault("%s.%s.%s" % (c[8], c[10], c[11]), []).append(
                    (float(c[4]), float(c[5]), pop, c[1], c[2]))
            name = english.get(c[0], c[1]) if c[8] in ("IQ", "SY") else c[1]
            alts = alt_list([c[1]] + c[3].split(","), name)
            o.write(row(c[0], name, alts, c[4], c[5], c[6], c[7], c[8], c[10], c[11], c[14]))
            n += 1
    print("geonames-cities500.txt: %d places" % n)

    # ---- Natural Earth: countries and provinces ---------------------------
    ne = os.path.join(data, "naturalearth")
    crec = shp.read_dbf(os.path.join(ne, "ne10m_generalized_countries.dbf"))
    cshp = shp.read_polygons(os.path.join(ne, "ne10m_generalized_countries.shp"))
    prec = shp.read_dbf(os.path.join(ne, "ne10m_generalized_states_provinces.dbf"))
    pshp = shp.read_polygons(os.path.join(ne, "ne10m_generalized_states_provinces.shp"))

    region_alts = {}
    for cc, rows in wof_rows.items():
        for r in rows:
            if r["placetype"] == "locality":
                town_names.update([r["name"], r["name_ara"]] + r["alternatenames"].split("|"))
                town_main.update(match_key(x) for x in [r["name"], r["name_eng"]] + r["name_ara"].split("|"))
    for cc, rows in wof_rows.items():
        for r in rows:
            if r["placetype"] == "region" and not r["deprecated"] and not r["superseded_by"]:
                names = [r["name"], r["name_ara"], r["name_eng"], r["gn_name"]] + r["alternatenames"].split("|")
                # WOF lists a governorate's seat among its names (Mosul for
                # Nineveh): those names belong to the town, not the province.
                names = [x for x in names if x not in town_names or x == r["name"]]
                region_alts.setdefault(r["geonameid"] or r["name"], []).extend(names)

    lines = []
    seen_cc = set()
    for rec, rings in zip(crec, cshp):
        cc = rec["iso_a2"]
        if not re.fullmatch(r"[A-Z]{2}", cc) or cc in seen_cc or not rings:
            continue
        seen_cc.add(cc)
        name = COUNTRY_NAMES.get(cc, rec["NAME"])
        lat, lon = shp.label_point(rings)
        alts = alt_list([rec["NAME"]], name)
        lines.append(row("ne:" + cc, name, alts, lat, lon, "A", "PCLI", cc))
    for cc, name in EXTRA_COUNTRIES.items():
        pts = pts_by_cc.get(cc)
        if cc in seen_cc or not pts:
            continue
        seen_cc.add(cc)
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        lines.append(row("ne:" + cc, name, [], lat, lon, "A", "PCLI", cc))
    n_countries = len(lines)

    by_cc = {}
    for code, (name, asc, gid) in admin1.items():
        cc = code.split(".")[0]
        d = by_cc.setdefault(cc, {})
        for s in (name, asc, ADMIN1_NAMES.get(code, "")):
            if s:
                d.setdefault(key(s), code)
    used = {}
    ne_ids = set()
    wof_gov = {}  # WOF governorate spelling -> code
    kurdistan = []
    for rec, rings in zip(prec, pshp):
        cc = rec["iso_a2"]
        if not re.fullmatch(r"[A-Z]{2}", cc) or not rings:
            continue
        cands = [rec["name"], rec["gn_name"], rec["woe_name"], rec["woe_label"].split(",")[0]]
        code = None
        for s in cands:
            if s and key(s) in by_cc.get(cc, {}):
                code = by_cc[cc][key(s)]
                break
        fips = rec["fips"]
        if code is None and len(fips) == 4:
            guess = "%s.%s" % (cc, fips[2:])
            if guess in admin1 and guess not in used:
                code = guess
        lat, lon = shp.label_point(rings)
        if code and code in used:
            continue  # one entry a province; a second shape would be a duplicate
        if code:
            used[code] = True
            gname, gasc, gid = admin1[code]
            name = ADMIN1_NAMES.get(code, gname) or gasc or rec["name"].strip()
            alts = cands + [gname, gasc] + region_alts.get(gid, [])
            lines.append(row(gid, name, alt_list(alts, name), lat, lon, "A", "ADM1", cc,
                             code.split(".", 1)[1]))
            wof_gov[rec["name"]] = code
            if code in ("IQ.11", "IQ.08", "IQ.05"):
                kurdistan.extend(rings)
        else:
            name = rec["name"].strip()
            if not name:
                continue
            slug = re.sub(r"[^a-z0-9]+", "-", ascii_fold(name).lower()).strip("-") or "x"
            nid, k = "ne:%s.%s" % (cc, slug), 2
            while nid in ne_ids:  # two provinces of one name (Cork city and county)
                nid, k = "ne:%s.%s-%d" % (cc, slug, k), k + 1
            ne_ids.add(nid)
            lines.append(row(nid, name, alt_list(cands, name), lat, lon,
                             "A", "ADM1", cc, name))
    # Halabja became Iraq's 19th governorate in 2014; Natural Earth and
    # GeoNames do not have it yet, Who's On First does.
    for r in wof_rows["iq"]:
        if r["placetype"] == "region" and r["name"] == "Halabja":
            alts = [r["name_ara"]] + r["alternatenames"].split("|")
            lines.append(row("wof:" + r["wof_id"], "Halabja", alt_list(alts, "Halabja"),
                             r["latitude"], r["longitude"], "A", "ADM1", "IQ", "Halabja"))
            wof_gov["Halabja"] = "IQ.Halabja"
    # The Kurdistan Region of Iraq: a point inside the union of its
    # governorates (area-weighted centre of their shapes).
    A = X = Y = 0.0
    for ring in kurdistan:
        ar, cx, cy = shp.ring_area_centroid(ring)
        A += ar
        X += cx * ar
        Y += cy * ar
    klat, klon = Y / A, X / A
    assert shp.point_in_rings(klon, klat, kurdistan)
    lines.append(row("im:kurdistan-region", "Kurdistan Region", [], klat, klon, "L", "RGN", "IQ"))
    with open(os.path.join(out, "admin.txt"), "w", encoding="utf-8") as o:
        o.write(HEADER.format(what="Countries and provinces (Natural Earth points, GeoNames ids and names)."))
        o.writelines(lines)
    print("admin.txt: %d countries, %d provinces and regions" % (n_countries, len(lines) - n_countries))
    province_keys = set()
    for ln in lines[n_countries:]:
        c = ln.split("\t")
        province_keys.add((c[8], bare_key(c[1])))
    derive_admin2(data, out, members_a2, province_keys)

    # ---- Who's On First: Iraq and Syria -----------------------------------
    # governorate spellings WOF uses that the Natural Earth names lack
    wof_gov.update({"Karbala'": "IQ.12", "At-Ta'mim": "IQ.13", "Kirkuk": "IQ.13",
                    "Days Az Zawr": "SY.07", "Damascus": "SY.13", "Aleppo": "SY.09"})
    for cc, rows in wof_rows.items():
        seen = set()
        n = dropped = 0
        with open(os.path.join(out, "wof-%s.txt" % cc), "w", encoding="utf-8") as o:
            o.write(HEADER.format(what="Who's On First places of %s (towns, villages, neighbourhoods, districts, bases)."
                                  % ("Iraq" if cc == "iq" else "Syria")))
            for r in rows:
                pt, code = r["placetype"], r["gn_feature_code"]
                if r["deprecated"] or r["superseded_by"] or code in DROP_CODES or pt == "region":
                    dropped += 1
                    continue
                gid = r["geonameid"]
                if gid and (gid in cities_ids or gid in seen):
                    dropped += 1  # cities500 has it (with more names), or a duplicate record
                    continue
                if gid:
                    seen.add(gid)
                if pt == "locality":
                    fclass, fcode = "P", code or "PPL"
                elif pt == "neighbourhood":
                    fclass, fcode = "P", "PPLX"
                elif pt == "county":
                    fclass, fcode = "A", "ADM2"
                elif pt == "campus":
                    fclass, fcode = "S", "AIRB"
                else:
                    dropped += 1
                    continue
                name = r["name_eng"] if r["name_eng"] and script_ok(r["name_eng"]) else r["name"]
                if not name or not script_ok(name):
                    name = r["gn_name"] or r["name"]
                alts = [r["name"], r["gn_name"], r["name_eng"]] + r["name_ara"].split("|") + \
                    r["alternatenames"].split("|")
                if pt == "county":
                    # Some WOF districts carry another town's names (Samawa
                    # district lists Samarra's): a district keeps only names
                    # that are no other town's main name, or its own.
                    own = {match_key(x) for x in [name, r["name"], r["name_eng"]] + r["name_ara"].split("|")}
                    alts = [x for x in alts if match_key(x) in own or match_key(x) not in town_main]
                gov = wof_gov.get(r["governorate"], "")
                a1 = gov.split(".", 1)[1] if gov else ""
                pop = r["population"] if r["population"] not in ("", "0") else ""
                o.write(row(gid or "wof:" + r["wof_id"], name, alt_list(alts, name), r["latitude"],
                            r["longitude"], fclass, fcode, cc.upper(), a1, "", pop))
                n += 1
        print("wof-%s.txt: %d places (%d left out)" % (cc, n, dropped))


if __name__ == "__main__":
    main()
