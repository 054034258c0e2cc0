/* share.c: the user's places as analysts keep and share them: a CSV with
 * named columns (a spreadsheet) or a GeoJSON or GeoPackage point layer
 * (QGIS), read into
 * entries for `gazetteer import`, and the user's file written back out as
 * either by `gazetteer export`, so that a team can pass its checkpoints
 * around. See docs/gazetteer.md. */
#include "../core/buf.h"
#include "../core/fsutil.h"
#include "../core/utf8.h"
#include "../io/store.h"
#include "gaz_int.h"

#include <errno.h>
#include <json-c/json.h>
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- what the columns are called ------------------------------------------ */

enum { F_ID, F_NAME, F_LAT, F_LON, F_ALT, F_COUNTRY, F_ADMIN1, F_KIND, F_POP, F_N };

/* Header names analysts use for each field, compared without case, spaces,
 * '_' or '-' ("Alternate names" = alternate_names = alternateNames). */
static const char *const field_names[F_N][10] = {
    [F_ID] = {"id", "gazetteerid", "placeid", NULL},
    [F_NAME] = {"name", "placename", "place", "toponym", "label", NULL},
    [F_LAT] = {"lat", "latitude", "y", "latdd", "decimallatitude", NULL},
    [F_LON] = {"lon", "lng", "long", "longitude", "x", "londd", "decimallongitude", NULL},
    [F_ALT] = {"alt", "alternatenames", "alternates", "altnames", "aliases", "alias", "othernames",
               "alsoknownas", "aka", NULL},
    [F_COUNTRY] = {"country", "countrycode", "cc", "iso2", "isoa2", "iso", NULL},
    [F_ADMIN1] = {"admin1", "province", "governorate", "state", "region", "adm1", NULL},
    [F_KIND] = {"kind", "type", "featuretype", "category", NULL},
    [F_POP] = {"population", "pop", "people", NULL},
};

