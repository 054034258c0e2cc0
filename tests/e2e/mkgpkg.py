#!/usr/bin/env python3
"""mkgpkg.py OUT LAYERS_JSON: writes a small GeoPackage (as QGIS and GDAL
write one: the spatial reference, contents and geometry-column tables, a
feature table with an fid and a geometry blob) for the tests, so that they
need no GDAL. LAYERS_JSON is a list of layers:
  {"name": "checkpoints", "srs": 4326, "type": "POINT", "envelope": false,
   "cols": ["name", "aliases"], "rows": [[LON, LAT, "Al-Nakhla", "Gate"]]}
A row's geometry is its first two values; "line" as the first value
writes a LineString instead, null a feature without a geometry."""
import json
import sqlite3
import struct
import sys


def blob(row, srs, envelope):
    if row[0] is None:
        return None
    if row[0] == "line":
        wkb = struct.pack("<BII", 1, 2, 2) + struct.pack("<4d", 44.0, 33.0, 44.1, 33.1)
        return b"GP" + bytes([0, 1]) + struct.pack("<i", srs) + wkb
    x, y = row[0], row[1]
    head = b"GP" + bytes([0, 3 if envelope else 1]) + struct.pack("<i", srs)
    if envelope:
        head += struct.pack("<4d", x, x, y, y)
    return head + struct.pack("<BIdd", 1, 1, x, y)


def main():
    out, layers = sys.argv[1], json.loads(sys.argv[2])
    db = sqlite3.connect(out)
    db.execute("PRAGMA page_size = 512")
    db.execute("PRAGMA application_id = 1196444487")
    db.execute("PRAGMA user_version = 10300")
    db.executescript("""
CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
  organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
  definition TEXT NOT NULL, description TEXT);
INSERT INTO gpkg_spatial_ref_sys VALUES
  ('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84"]', NULL),
  ('WGS 84 / UTM zone 38N', 32638, 'EPSG', 32638, 'PROJCS["UTM 38N"]', NULL);
CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
  identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME,
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL,
  m TINYINT NOT NULL, PRIMARY KEY (table_name, column_name));
""")
    for L in layers:
        name, srs, cols = L["name"], L.get("srs", 4326), L.get("cols", [])
        defs = "".join(', "%s" TEXT' % c for c in cols)
        db.execute('CREATE TABLE "%s" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB%s)'
                   % (name, defs))
        db.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) "
                   "VALUES (?, 'features', ?, ?)", (name, name, srs))
        db.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, ?, 0, 0)",
                   (name, L.get("type", "POINT"), srs))
        marks = ", ?" * len(cols)
        for row in L.get("rows", []):
            db.execute('INSERT INTO "%s" (geom%s) VALUES (?%s)'
                       % (name, "".join(', "%s"' % c for c in cols), marks),
                       [blob(row, srs, L.get("envelope", False))] + list(row[2:]))
    db.commit()
    db.execute("VACUUM")
    db.close()


main()
