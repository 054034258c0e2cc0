# shp.py: the little of the shapefile format derive.py needs: polygon rings
# from a .shp and records from a .dbf (Natural Earth files, WGS 84).
import math
import struct


def read_dbf(path, encoding="utf-8"):
    with open(path, "rb") as f:
        data = f.read()
    nrec, hlen, rlen = struct.unpack("<IHH", data[4:12])
    fields = []
    pos = 32
    while data[pos] != 0x0D:
        name = data[pos:pos + 11].split(b"\0", 1)[0].decode("ascii")
        ftype = chr(data[pos + 11])
        flen = data[pos + 16]
        fields.append((name, ftype, flen))
        pos += 32
    out = []
    for i in range(nrec):
        rec = data[hlen + i * rlen: hlen + (i + 1) * rlen]
        off = 1  # deletion flag
        row = {}
        for name, ftype, flen in fields:
            raw = rec[off:off + flen]
            off += flen
            row[name] = raw.decode(encoding, "replace").strip()
        out.append(row)
    return out


def read_polygons(path):
    """One list of rings (each a list of (lon, lat)) per record."""
    with open(path, "rb") as f:
        data = f.read()
    pos = 100
    shapes = []
    while pos + 8 <= len(data):
        _num, clen = struct.unpack(">ii", data[pos:pos + 8])
        body = data[pos + 8: pos + 8 + clen * 2]
        pos += 8 + clen * 2
        stype = struct.unpack("<i", body[:4])[0]
        if stype == 0:
            shapes.append([])
            continue
        if stype not in (5, 15, 25):
            raise ValueError("not a polygon shapefile: type %d" % stype)
        nparts, npoints = struct.unpack("<ii", body[36:44])
        parts = list(struct.unpack("<%di" % nparts, body[44:44 + 4 * nparts]))
        p0 = 44 + 4 * nparts
        pts = [struct.unpack("<dd", body[p0 + 16 * k: p0 + 16 * k + 16]) for k in range(npoints)]
        parts.append(npoints)
        shapes.append([pts[parts[k]:parts[k + 1]] for k in range(nparts)])
    return shapes


def ring_area_centroid(ring):
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        c = x0 * y1 - x1 * y0
        a += c
        cx += (x0 + x1) * c
        cy += (y0 + y1) * c
    a /= 2.0
    if a == 0:
        return 0.0, ring[0][0], ring[0][1]
    return a, cx / (6 * a), cy / (6 * a)


def rings_centroid(rings):
    """The area-weighted centre (x, y) of several rings, as (area, x, y);
    x and y are None when the rings enclose no area."""
    A = X = Y = 0.0
    for ring in rings:
        ar, cx, cy = ring_area_centroid(ring)
        A += ar
        X += cx * ar
        Y += cy * ar
    if A == 0:
        return 0.0, None, None
    return A, X / A, Y / A


def point_in_rings(x, y, rings):
    inside = False
    for ring in rings:
        n = len(ring)
        j = n - 1
        for i in range(n):
            xi, yi = ring[i]
            xj, yj = ring[j]
            if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
                inside = not inside
            j = i
    return inside


def label_point(rings):
    """A point inside the shape, as (lat, lon): the area centroid of its
    largest ring when that falls inside the shape (holes count), else the
    inside grid point nearest to that centroid. The largest ring, because a
    country with far islands should get a point on its mainland."""
    if not rings:
        return None
    big = max(rings, key=lambda r: abs(ring_area_centroid(r)[0]))
    _a, bx, by = ring_area_centroid(big)
    if point_in_rings(bx, by, rings):
        return by, bx
    xs = [p[0] for p in big]
    ys = [p[1] for p in big]
    best = None
    n = 80
    for i in range(1, n):
        for j in range(1, n):
            x = min(xs) + (max(xs) - min(xs)) * i / n
            y = min(ys) + (max(ys) - min(ys)) * j / n
            if point_in_rings(x, y, rings):
                d = (x - bx) ** 2 + (y - by) ** 2
                if best is None or d < best[0]:
                    best = (d, x, y)
    if best is None:
        return by, bx
    return best[2], best[1]


def nearest_inside(x, y, rings):
    """(x, y) itself when it lies inside the shape, else the inside point
    nearest to it: the nearest point of the outline (distances with the
    longitude scaled by the cosine of the latitude), nudged inwards."""
    if point_in_rings(x, y, rings):
        return x, y
    k = math.cos(math.radians(y))
    best = None
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
            dx, dy = (x1 - x0) * k, y1 - y0
            L = dx * dx + dy * dy
            t = 0.0 if L == 0 else max(0.0, min(1.0, ((x - x0) * k * dx + (y - y0) * dy) / L))
            px, py = x0 + t * (x1 - x0), y0 + t * (y1 - y0)
            d = ((px - x) * k) ** 2 + (py - y) ** 2
            if best is None or d < best[0]:
                best = (d, px, py)
    if best is None:
        return x, y
    _d, px, py = best
    # step beyond the outline, away from the point, until inside
    ux, uy = px - x, py - y
    n = math.hypot(ux * k, uy) or 1.0
    ux, uy = ux / n, uy / n
    for step in (0.005, 0.01, 0.02, 0.05, 0.1, 0.2):
        qx, qy = px + ux * step, py + uy * step
        if point_in_rings(qx, qy, rings):
            return qx, qy
    for dx, dy in ((0.01, 0), (-0.01, 0), (0, 0.01), (0, -0.01)):
        if point_in_rings(px + dx, py + dy, rings):
            return px + dx, py + dy
    return px, py


def weighted_centre(pts):
    """The mean of (lat, lon, weight) points on the sphere, as (lat, lon);
    None when the weights sum to nothing."""
    X = Y = Z = W = 0.0
    for la, lo, w in pts:
        if w <= 0:
            continue
        a, b = math.radians(la), math.radians(lo)
        X += w * math.cos(a) * math.cos(b)
        Y += w * math.cos(a) * math.sin(b)
        Z += w * math.sin(a)
        W += w
    if W <= 0:
        return None
    return math.degrees(math.atan2(Z, math.hypot(X, Y))), math.degrees(math.atan2(Y, X))