/* The field a header names, or -1. */
static int field_of(const char *h, size_t n)
{
	char k[40];
	size_t m = 0;
	for (size_t i = 0; i < n && m + 1 < sizeof k; i++) {
		char c = h[i];
		if (c == ' ' || c == '_' || c == '-' || c == '.')
			continue;
		k[m++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	k[m] = '\0';
	for (int f = 0; f < F_N; f++)
		for (size_t j = 0; field_names[f][j]; j++)
			if (strcmp(k, field_names[f][j]) == 0)
				return f;
	return -1;
}

/* ---- the entries read ------------------------------------------------------- */

void gaz_inlist_free(gaz_inlist *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].id);
		free((char *)l->v[i].e.name);
		free((char *)l->v[i].e.alt);
		free((char *)l->v[i].e.country);
		free((char *)l->v[i].e.admin1);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

static gaz_in *inlist_push(gaz_inlist *l)
{
	if (im_grow(&l->v, &l->cap, l->n + 1, sizeof *l->v))
		return NULL;
	gaz_in *p = &l->v[l->n++];
	memset(p, 0, sizeof *p);
	p->e.kind = IM_KIND_SITE;
	return p;
}

/* Trimmed copy of s[0..n); NULL only when out of memory. */
static char *dup_trim(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return im_strndup(s, n);
}

/* Alternate names as a cell holds them, separated by '|', ';' or ','
 * (the import takes all three): into "A|B" (caller frees). */
static char *alt_join(const char *s)
{
	im_buf b = IM_BUF_INIT;
	for (const char *p = s;;) {
		size_t n = strcspn(p, "|;,");
		char *a = dup_trim(p, n);
		if (!a || (a[0] && ((b.len && im_buf_putc(&b, '|')) || im_buf_puts(&b, a)))) {
			free(a);
			im_buf_free(&b);
			return NULL;
		}
		free(a);
		if (!p[n])
			break;
		p += n + 1;
	}
	if (!b.p)
		return im_strdup("");
	return b.p;
}

/* Degrees from a cell: a decimal number, nothing else. */
static int parse_deg(const char *s, double lo, double hi, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	while (*end == ' ')
		end++;
	if (end == s || *end || errno || !isfinite(v) || v < lo || v > hi)
		return 0;
	*out = v;
	return 1;
}

/* Sets field f of entry p from the text s; what is wrong, or NULL. */
static const char *set_field(gaz_in *p, int f, const char *s, char *msg, size_t cap)
{
	char *v = dup_trim(s, strlen(s));
	if (!v)
		return "out of memory";
	const char *why = NULL;
	switch (f) {
	case F_ID:
		if (v[0] && (strlen(v) > GAZ_FIELD_MAX || strpbrk(v, " \t"))) {
			why = "an id holds no spaces and at most 200 bytes";
		} else if (v[0]) {
			free(p->id);
			p->id = v;
			v = NULL;
		}
		break;
	case F_NAME:
		free((char *)p->e.name);
		p->e.name = v;
		v = NULL;
		break;
	case F_LAT:
		p->has_lat = 1;
		if (!parse_deg(v, -90, 90, &p->e.lat)) {
			snprintf(msg, cap, "latitude '%.40s' is not a number of degrees in -90..90",
			         v);
			why = msg;
		}
		break;
	case F_LON:
		p->has_lon = 1;
		if (!parse_deg(v, -180, 180, &p->e.lon)) {
			snprintf(msg, cap,
			         "longitude '%.40s' is not a number of degrees in -180..180", v);
			why = msg;
		}
		break;
	case F_ALT:
		free((char *)p->e.alt);
		if (!(p->e.alt = alt_join(v)))
			why = "out of memory";
		break;
	case F_COUNTRY:
		free((char *)p->e.country);
		p->e.country = v;
		v = NULL;
		break;
	case F_ADMIN1:
		free((char *)p->e.admin1);
		p->e.admin1 = v;
		v = NULL;
		break;
	case F_KIND:
		if (v[0] && !im_kind_parse(v, &p->e.kind)) {
			snprintf(msg, cap,
			         "unknown kind '%.40s' (country, region, admin1, admin2, "
			         "capital, seat, city, town, village, neighbourhood, site, other)",
			         v);
			why = msg;
		}
		break;
	case F_POP: {
		char *end;
		errno = 0;
		long long n = v[0] ? strtoll(v, &end, 10) : 0;
		if (v[0] && (errno || *end || n < 0 || n > 100000000)) {
			snprintf(msg, cap,
			         "population '%.40s' is not a whole number in 0..100000000", v);
			why = msg;
		} else {
			p->e.population = n;
		}
		break;
	}
	}
	free(v);
	return why;
}

/* What an entry lacks once all its fields are read, or NULL. */
static const char *entry_complete(const gaz_in *p)
{
	if (!p->e.name || !p->e.name[0])
		return "no name";
	if (!p->has_lat || !p->has_lon)
		return "no coordinates";
	return NULL;
}

/* ---- CSV ------------------------------------------------------------------------ */

/* One record of RFC 4180 CSV from *pos: fields into cells (pointers into
 * the unquoted copy in rec); quoted fields may hold commas, quotes ("")
 * and newlines. *line advances over the record's lines. Returns 0 at the
 * end of the data, -1 for a quote left open, -2 out of memory, else 1. */
#define CSV_MAX_COLS 256
static int csv_record(const char *data, size_t len, size_t *pos, long *line, im_buf *rec,
                      size_t *offs, size_t *ncells, char sep)
{
	size_t i = *pos;
	if (i >= len)
		return 0;
	rec->len = 0;
	*ncells = 0;
	int quoted = 0, started = 1, oom = 0;
	offs[(*ncells)++] = 0;
	for (; i < len; i++) {
		char c = data[i];
		if (quoted) {
			if (c == '"' && i + 1 < len && data[i + 1] == '"') {
				oom |= im_buf_putc(rec, '"');
				i++;
			} else if (c == '"') {
				quoted = 0;
			} else {
				if (c == '\n')
					++*line;
				oom |= im_buf_putc(rec, c);
			}
			continue;
		}
		if (c == '"' && started) {
			quoted = 1;
			started = 0;
		} else if (c == sep) {
			oom |= im_buf_putc(rec, '\0');
			if (*ncells < CSV_MAX_COLS)
				offs[(*ncells)++] = rec->len;
			started = 1;
		} else if (c == '\n') {
			i++;
			break;
		} else if (c != '\r') {
			oom |= im_buf_putc(rec, c);
			started = 0;
		}
	}
	oom |= im_buf_putc(rec, '\0');
	*pos = i;
	return oom ? -2 : quoted ? -1 : 1;
}

/* The separator a spreadsheet used: ',' unless the header has more ';' or
 * tabs (European Excel saves with ';'). */
static char csv_sep(const char *data, size_t len)
{
	size_t c = 0, s = 0, t = 0;
	for (size_t i = 0; i < len && data[i] != '\n'; i++)
		c += data[i] == ',', s += data[i] == ';', t += data[i] == '\t';
	return s > c && s >= t ? ';' : t > c ? '\t' : ',';
}

/* The line (from 1) that byte off of data is on. */
static long line_at(const char *data, size_t off)
{
	long ln = 1;
	for (size_t i = 0; i < off; i++)
		ln += data[i] == '\n';
	return ln;
}

/* IM_OK when data is valid UTF-8; else the error, at the line of the
 * first bad byte, with the advice how ("" for none). */
static im_status check_utf8(const char *path, const char *data, size_t len, const char *how,
                            im_error *err)
{
	size_t bad;
	if (im_utf8_valid(data, len, &bad))
		return IM_OK;
	return im_error_set(err, IM_E_PARSE, path, line_at(data, bad), 0, "invalid UTF-8%s", how);
}

/* A CSV being read: its text, where the reader is, and the last record. */
typedef struct csv_in {
	const char *path, *data;
	size_t len, pos;
	long line, start; /* the next record's line; the last record's */
	char sep;
	im_buf rec;
	size_t offs[CSV_MAX_COLS], n;
} csv_in;

/* The next record into c (c->start its line): *got 0 at the end. */
static im_status next_record(csv_in *c, int *got, im_error *err)
{
	c->start = c->line;
	int r = csv_record(c->data, c->len, &c->pos, &c->line, &c->rec, c->offs, &c->n, c->sep);
	c->line++;
	*got = r > 0;
	if (r == -2)
		return im_error_set(err, IM_E_NOMEM, c->path, c->start, 0, "out of memory");
	if (r < 0)
		return im_error_set(err, IM_E_PARSE, c->path, c->start, 0, "a quote is never closed");
	return IM_OK;
}

/* The header, the first record that is not empty: the field of each of its
 * columns into col_field (-1: none). Two columns for one field, or no
 * name, lat and lon, refused. */
static im_status read_header(csv_in *c, int *col_field, im_error *err)
{
	int got;
	im_status st;
	do
		st = next_record(c, &got, err);
	while (!st && got && c->n == 1 && !c->rec.p[0]);
	if (!st && !got)
		return im_error_set(err, IM_E_PARSE, c->path, 0, 0,
		                    "empty file: no header (name, lat, lon, ...)");
	if (st)
		return st;
	int seen[F_N] = {0};
	for (size_t i = 0; i < c->n; i++) {
		const char *h = c->rec.p + c->offs[i];
		col_field[i] = field_of(h, strlen(h));
		if (col_field[i] >= 0 && seen[col_field[i]]++)
			return im_error_set(err, IM_E_PARSE, c->path, c->start, 0,
			                    "two columns for the same field ('%.40s')", h);
	}
	if (!seen[F_NAME] || !seen[F_LAT] || !seen[F_LON])
		return im_error_set(err, IM_E_PARSE, c->path, c->start, 0,
		                    "the header wants columns name, lat and lon (also latitude, "
		                    "longitude, lng, x, y), not '%.80s'",
		                    c->rec.p ? c->rec.p : "");
	return IM_OK;
}

/* The record in c, unless all its cells are blank, a place of out; its
 * columns' fields in col_field (ncols of them). */
static im_status take_row(const csv_in *c, const int *col_field, size_t ncols, gaz_inlist *out,
                          im_error *err)
{
	const char *rp = c->rec.p;
	size_t n = c->n;
	int empty = 1;
	for (size_t i = 0; i < n && empty; i++)
		empty = !rp[c->offs[i] + strspn(rp + c->offs[i], " \t")];
	if (empty)
		return IM_OK;
	if (n > ncols)
		return im_error_set(err, IM_E_PARSE, c->path, c->start, 0,
		                    "%zu cell%s, but the header names %zu column%s", n,
		                    n == 1 ? "" : "s", ncols, ncols == 1 ? "" : "s");
	if (out->n >= GAZ_IMPORT_MAX)
		return im_error_set(err, IM_E_TOO_LARGE, c->path, c->start, 0,
		                    "more than %d places in one import", GAZ_IMPORT_MAX);
	gaz_in *p = inlist_push(out);
	if (!p)
		return im_error_set(err, IM_E_NOMEM, c->path, c->start, 0, "out of memory");
	p->line = c->start;
	char msg[200];
	const char *why = NULL;
	for (size_t i = 0; i < n && !why; i++)
		if (col_field[i] >= 0)
			why = set_field(p, col_field[i], rp + c->offs[i], msg, sizeof msg);
	if (!why)
		why = entry_complete(p);
	if (why)
		return im_error_set(err, IM_E_PARSE, c->path, c->start, 0, "%s", why);
	return IM_OK;
}

im_status gaz_read_csv(const char *path, const char *data, size_t len, gaz_inlist *out,
                       im_error *err)
{
	memset(out, 0, sizeof *out);
	im_status st = check_utf8(path, data, len, " (save the sheet as CSV UTF-8)", err);
	if (st)
		return st;
	csv_in c;
	c.path = path, c.data = data, c.len = len;
	c.pos = gaz_bom(data, len);
	c.line = 1, c.start = 0;
	c.sep = csv_sep(data + c.pos, len - c.pos);
	c.rec = (im_buf)IM_BUF_INIT;
	c.n = 0;
	int col_field[CSV_MAX_COLS];
	st = read_header(&c, col_field, err);
	size_t ncols = c.n;
	for (int got = 1; !st && !(st = next_record(&c, &got, err)) && got;)
		st = take_row(&c, col_field, ncols, out, err);
	if (!st && !out->n)
		st = im_error_set(err, IM_E_PARSE, path, 0, 0, "no places in the file");
	im_buf_free(&c.rec);
	if (st)
		gaz_inlist_free(out);
	return st;
}

/* ---- GeoJSON ------------------------------------------------------------------- */

/* The line each feature of the top-level "features" array starts on, in
 * order, found by a scan of the text (json-c gives no positions). */
static long *feature_lines(const char *s, size_t len, size_t *count)
{
	long *v = NULL, line = 1;
	size_t n = 0, cap = 0;
	int depth = 0, arr_depth = -1, in_str = 0, key_features = 0;
	size_t str0 = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '\n')
			line++;
		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"') {
				in_str = 0;
				if (depth == 1)
					key_features =
					    i - str0 == 8 && memcmp(s + str0, "features", 8) == 0;
			}
			continue;
		}
		if (c == '"') {
			in_str = 1;
			str0 = i + 1;
		} else if (c == '{' || c == '[') {
			if (c == '{' && arr_depth >= 0 && depth == arr_depth) {
				if (im_grow(&v, &cap, n + 1, sizeof *v)) {
					free(v);
					return NULL;
				}
				v[n++] = line;
			}
			if (c == '[' && depth == 1 && key_features && arr_depth < 0)
				arr_depth = depth + 1;
			depth++;
		} else if (c == '}' || c == ']') {
			depth--;
		}
	}
	*count = n;
	return v;
}

