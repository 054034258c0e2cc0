#!/usr/bin/env python3
# derive.py: writes the shipped gazetteer files (gazetteer/*.txt) from the raw
# material in ../shared/data. Run once by a maintainer when the raw material
# changes; the build and the tests never need python. See docs/gazetteer.md.
#
#   python3 tools/gazetteer/derive.py [--data ../shared/data] [--out gazetteer]
import argparse
import csv
import math
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


def km(la1, lo1, la2, lo2):
    """Great-circle distance in km."""
    a, b = math.radians(la1), math.radians(la2)
    h = math.sin((b - a) / 2) ** 2 + \
        math.cos(a) * math.cos(b) * math.sin(math.radians(lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def add_town(town_pts, lat, lon, names, pop):
    """Indexes a town by every name key: key -> [(lat, lon, its keys, population)]."""
    keys = {match_key(x) for x in names if x}
    for k in keys:
        town_pts.setdefault(k, []).append((lat, lon, keys, pop))


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
    # the article only when it stands apart ("Al Anbar", "as-Suwayda"):
    # "Arkansas" is not "Kansas"
    s = re.sub(r"^(al|as|an|ad|ar|at|az|el)[-' ](?=[a-z]{3})", "", s)
    s = re.sub(r"[^a-z0-9]", "", s)
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


# ---- regions.txt: continents, world regions, seas, and a few places ------
# Curated by the incimap project. Membership lists are plain facts (the
# United Nations M49 geoscheme for continents and their sub-regions, the
# US Census Bureau's regions, the European Union's members in 2020; "Middle
# East", "Balkans", "Sahel" and the like as news reports use them); the
# points of groups are computed from the data (see derive_regions). Seas,
# rivers, ranges and sites have no shape in the raw material: their points
# are written here, rounded, as read off a map (the middle of a sea, the
# crest of a range, a building's address).
M49_EUROPE = ("AL AD AT BY BE BA BG HR CZ DK EE FO FI FR DE GI GR GG VA HU IS IE IM IT JE XK "
              "LV LI LT LU MT MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SJ SE CH UA GB AX")
M49_AFRICA = ("DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS "
              "LR LY MG MW ML MR MU YT MA MZ NA NE NG RE RW SH ST SN SC SL SO ZA SS SD TZ TG TN "
              "UG EH ZM ZW")
M49_ASIA = ("AF AM AZ BH BD BT BN KH CN CY GE HK IN ID IR IQ IL JP JO KZ KW KG LA LB MO MY MV "
            "MN MM NP KP OM PK PS PH QA SA SG KR LK SY TW TJ TH TL TR TM AE UZ VN YE")
CENTRAL_AMERICA = "BZ CR SV GT HN NI PA"
CARIBBEAN = ("AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC "
             "VI")
SOUTH_AMERICA = "AR BO BR CL CO EC FK GF GY PY PE SR UY VE"
OCEANIA = "AS AU CK FJ PF GU KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV VU WF"
NORTH_AFRICA = "DZ EG LY MA SD TN EH"
CONTINENTS = ("Europe", "Africa", "Asia", "North America", "South America", "Oceania",
              "Antarctica")

# (id, name, other names, members: "CC CC" or "US.IL US.IN" (provinces), or
# a point (lat, lon, country code or ""))
REGIONS = [
    ("im:europe", "Europe", [], M49_EUROPE),
    ("im:africa", "Africa", [], M49_AFRICA),
    ("im:asia", "Asia", [], M49_ASIA),
    ("im:north-america", "North America", [],
     "US CA MX GL BM PM " + CENTRAL_AMERICA + " " + CARIBBEAN),
    ("im:south-america", "South America", [], SOUTH_AMERICA),
    ("im:oceania", "Oceania", [], OCEANIA),
    ("im:antarctica", "Antarctica", [], "AQ"),
    ("im:middle-east", "Middle East", ["Mideast"],
     "BH EG IR IQ IL JO KW LB OM PS QA SA SY TR AE YE"),
    ("im:latin-america", "Latin America", [],
     "MX " + CENTRAL_AMERICA + " " + SOUTH_AMERICA + " CU DO PR HT"),
    ("im:central-america", "Central America", [], CENTRAL_AMERICA),
    ("im:caribbean", "Caribbean", ["West Indies"], CARIBBEAN),
    ("im:balkans", "Balkans", ["Balkan Peninsula"], "AL BA BG HR XK ME MK RS"),
    ("im:scandinavia", "Scandinavia", [], "DK NO SE"),
    ("im:levant", "Levant", [], "SY LB IL PS JO"),
    ("im:horn-of-africa", "Horn of Africa", [], "DJ ER ET SO"),
    ("im:sahel", "Sahel", [], "BF ML MR NE TD"),
    ("im:north-africa", "North Africa", [], NORTH_AFRICA),
    ("im:west-africa", "West Africa", [], "BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG"),
    ("im:east-africa", "East Africa", [],
     "BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG ZM ZW"),
    ("im:southern-africa", "Southern Africa", [], "BW SZ LS NA ZA"),
    ("im:sub-saharan-africa", "Sub-Saharan Africa", [],
     " ".join(c for c in M49_AFRICA.split() if c not in "DZ EG LY MA TN EH".split())),
    ("im:southeast-asia", "Southeast Asia", [], "BN KH ID LA MY MM PH SG TH TL VN"),
    ("im:south-asia", "South Asia", [], "AF BD BT IN LK MV NP PK"),
    ("im:central-asia", "Central Asia", [], "KZ KG TJ TM UZ"),
    ("im:east-asia", "East Asia", [], "CN HK MO JP KP KR MN TW"),
    ("im:eastern-europe", "Eastern Europe", [], "BY BG CZ HU MD PL RO RU SK UA"),
    ("im:western-europe", "Western Europe", [], "AT BE FR DE LI LU MC NL CH"),
    ("im:eurasia", "Eurasia", [], M49_EUROPE + " " + M49_ASIA),
    ("im:european-union", "European Union", [],
     "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"),
    ("im:arabian-peninsula", "Arabian Peninsula", ["Arabia"], "SA YE OM AE QA BH KW"),
    ("im:korean-peninsula", "Korean Peninsula", [], "KP KR"),
    ("im:sinai-peninsula", "Sinai Peninsula", ["Sinai"], "EG.26 EG.27"),
    ("im:midwest", "Midwest", ["Midwestern United States"],
     "US.IL US.IN US.IA US.KS US.MI US.MN US.MO US.NE US.ND US.OH US.SD US.WI"),
    ("im:new-england", "New England", [], "US.CT US.ME US.MA US.NH US.RI US.VT"),
    ("im:pacific-northwest", "Pacific Northwest", [], "US.WA US.OR"),
    ("im:west-coast", "West Coast", [], "US.CA US.OR US.WA"),
    ("im:east-coast", "East Coast", ["Eastern Seaboard"],
     "US.ME US.NH US.MA US.RI US.CT US.NY US.NJ US.DE US.MD US.VA US.NC US.SC US.GA US.FL"),
    # seas, oceans and straits: their middle
    ("im:persian-gulf", "Persian Gulf", ["Arabian Gulf"], (26.5, 52.0, "")),
    ("im:mediterranean-sea", "Mediterranean Sea", ["Mediterranean"], (35.0, 18.0, "")),
    ("im:atlantic-ocean", "Atlantic Ocean", ["Atlantic"], (10.0, -30.0, "")),
    ("im:pacific-ocean", "Pacific Ocean", ["Pacific"], (0.0, -160.0, "")),
    ("im:indian-ocean", "Indian Ocean", [], (-15.0, 75.0, "")),
    ("im:arctic-ocean", "Arctic Ocean", ["Arctic"], (85.0, 0.0, "")),
    ("im:black-sea", "Black Sea", [], (43.3, 34.3, "")),
    ("im:caspian-sea", "Caspian Sea", ["Caspian"], (41.5, 50.5, "")),
    ("im:red-sea", "Red Sea", [], (20.5, 38.5, "")),
    ("im:gulf-of-aden", "Gulf of Aden", [], (12.5, 47.5, "")),
    ("im:strait-of-hormuz", "Strait of Hormuz", ["Hormuz"], (26.6, 56.4, "")),
    ("im:north-sea", "North Sea", [], (56.0, 3.0, "")),
    ("im:baltic-sea", "Baltic Sea", ["Baltic"], (58.0, 20.0, "")),
    ("im:south-china-sea", "South China Sea", [], (12.0, 114.0, "")),
    ("im:gulf-of-mexico", "Gulf of Mexico", [], (25.0, -90.0, "")),
    ("im:great-lakes", "Great Lakes", [], (45.0, -84.0, "")),
    # rivers (at their best-known stretch), deserts, ranges and plains
    ("im:tigris", "Tigris", ["Tigris River"], (33.3, 44.4, "")),
    ("im:euphrates", "Euphrates", ["Euphrates River"], (34.4, 40.9, "")),
    ("im:sahara", "Sahara", ["Sahara Desert"], (23.0, 13.0, "")),
    ("im:appalachian-mountains", "Appalachian Mountains", ["Appalachians"], (37.5, -80.5, "US")),
    ("im:golan-heights", "Golan Heights", ["Golan"], (33.0, 35.8, "SY")),
    ("im:nineveh-plains", "Nineveh Plains", ["Nineveh Plain"], (36.4, 43.4, "IQ")),
    ("im:anbar-desert", "Anbar Desert", [], (33.0, 41.5, "IQ")),
    ("im:qandil-mountains", "Qandil Mountains", ["Qandil"], (36.4, 45.0, "IQ")),
    ("im:sinjar-mountains", "Sinjar Mountains", ["Mount Sinjar"], (36.37, 41.7, "IQ")),
    ("im:hamrin-mountains", "Hamrin Mountains", ["Jebel Hamrin"], (34.5, 44.5, "IQ")),
    ("im:makhmour-mountains", "Makhmour Mountains", ["Qarachogh"], (35.9, 43.5, "IQ")),
    ("im:silicon-valley", "Silicon Valley", [], (37.4, -122.05, "US")),
    # regions of one country named as often as its provinces: Sudan's
    # Darfur (its five states) and Kordofan (three), and places in them
    ("im:darfur", "Darfur", ["Darfour", "Greater Darfur"], "SD.47 SD.49 SD.55 SD.60 SD.61"),
    ("im:kordofan", "Kordofan", ["Kurdufan", "Kordufan"], "SD.56 SD.50 SD.62"),
    ("im:nuba-mountains", "Nuba Mountains", ["Nuba Hills"], (11.3, 30.3, "SD")),
    ("im:jebel-marra", "Jebel Marra", ["Jabal Marra", "Jebel Mara"], (13.0, 24.3, "SD")),
    ("im:niger-delta", "Niger Delta", [], (5.0, 6.2, "NG")),
    ("im:ogaden", "Ogaden", [], (7.0, 44.0, "ET")),
    ("im:donbas", "Donbas", ["Donbass"], (48.2, 38.6, "UA")),
    # the farmland east of Damascus, among Douma, Harasta and Kafr Batna
    ("im:eastern-ghouta", "Eastern Ghouta", ["East Ghouta", "Ghouta", "الغوطة الشرقية"],
     (33.54, 36.42, "SY")),
]
# Sites that reports name for their occupants (a building for a government).
SITES = [
    ("im:white-house", "White House", [], 38.8977, -77.0365, "US", "DC"),
    ("im:pentagon", "Pentagon", ["The Pentagon"], 38.8719, -77.0563, "US", "VA"),
    ("im:kremlin", "Kremlin", ["Moscow Kremlin"], 55.7520, 37.6175, "RU", "48"),
    ("im:capitol-hill", "Capitol Hill", ["US Capitol", "U.S. Capitol"], 38.8899, -77.0091, "US", "DC"),
    ("im:downing-street", "Downing Street", ["10 Downing Street"], 51.5034, -0.1276, "GB", "ENG"),
    ("im:wall-street", "Wall Street", [], 40.7061, -74.0092, "US", "NY"),
]


def read_admin_points(data):
    """GeoNames' own points and ids for continents, countries and provinces
    (geonames/admin-points.tsv): {"CONT": {name: row}, "PCL": {cc: row},
    "ADM1": {"CC.code": row}}. Empty when the file is absent."""
    pts = {"CONT": {}, "PCL": {}, "ADM1": {}}
    path = os.path.join(data, "geonames", "admin-points.tsv")
    if not os.path.exists(path):
        return pts
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            fc = r["feature_code"]
            if fc == "CONT":
                pts["CONT"][r["name"]] = r
            elif fc.startswith("PCL"):
                pts["PCL"][r["country_code"]] = r
            elif fc == "ADM1":
                pts["ADM1"]["%s.%s" % (r["country_code"], r["admin1_code"])] = r
    return pts


def shared_country_names(pcl):
    """A name GeoNames gives two countries ("Congo": the Democratic Republic
    and the Republic of the Congo) is the name of the one with more people
    (70.9 M against 3.0 M): reports that say "Congo" alone mostly mean it.
    The others are shown by their longer GeoNames name, "The" dropped
    ("Republic of the Congo"), and lose the shared one.
    Returns {cc: (shown name, the shared name dropped)}."""
    by_name = {}
    for cc, r in pcl.items():
        by_name.setdefault(r["name"], []).append(r)
    out = {}
    for name, rows in by_name.items():
        if len(rows) < 2:
            continue
        rows.sort(key=lambda r: -int(r["population"] or 0))
        for r in rows[1:]:
            longer = [a for a in r["alternatenames"].split(",") if name in a and a != name]
            if longer:
                shown = re.sub(r"^The ", "", longer[0])
                out[r["country_code"]] = (shown, name)
    return out


def derive_regions(out, places_by_cc, country_rings, gn_points):
    """regions.txt: REGIONS and SITES (see above). A group of countries or
    provinces has no one shape and its membership is argued over; where its
    people live is stable: it is placed at the population-weighted centre
    of its members' places in cities500, moved inside the nearest member
    when that falls in the sea (a continent with no towns, Antarctica, at
    the middle of its shape). Its population is its members' places' in
    cities500."""
    lines = []
    for rid, name, alts, what in REGIONS:
        pop = ""
        if isinstance(what, tuple):
            lat, lon, cc = what
            code = "RGN"
        else:
            cc = ""
            code = "CONT" if name in CONTINENTS else "RGN"
            pts, rings = [], []
            for m in what.split():
                mcc, _, a1 = m.partition(".")
                if a1:
                    cc = mcc
                rings.extend(country_rings.get(mcc, []))
                pts.extend((p[0], p[1], p[5]) for p in places_by_cc.get(mcc, [])
                           if not a1 or p[2] == a1)
            # its people, as far as cities500 counts them: "Africa" is the
            # continent before the town of Mahdia, one of whose old names it is
            pop = sum(p[2] for p in pts) or ""
            c = shp.weighted_centre(pts)
            if c is None or sum(p[2] for p in pts) < 10000:
                lat, lon = shp.label_point(rings)
            else:
                x, y = shp.nearest_inside(c[1], c[0], rings)
                lat, lon = y, x
            gp = gn_points["CONT"].get(name) if code == "CONT" else None
            if gp:
                # a continent named alone: GeoNames' point, as the tools and
                # benchmarks built on GeoNames place it (the id stays ours:
                # the lexicon's demonyms name it, "European" im:europe)
                lat, lon = float(gp["lat"]), float(gp["lon"])
        lines.append(row(rid, name, alt_list(alts, name), lat, lon, "L", code, cc, "", "", pop))
    for sid, name, alts, lat, lon, cc, a1 in SITES:
        lines.append(row(sid, name, alt_list(alts, name), lat, lon, "S", "BLDG", cc, a1))
    with open(os.path.join(out, "regions.txt"), "w", encoding="utf-8") as o:
        o.write(HEADER.format(what="Continents, world regions, seas and a few sites, curated by the "
                              "incimap project (tools/gazetteer/derive.py says how)."))
        o.writelines(lines)
    print("regions.txt: %d regions and sites" % len(lines))


def provinces_from_parts(admin1, used, unmatched, places_by_cc, region_alts):
    """Rows for the GeoNames provinces that no Natural Earth shape matched
    because Natural Earth's first level is a lower one there (England's
    counties, France's departments): each such province is the union of
    the Natural Earth shapes most of whose places in cities500 carry its
    code, placed at the area-weighted centre of that union (moved inside
    when it falls outside, as for the Kurdistan Region)."""
    want = {}
    for code in admin1:
        if code not in used:
            want.setdefault(code.split(".")[0], set()).add(code.split(".", 1)[1])
    parts = {}
    n_shapes = {}
    for cc, _rings in unmatched:
        n_shapes[cc] = n_shapes.get(cc, 0) + 1
    for cc, rings in unmatched:
        if cc not in want or n_shapes[cc] < 2:
            continue  # one shape for the whole country: no province in it
        xs = [p[0] for r in rings for p in r]
        ys = [p[1] for r in rings for p in r]
        votes = {}
        for la, lo, a1, _n, _a, _p in places_by_cc.get(cc, []):
            if min(ys) <= la <= max(ys) and min(xs) <= lo <= max(xs) and \
                    shp.point_in_rings(lo, la, rings):
                votes[a1] = votes.get(a1, 0) + 1
        if not votes:
            continue
        a1 = max(sorted(votes), key=lambda k: votes[k])
        if votes[a1] * 2 > sum(votes.values()) and a1 in want[cc]:
            parts.setdefault("%s.%s" % (cc, a1), []).extend(rings)
    out = []
    for code in sorted(parts):
        cc, a1 = code.split(".", 1)
        name, asc, gid = admin1[code]
        key_ = bare_key(name)
        # a province named like one of its towns (a city-district) would
        # take the town's name from it: the town serves
        if any(p[2] == a1 and (bare_key(p[3]) == key_ or bare_key(p[4]) == key_)
               for p in places_by_cc.get(cc, [])):
            continue
        rings = parts[code]
        if max(p[0] for r in rings for p in r) - min(p[0] for r in rings for p in r) > 180:
            # across the antimeridian: one side moved
            rings = [[(x + 360 if x < 0 else x, y) for x, y in r] for r in rings]
        A, cx, cy = shp.rings_centroid(rings)
        if A == 0:
            continue
        x, y = shp.nearest_inside(cx, cy, rings)
        x = x - 360 if x > 180 else x
        alts = alt_list([asc] + region_alts.get(gid, []), name)
        out.append(row(gid, name, alts, y, x, "A", "ADM1", cc, a1))
    print("admin.txt: %d provinces made of Natural Earth's smaller shapes" % len(out))
    return out


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
        # a checkout beside shared/ rather than two levels below it
        data = os.path.join(root, "..", "shared", "data")
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

    # the names of provinces and countries, to keep them off their towns
    area_keys = {}
    for code, (name, asc, _gid) in admin1.items():
        area_keys.setdefault(code, set()).update(match_key(x) for x in (name, asc))
    for rec in shp.read_dbf(os.path.join(data, "naturalearth", "ne10m_generalized_countries.dbf")):
        cc = rec["iso_a2"]
        area_keys.setdefault(cc, set()).update(
            match_key(x) for x in (rec["NAME"], COUNTRY_NAMES.get(cc, "")) if x)

    cities_ids = set()
    town_names = set()  # names of Iraqi and Syrian towns (see region_alts)
    town_main = set()   # their main names only (see the WOF districts)
    town_pts = {}       # any name of an Iraqi or Syrian town -> the towns (see the WOF districts)
    places_by_cc = {}   # "CC" -> [(lat, lon, admin1 code, name, asciiname, population)]
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
            pts_by_cc.setdefault(c[8], []).append((float(c[4]), float(c[5])))
            pop = int(c[14] or 0)
            places_by_cc.setdefault(c[8], []).append((float(c[4]), float(c[5]), c[10], c[1], c[2], pop))
            if c[11]:
                members_a2.setdefault("%s.%s.%s" % (c[8], c[10], c[11]), []).append(
                    (float(c[4]), float(c[5]), pop, c[1], c[2]))
            name = c[1]
            if c[8] in ("IQ", "SY") and c[0] in english:
                # WOF's English name, when it is a spelling of one of the
                # place's GeoNames names: WOF gives Tuz Khurmatu the name
                # of another town (Taza Khurmato), and that name must not
                # reach it
                keys = {match_key(x) for x in [c[1], c[2]] + c[3].split(",")}
                name = english[c[0]] if match_key(english[c[0]]) in keys else c[2]
            if c[8] in ("IQ", "SY"):
                town_main.update(match_key(x) for x in (c[1], c[2], name))
                add_town(town_pts, float(c[4]), float(c[5]), [c[1], c[2], name] + c[3].split(","), pop)
            alts = [c[1]] + c[3].split(",")
            if c[7] not in ("PPLC", "PPLA"):
                # the name of the province or country a town lies in is not
                # the town's (GeoNames lists "Arizona" among Yuma's names),
                # unless the town is that area's seat (Kuwait City)
                # ("New York" stays New York City's: its own name, less "City")
                area = area_keys.get("%s.%s" % (c[8], c[10]), set()) | area_keys.get(c[8], set())
                own = {match_key(c[1]), match_key(c[2]), match_key(name),
                       bare_key(c[1]), bare_key(c[2]), bare_key(name)}
                alts = [a for a in alts if match_key(a) in own or match_key(a) not in area]
            alts = alt_list(alts, name)
            o.write(row(c[0], name, alts, c[4], c[5], c[6], c[7], c[8], c[10], c[11], c[14]))
            n += 1
    print("geonames-cities500.txt: %d places" % n)

    gn_points = read_admin_points(data)

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
                add_town(town_pts, float(r["latitude"]), float(r["longitude"]),
                         [r["name"], r["name_eng"]] + r["name_ara"].split("|") +
                         r["alternatenames"].split("|"), int(r["population"] or 0))
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
    country_rings = {}
    lesser = shared_country_names(gn_points["PCL"])
    for rec, rings in zip(crec, cshp):
        cc = rec["iso_a2"]
        if not re.fullmatch(r"[A-Z]{2}", cc) or cc in seen_cc or not rings:
            continue
        seen_cc.add(cc)
        name = COUNTRY_NAMES.get(cc, rec["NAME"])
        lat, lon = shp.label_point(rings)
        alts = alt_list([rec["NAME"]], name)
        cid = "ne:" + cc
        gp = gn_points["PCL"].get(cc)
        if gp:
            # a country named alone: GeoNames' point and id
            cid, lat, lon = gp["geonameid"], float(gp["lat"]), float(gp["lon"])
            alts = alt_list([rec["NAME"], gp["name"]], name)
        if cc in lesser:
            name, drop = lesser[cc]
            alts = [x for x in alt_list(alts + [rec["NAME"]], name) if x != drop]
        lines.append(row(cid, name, alts, lat, lon, "A", "PCLI", cc))
        country_rings[cc] = rings
    for cc, name in EXTRA_COUNTRIES.items():
        pts = pts_by_cc.get(cc)
        if cc in seen_cc or not pts:
            continue
        seen_cc.add(cc)
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        cid = "ne:" + cc
        gp = gn_points["PCL"].get(cc)
        if gp:
            cid, lat, lon = gp["geonameid"], float(gp["lat"]), float(gp["lon"])
        lines.append(row(cid, name, [], lat, lon, "A", "PCLI", cc))
    n_countries = len(lines)

    by_cc = {}
    for code, (name, asc, gid) in admin1.items():
        cc = code.split(".")[0]
        d = by_cc.setdefault(cc, {})
        for s in (name, asc, ADMIN1_NAMES.get(code, "")):
            if s:
                d.setdefault(key(s), code)
    used = {}
    unmatched = []  # (cc, rings) of the Natural Earth provinces GeoNames does not list
    prov_shapes = {}  # "CC" -> [(name in admin.txt, rings, bbox)]: see derive_detail
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
            gp = gn_points["ADM1"].get(code)
            if gp:
                # a province named alone: GeoNames' point (rounded to 0.1
                # degree there) when it lies in or near the shape, which
                # it does for all but a few
                lat, lon = float(gp["lat"]), float(gp["lon"])
            name = ADMIN1_NAMES.get(code, gname) or gasc or rec["name"].strip()
            alts = cands + [gname, gasc] + region_alts.get(gid, [])
            lines.append(row(gid, name, alt_list(alts, name), lat, lon, "A", "ADM1", cc,
                             code.split(".", 1)[1]))
            add_shape(prov_shapes, cc, name, rings)
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
            add_shape(prov_shapes, cc, name, rings)
            unmatched.append((cc, rings))
    lines.extend(provinces_from_parts(admin1, used, unmatched, places_by_cc, region_alts))
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
    A, klon, klat = shp.rings_centroid(kurdistan)
    assert A != 0
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
    derive_regions(out, places_by_cc, country_rings, gn_points)

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
                    # Nor a name, even its "own" Arabic one, of a city far
                    # from it that no nearer town bears (Samawa's Arabic name
                    # in WOF is Samarra's, 350 km away; a district is never
                    # 200 km from its seat); its Latin names stay.
                    own = {match_key(x) for x in [name, r["name"], r["name_eng"]] + r["name_ara"].split("|")}
                    latin = {match_key(x) for x in [name, r["name"], r["name_eng"]]}
                    la, lo = float(r["latitude"]), float(r["longitude"])

                    def far_town(x):
                        pts = town_pts.get(match_key(x))
                        return pts and match_key(x) not in latin and \
                            any(p[3] >= 100000 for p in pts) and \
                            all(km(la, lo, p[0], p[1]) > 200 for p in pts)
                    alts = [x for x in alts if (match_key(x) in own or match_key(x) not in town_main)
                            and not far_town(x)]
                gov = wof_gov.get(r["governorate"], "")
                a1 = gov.split(".", 1)[1] if gov else ""
                pop = r["population"] if r["population"] not in ("", "0") else ""
                o.write(row(gid or "wof:" + r["wof_id"], name, alt_list(alts, name), r["latitude"],
                            r["longitude"], fclass, fcode, cc.upper(), a1, "", pop))
                n += 1
        print("wof-%s.txt: %d places (%d left out)" % (cc, n, dropped))
    derive_detail(data, out, cities_ids, prov_shapes)


# Who's On First countries shipped as detail files (detail-XX.txt.gz): their
# villages are believed only in a text about that country (docs/gazetteer.md).
DETAIL = ("af", "bf", "cd", "cf", "cm", "co", "eg", "et", "il", "ir", "jo", "ke", "lb", "ly",
          "ml", "mm", "mz", "ne", "ng", "ph", "pk", "ps", "sd", "so", "ss", "tr", "ua", "ye")


def add_shape(prov_shapes, cc, name, rings):
    """Keeps a province's shape and bounding box under its country."""
    xs = [p[0] for r in rings for p in r]
    ys = [p[1] for r in rings for p in r]
    prov_shapes.setdefault(cc, []).append((name, rings, (min(xs), min(ys), max(xs), max(ys))))


def province_at(shapes, lat, lon):
    """The name of the province whose shape holds the point; "" when none
    does (a point on the coast outside the generalised outline)."""
    for name, rings, (x0, y0, x1, y1) in shapes:
        if x0 <= lon <= x1 and y0 <= lat <= y1 and shp.point_in_rings(lon, lat, rings):
            return name
    return ""


def derive_detail(data, out, cities_ids, prov_shapes):
    """detail-XX.txt.gz: the Who's On First towns, villages, neighbourhoods,
    districts and air bases of a country that cities500 lacks, names in
    the Latin and Arabic scripts, gzip-compressed (deterministically: no
    name or time in the gzip header, so an unchanged source gives the same
    bytes). A place WOF files under no province gets the one whose Natural
    Earth shape holds it (WOF leaves about 7% of them without one)."""
    import gzip
    for cc in DETAIL:
        path = os.path.join(data, "wof", "wof_%s_places.tsv" % cc)
        if not os.path.exists(path):
            continue
        seen = set()
        lines = []
        dropped = 0
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader((ln.rstrip("\r\n") for ln in f), delimiter="\t",
                                       quoting=csv.QUOTE_NONE))
        shapes = prov_shapes.get(cc.upper(), [])
        placed = 0
        for r in rows:
            pt, code = r["placetype"], r["gn_feature_code"]
            if r["deprecated"] or r["superseded_by"] or code in DROP_CODES:
                dropped += 1
                continue
            gid = r["geonameid"]
            if gid and (gid in cities_ids or gid in seen):
                dropped += 1  # cities500 has it, or a duplicate record
                continue
            if pt == "locality":
                fclass, fcode = "P", code if code.startswith("PPL") else "PPL"
            elif pt == "neighbourhood":
                fclass, fcode = "P", "PPLX"
            elif pt in ("county", "localadmin"):
                fclass, fcode = "A", "ADM2"
            elif pt == "campus":
                fclass, fcode = "S", "AIRB"
            else:
                dropped += 1  # regions: admin.txt has the provinces
                continue
            try:
                la, lo = float(r["latitude"]), float(r["longitude"])
            except ValueError:
                dropped += 1
                continue
            if not (-90 <= la <= 90 and -180 <= lo <= 180) or (la == 0 and lo == 0):
                dropped += 1
                continue
            name = r["name_eng"] if r["name_eng"] and script_ok(r["name_eng"]) else r["name"]
            if not name or not script_ok(name):
                name = r["gn_name"] if r["gn_name"] and script_ok(r["gn_name"]) else ""
            if not name or "\t" in name:
                dropped += 1
                continue
            if gid:
                seen.add(gid)
            alts = [r["name"], r["gn_name"], r["name_eng"]] + r["name_ara"].split("|") + \
                r["alternatenames"].split("|")
            pop = r["population"] if r["population"] not in ("", "0", "-1") else ""
            gov = r["governorate"].replace(",", " ")
            if not gov:
                gov = province_at(shapes, la, lo)
                placed += gov != ""
            lines.append(row(gid or "wof:" + r["wof_id"], name, alt_list(alts, name), la, lo,
                             fclass, fcode, cc.upper(), gov, "", pop))
        body = HEADER.format(what="Who's On First places of %s (detail: believed in a text about "
                             "that country)." % cc.upper()) + "".join(lines)
        dest = os.path.join(out, "detail-%s.txt.gz" % cc)
        with open(dest, "wb") as raw:
            with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as z:
                z.write(body.encode("utf-8"))
        print("detail-%s.txt.gz: %d places (%d left out; %d given their province by its shape), "
              "%d bytes" % (cc, len(lines), dropped, placed, os.path.getsize(dest)))


if __name__ == "__main__":
    main()