/* The text of a property value: strings as they are, numbers written out,
 * arrays of strings joined with '|'; NULL for null and other values. */
static char *prop_text(json_object *v)
{
	if (!v)
		return NULL;
	switch (json_object_get_type(v)) {
	case json_type_string:
		return im_strdup(json_object_get_string(v));
	case json_type_int:
	case json_type_double:
		return im_strdup(json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN));
	case json_type_array: {
		im_buf b = IM_BUF_INIT;
		size_t n = json_object_array_length(v);
		for (size_t i = 0; i < n; i++) {
			json_object *x = json_object_array_get_idx(v, i);
			if (!json_object_is_type(x, json_type_string))
				continue;
			if ((b.len && im_buf_putc(&b, '|')) ||
			    im_buf_puts(&b, json_object_get_string(x))) {
				im_buf_free(&b);
				return NULL;
			}
		}
		return b.p ? b.p : im_strdup("");
	}
	default:
		return NULL;
	}
}

/* One feature into p: a Point and its properties; what is wrong, or NULL. */
static const char *read_feature(json_object *f, gaz_in *p, char *msg, size_t cap)
{
	json_object *geom, *props, *type, *coords;
	if (!json_object_is_type(f, json_type_object) ||
	    !json_object_object_get_ex(f, "type", &type) ||
	    strcmp(json_object_get_string(type), "Feature") != 0)
		return "not a Feature";
	if (!json_object_object_get_ex(f, "geometry", &geom) || !geom ||
	    !json_object_object_get_ex(geom, "type", &type) ||
	    !json_object_is_type(type, json_type_string))
		return "a feature with no geometry: each place wants a Point";
	if (strcmp(json_object_get_string(type), "Point") != 0) {
		snprintf(msg, cap, "a %.20s geometry: each place wants a Point",
		         json_object_get_string(type));
		return msg;
	}
	if (!json_object_object_get_ex(geom, "coordinates", &coords) ||
	    !json_object_is_type(coords, json_type_array) || json_object_array_length(coords) < 2)
		return "a Point wants coordinates [longitude, latitude]";
	json_object *x = json_object_array_get_idx(coords, 0);
	json_object *y = json_object_array_get_idx(coords, 1);
	if (!(json_object_is_type(x, json_type_double) || json_object_is_type(x, json_type_int)) ||
	    !(json_object_is_type(y, json_type_double) || json_object_is_type(y, json_type_int)))
		return "a Point's coordinates must be numbers [longitude, latitude]";
	p->e.lon = json_object_get_double(x);
	p->e.lat = json_object_get_double(y);
	p->has_lat = p->has_lon = 1;
	if (!isfinite(p->e.lat) || p->e.lat < -90 || p->e.lat > 90 || !isfinite(p->e.lon) ||
	    p->e.lon < -180 || p->e.lon > 180) {
		snprintf(msg, cap,
		         "coordinates [%g, %g] are outside [-180..180, -90..90] (GeoJSON "
		         "is longitude first, in WGS 84 degrees)",
		         p->e.lon, p->e.lat);
		return msg;
	}
	if (!json_object_object_get_ex(f, "properties", &props) ||
	    !json_object_is_type(props, json_type_object))
		return "a feature with no properties: each place wants a name";
	int seen[F_N] = {0};
	json_object_object_foreach(props, key, val)
	{
		int fld = field_of(key, strlen(key));
		if (fld < 0 || fld == F_LAT || fld == F_LON || seen[fld]++)
			continue;
		char *t = prop_text(val);
		if (!t)
			continue;
		const char *why = set_field(p, fld, t, msg, cap);
		free(t);
		if (why)
			return why;
	}
	/* the feature's own id when the properties give none */
	json_object *fid;
	if (!p->id && json_object_object_get_ex(f, "id", &fid) &&
	    json_object_is_type(fid, json_type_string)) {
		const char *why = set_field(p, F_ID, json_object_get_string(fid), msg, cap);
		if (why)
			return why;
	}
	return entry_complete(p);
}

im_status gaz_read_geojson(const char *path, const char *data, size_t len, gaz_inlist *out,
                           im_error *err)
{
	memset(out, 0, sizeof *out);
	im_status st = check_utf8(path, data, len, "", err);
	if (st)
		return st;
	size_t skip = gaz_bom(data, len);
	json_tokener *tok = json_tokener_new_ex(64);
	if (!tok)
		return im_error_set(err, IM_E_NOMEM, path, 0, 0, "out of memory");
	json_object *root = len - skip > INT32_MAX
	                        ? NULL
	                        : json_tokener_parse_ex(tok, data + skip, (int)(len - skip));
	enum json_tokener_error je = json_tokener_get_error(tok);
	size_t end = skip + json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (!root || je != json_tokener_success) {
		json_object_put(root);
		return im_error_set(err, IM_E_PARSE, path, line_at(data, end < len ? end : len), 0,
		                    "not JSON: %s",
		                    je == json_tokener_continue ? "the text ends too soon"
		                                                : json_tokener_error_desc(je));
	}
	for (size_t i = end; i < len; i++) {
		if (data[i] != ' ' && data[i] != '\n' && data[i] != '\r' && data[i] != '\t') {
			json_object_put(root);
			return im_error_set(err, IM_E_PARSE, path, line_at(data, i), 0,
			                    "more after the end of the GeoJSON object");
		}
	}
	json_object *type, *feats;
	if (!json_object_is_type(root, json_type_object) ||
	    !json_object_object_get_ex(root, "type", &type) ||
	    !json_object_is_type(type, json_type_string) ||
	    strcmp(json_object_get_string(type), "FeatureCollection") != 0 ||
	    !json_object_object_get_ex(root, "features", &feats) ||
	    !json_object_is_type(feats, json_type_array))
		st = im_error_set(err, IM_E_PARSE, path, 1, 0,
		                  "not a GeoJSON FeatureCollection of points");
	size_t nl = 0;
	long *lines = st ? NULL : feature_lines(data + skip, len - skip, &nl);
	size_t nf = st ? 0 : json_object_array_length(feats);
	if (!st && nf > GAZ_IMPORT_MAX)
		st = im_error_set(err, IM_E_TOO_LARGE, path, 0, 0,
		                  "more than %d places in one import", GAZ_IMPORT_MAX);
	char msg[200];
	for (size_t i = 0; !st && i < nf; i++) {
		long ln = lines && i < nl ? lines[i] : 0;
		gaz_in *p = inlist_push(out);
		if (!p) {
			st = im_error_set(err, IM_E_NOMEM, path, ln, 0, "out of memory");
			break;
		}
		p->line = ln;
		const char *why =
		    read_feature(json_object_array_get_idx(feats, i), p, msg, sizeof msg);
		if (why)
			st = im_error_set(err, IM_E_PARSE, path, ln, 0, "feature %zu: %s", i + 1,
			                  why);
	}
	if (!st && !out->n)
		st = im_error_set(err, IM_E_PARSE, path, 0, 0, "no places in the file");
	free(lines);
	json_object_put(root);
	if (st)
		gaz_inlist_free(out);
	return st;
}

/* ---- GeoPackage ------------------------------------------------------------------ */

/* Work a hostile file's SQL may make (a view that recurses): in steps of
 * 1,000 virtual machine instructions, far above what a million points
 * take. */
#define GPKG_MAX_STEPS 200000

static int gpkg_progress(void *arg)
{
	long *steps = arg;
	return ++*steps > GPKG_MAX_STEPS;
}

/* The file's bytes as a read-only database in memory (data must outlive
 * it); NULL when SQLite refuses it. */
static sqlite3 *gpkg_open(const char *data, size_t len, long *steps)
{
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	        SQLITE_OK ||
	    sqlite3_deserialize(db, "main", (unsigned char *)data, (sqlite3_int64)len,
	                        (sqlite3_int64)len, SQLITE_DESERIALIZE_READONLY) != SQLITE_OK) {
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_progress_handler(db, 1000, gpkg_progress, steps);
	return db;
}

/* The point layer of db, the one named want or, want NULL, its only one:
 * its table and geometry column; else what is wrong, in msg (the point
 * layers listed when the choice is not clear). */
typedef struct gpkg_layer {
	char table[GAZ_FIELD_MAX + 1], geom[GAZ_FIELD_MAX + 1];
	long srs;
} gpkg_layer;

static const char *gpkg_point_layer(sqlite3 *db, const char *want, gpkg_layer *L, char *msg,
				    size_t cap)
{
	sqlite3_stmt *q = NULL;
	if (sqlite3_prepare_v2(db,
	                       "SELECT c.table_name, g.column_name, g.srs_id, "
	                       "upper(g.geometry_type_name) FROM gpkg_contents c JOIN "
	                       "gpkg_geometry_columns g ON g.table_name = c.table_name "
	                       "WHERE c.data_type = 'features' ORDER BY c.table_name",
	                       -1, &q, NULL) != SQLITE_OK)
		return "not a GeoPackage (no gpkg_contents or gpkg_geometry_columns table)";
	int points = 0, others = 0, wanted = 0, rc;
	char names[160] = "";
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(q, 0);
		const char *g = (const char *)sqlite3_column_text(q, 1);
		const char *type = (const char *)sqlite3_column_text(q, 3);
		int is_want = want && t && strcmp(t, want) == 0;
		if (!t || !g || !type || (strcmp(type, "POINT") != 0 && strcmp(type, "GEOMETRY") != 0)) {
			others++;
			wanted |= is_want ? 2 : 0;
			continue;
		}
		points++;
		if ((want ? is_want : points == 1) && strlen(t) <= GAZ_FIELD_MAX &&
		    strlen(g) <= GAZ_FIELD_MAX) {
			wanted |= is_want;
			strcpy(L->table, t);
			strcpy(L->geom, g);
			L->srs = (long)sqlite3_column_int64(q, 2);
		}
		size_t k = strlen(names);
		snprintf(names + k, sizeof names - k, "%s'%.40s'", k ? ", " : "", t);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return "not a GeoPackage that can be read (its layer tables are damaged)";
	if (want && wanted != 1) {
		snprintf(msg, cap, "layer '%.40s' %s (point layers: %s)", want,
			 wanted ? "holds lines or polygons, not points" : "is not in the file",
			 points ? names : "none");
		return msg;
	}
	if (points > 1 && !want) {
		snprintf(msg, cap, "%d point layers (%s): choose one with --layer NAME", points,
			 names);
		return msg;
	}
	if (!points) {
		snprintf(msg, cap, "no point layer (%d layer%s of lines or polygons): each place "
		                   "wants a Point", others, others == 1 ? "" : "s");
		return msg;
	}
	if (!L->table[0])
		return "a layer or geometry column name of more than 200 bytes";
	return NULL;
}

/* NULL when the layer's coordinates are WGS 84 longitude and latitude. */
static const char *gpkg_srs_ok(sqlite3 *db, const gpkg_layer *L, char *msg, size_t cap)
{
	sqlite3_stmt *q = NULL;
	const char *why = NULL;
	if (sqlite3_prepare_v2(db,
	                       "SELECT upper(organization), organization_coordsys_id FROM "
	                       "gpkg_spatial_ref_sys WHERE srs_id = ?",
	                       -1, &q, NULL) != SQLITE_OK)
		return "not a GeoPackage (no gpkg_spatial_ref_sys table)";
	sqlite3_bind_int64(q, 1, L->srs);
	if (sqlite3_step(q) != SQLITE_ROW) {
		snprintf(msg, cap, "layer '%.40s': its SRS %ld is not in gpkg_spatial_ref_sys",
		         L->table, L->srs);
		why = msg;
	} else {
		const char *org = (const char *)sqlite3_column_text(q, 0);
		long id = (long)sqlite3_column_int64(q, 1);
		if (!org || strcmp(org, "EPSG") != 0 || id != 4326) {
			snprintf(msg, cap,
			         "layer '%.40s' is in %.20s:%ld, not WGS 84 (EPSG:4326): save it "
			         "in that CRS (QGIS: Export > Save Features As)",
			         L->table, org ? org : "an unknown CRS", id);
			why = msg;
		}
	}
	sqlite3_finalize(q);
	return why;
}

/* GDAL's older text of a string list, "(2:Nakhla Gate,Bawabat)": the
 * names after the count, or NULL. */
static char *gdal_list(const char *t)
{
	size_t n = strlen(t), d = 1;
	while (d < n && t[d] >= '0' && t[d] <= '9')
		d++;
	if (t[0] != '(' || d == 1 || d >= n || t[d] != ':' || t[n - 1] != ')')
		return NULL;
	return im_strndup(t + d + 1, n - d - 2);
}

/* The text of column c of a row: numbers written out (a whole number
 * without ".0"), a string list (GDAL writes a JSON array of strings, or
 * "(N:a,b)") as its names; NULL for NULL and blobs. *bad when the text is
 * not UTF-8 or holds a NUL. Caller frees. */
static char *gpkg_cell(sqlite3_stmt *q, int c, int *bad)
{
	char num[40];
	*bad = 0;
	switch (sqlite3_column_type(q, c)) {
	case SQLITE_INTEGER:
		snprintf(num, sizeof num, "%lld", (long long)sqlite3_column_int64(q, c));
		return im_strdup(num);
	case SQLITE_FLOAT: {
		double v = sqlite3_column_double(q, c);
		snprintf(num, sizeof num, v == floor(v) && fabs(v) < 1e15 ? "%.0f" : "%.17g", v);
		return im_strdup(num);
	}
	case SQLITE_TEXT:
		break;
	default:
		return NULL;
	}
	const char *t = (const char *)sqlite3_column_text(q, c);
	size_t n = (size_t)sqlite3_column_bytes(q, c), at;
	if (!t || strlen(t) != n || !im_utf8_valid(t, n, &at)) {
		*bad = 1;
		return NULL;
	}
	if (t[0] == '[') {
		json_object *a = json_tokener_parse(t);
		char *joined = json_object_is_type(a, json_type_array) ? prop_text(a) : NULL;
		json_object_put(a);
		if (joined)
			return joined;
	}
	char *names = t[0] == '(' ? gdal_list(t) : NULL;
	return names ? names : im_strdup(t);
}

/* One row of the layer into p; what is wrong, or NULL. */
static const char *gpkg_row(sqlite3_stmt *q, int geom, const int *fld, gaz_in *p, char *msg,
                            size_t cap)
{
	const unsigned char *b = sqlite3_column_blob(q, geom);
	int empty = 0;
	if (!b)
		return "a feature with no geometry: each place wants a Point";
	if (!im_gpkg_blob_point(b, (size_t)sqlite3_column_bytes(q, geom), &p->e.lon, &p->e.lat,
	                        &empty))
		return "a geometry that is not a Point: each place wants a Point";
	if (empty)
		return "an empty point: each place wants coordinates";
	p->has_lat = p->has_lon = 1;
	if (!isfinite(p->e.lat) || p->e.lat < -90 || p->e.lat > 90 || !isfinite(p->e.lon) ||
	    p->e.lon < -180 || p->e.lon > 180) {
		snprintf(msg, cap, "coordinates (%g, %g) are outside -180..180, -90..90", p->e.lon,
		         p->e.lat);
		return msg;
	}
	int seen[F_N] = {0};
	for (int c = 0; c < sqlite3_column_count(q); c++) {
		if (fld[c] < 0 || fld[c] == F_LAT || fld[c] == F_LON || seen[fld[c]]++)
			continue;
		int bad;
		char *t = gpkg_cell(q, c, &bad);
		if (bad) {
			snprintf(msg, cap, "column '%.40s' is not text (invalid UTF-8 or a NUL)",
			         sqlite3_column_name(q, c));
			return msg;
		}
		if (!t)
			continue;
		const char *why = set_field(p, fld[c], t, msg, cap);
		free(t);
		if (why)
			return why;
	}
	return entry_complete(p);
}

/* Every row of the layer into out. */
static im_status gpkg_rows(const char *path, sqlite3 *db, const gpkg_layer *L, gaz_inlist *out,
                           im_error *err)
{
	char *sql = sqlite3_mprintf("SELECT * FROM \"%w\"", L->table);
	sqlite3_stmt *q = NULL;
	if (!sql || sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK) {
		sqlite3_free(sql);
		return im_error_set(err, IM_E_PARSE, path, 0, 0, "layer '%.40s' cannot be read: %s",
		                    L->table, sqlite3_errmsg(db));
	}
	sqlite3_free(sql);
	int nc = sqlite3_column_count(q), geom = -1;
	int *fld = malloc(sizeof *fld * (size_t)(nc ? nc : 1));
	im_status st = fld ? IM_OK : im_error_set(err, IM_E_NOMEM, path, 0, 0, "out of memory");
	for (int c = 0; !st && c < nc; c++) {
		const char *name = sqlite3_column_name(q, c);
		fld[c] = name ? field_of(name, strlen(name)) : -1;
		if (name && strcmp(name, L->geom) == 0)
			geom = c, fld[c] = -1;
	}
	if (!st && geom < 0)
		st = im_error_set(err, IM_E_PARSE, path, 0, 0,
		                  "layer '%.40s' has no column '%.40s' for its geometry", L->table,
		                  L->geom);
	char msg[200];
	int rc = SQLITE_ROW;
	for (size_t i = 1; !st && (rc = sqlite3_step(q)) == SQLITE_ROW; i++) {
		gaz_in *p = out->n >= GAZ_IMPORT_MAX ? NULL : inlist_push(out);
		if (!p) {
			st = out->n >= GAZ_IMPORT_MAX
			         ? im_error_set(err, IM_E_TOO_LARGE, path, 0, 0,
			                        "more than %d places in one import", GAZ_IMPORT_MAX)
			         : im_error_set(err, IM_E_NOMEM, path, 0, 0, "out of memory");
			break;
		}
		const char *why = gpkg_row(q, geom, fld, p, msg, sizeof msg);
		if (why)
			st = im_error_set(err, IM_E_PARSE, path, 0, 0,
			                  "layer '%.40s', feature %zu: %s", L->table, i, why);
	}
	if (!st && rc != SQLITE_DONE)
		st = im_error_set(err, IM_E_PARSE, path, 0, 0, "layer '%.40s' cannot be read: %s",
		                  L->table, sqlite3_errmsg(db));
	free(fld);
	sqlite3_finalize(q);
	return st;
}

im_status gaz_read_gpkg(const char *path, const char *data, size_t len, const char *layer,
                        gaz_inlist *out, im_error *err)
{
	memset(out, 0, sizeof *out);
	if (len < 100 || memcmp(data, "SQLite format 3", 16) != 0)
		return im_error_set(err, IM_E_PARSE, path, 0, 0,
		                    "not a GeoPackage (not an SQLite database)");
	long steps = 0;
	sqlite3 *db = gpkg_open(data, len, &steps);
	if (!db)
		return im_error_set(err, IM_E_PARSE, path, 0, 0,
		                    "not a GeoPackage (SQLite cannot open it)");
	gpkg_layer L = {{0}, {0}, 0};
	char msg[320];
	const char *why = gpkg_point_layer(db, layer, &L, msg, sizeof msg);
	why = why ? why : gpkg_srs_ok(db, &L, msg, sizeof msg);
	im_status st = why ? im_error_set(err, IM_E_PARSE, path, 0, 0, "%s", why)
	                   : gpkg_rows(path, db, &L, out, err);
	if (!st && !out->n)
		st = im_error_set(err, IM_E_PARSE, path, 0, 0, "no places in layer '%.40s'",
		                  L.table);
	sqlite3_close(db);
	if (st)
		gaz_inlist_free(out);
	return st;
}

/* ---- export ------------------------------------------------------------------------ */

/* A CSV field, quoted when it must be. */
static int csv_put(im_buf *b, const char *s)
{
	if (!strpbrk(s, ",\"\n\r"))
		return im_buf_puts(b, s);
	if (im_buf_putc(b, '"'))
		return -1;
	for (; *s; s++)
		if ((*s == '"' && im_buf_putc(b, '"')) || im_buf_putc(b, *s))
			return -1;
	return im_buf_putc(b, '"');
}

/* The alternate names of a row ("A,B") as "A|B". */
static void alt_bars(char *s)
{
	for (; *s; s++)
		if (*s == ',')
			*s = '|';
}

static int export_csv_row(im_buf *b, const gaz_row *r, const char *kind)
{
	char *c[] = {r->c[0], r->c[1],  r->c[4],      r->c[5], r->c[3],
	             r->c[8], r->c[10], (char *)kind, r->c[14]};
	for (size_t i = 0; i < sizeof c / sizeof *c; i++)
		if ((i && im_buf_putc(b, ',')) || csv_put(b, c[i]))
			return -1;
	return im_buf_putc(b, '\n');
}

static int export_geojson_row(im_buf *b, const gaz_row *r, const char *kind, int first)
{
	json_object *f = json_object_new_object(), *g = json_object_new_object();
	json_object *co = json_object_new_array(), *pr = json_object_new_object();
	json_object *alt = json_object_new_array();
	if (!f || !g || !co || !pr || !alt) {
		json_object_put(f), json_object_put(g), json_object_put(co);
		json_object_put(pr), json_object_put(alt);
		return -1;
	}
	json_object_object_add(f, "type", json_object_new_string("Feature"));
	json_object_object_add(g, "type", json_object_new_string("Point"));
	json_object_array_add(co, json_object_new_double_s(r->lon, r->c[5]));
	json_object_array_add(co, json_object_new_double_s(r->lat, r->c[4]));
	json_object_object_add(g, "coordinates", co);
	json_object_object_add(f, "geometry", g);
	json_object_object_add(pr, "id", json_object_new_string(r->c[0]));
	json_object_object_add(pr, "name", json_object_new_string(r->c[1]));
	for (const char *p = r->c[3]; *p;) {
		size_t n = strcspn(p, ",");
		json_object_array_add(alt, json_object_new_string_len(p, (int)n));
		p += n + (p[n] == ',');
	}
	json_object_object_add(pr, "alternate_names", alt);
	json_object_object_add(pr, "country", r->c[8][0] ? json_object_new_string(r->c[8]) : NULL);
	json_object_object_add(pr, "admin1", r->c[10][0] ? json_object_new_string(r->c[10]) : NULL);
	json_object_object_add(pr, "kind", json_object_new_string(kind));
	json_object_object_add(pr, "population", r->pop ? json_object_new_int64(r->pop) : NULL);
	json_object_object_add(f, "properties", pr);
	int rc = im_buf_puts(b, first ? "\n" : ",\n") ||
	         im_buf_puts(b, json_object_to_json_string_ext(
	                            f, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(f);
	return rc ? -1 : 0;
}

im_status im_gaz_export(const char *dir, const char *out, const char *format, size_t *count,
                        im_error *err)
{
	if (count)
		*count = 0;
	int geojson;
	if (format && strcasecmp(format, "csv") == 0)
		geojson = 0;
	else if (format && (strcasecmp(format, "geojson") == 0 || strcasecmp(format, "json") == 0))
		geojson = 1;
	else if (format)
		return im_error_set(err, IM_E_USAGE, NULL, 0, 0,
		                    "export writes csv or geojson, not '%s'", format);
	else {
		char ext[16];
		im_path_ext(out, ext, sizeof ext);
		if (strcmp(ext, "csv") == 0)
			geojson = 0;
		else if (strcmp(ext, "geojson") == 0 || strcmp(ext, "json") == 0)
			geojson = 1;
		else
			return im_error_set(err, IM_E_USAGE, NULL, 0, 0,
			                    "give --format csv|geojson (or an output ending .csv "
			                    "or .geojson)");
	}
	if (!im_is_dir(dir))
		return im_error_set(err, IM_E_IO, dir, 0, 0, "gazetteer folder not found");
	char *udir = im_gaz_user_dir(dir);
	char *path = udir ? im_path_join(udir, "user.txt") : NULL;
	free(udir);
	char *data = NULL;
	size_t len = 0;
	im_status st = IM_OK;
	if (path && im_file_exists(path))
		st = im_read_file(path, GAZ_FILE_MAX, &data, &len, err);
	im_buf b = IM_BUF_INIT;
	if (!st && (geojson ? im_buf_puts(&b, "{\"type\": \"FeatureCollection\", \"features\": [")
	                    : im_buf_puts(&b, "id,name,latitude,longitude,alternate_names,country,"
	                                      "admin1,kind,population\n")))
		st = im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	size_t n = 0;
	long no = 0;
	for (char *p = data ? data + gaz_bom(data, len) : NULL; !st && p && p < data + len;) {
		size_t l;
		char *line = gaz_cut_line(&p, data + len, &l);
		no++;
		if (!l || line[0] == '#')
			continue;
		gaz_row r;
		char msg[160];
		const char *why = gaz_row_parse(line, l, &r, msg, sizeof msg);
		if (why) {
			im_warn(path, no, "%s (line not exported)", why);
			continue;
		}
		const char *kind = im_kind_name(gaz_kind_of(r.c[6], r.c[7], r.pop));
		if (!geojson)
			alt_bars(r.c[3]);
		if (geojson ? export_geojson_row(&b, &r, kind, n == 0)
		            : export_csv_row(&b, &r, kind))
			st = im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
		n++;
	}
	if (!st && geojson && im_buf_puts(&b, "\n]}\n"))
		st = im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	if (!st)
		st = im_write_file_atomic(out, b.p, b.len, err);
	if (!st && count)
		*count = n;
	im_buf_free(&b);
	free(data);
	free(path);
	return st;
}
