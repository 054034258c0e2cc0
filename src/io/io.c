/* io.c: the public face of the io stage: format names, the streaming reader
 * and writer over the three formats, and whole-list read/write built on them. */
#include "io_int.h"
#include "pg.h"
#include "store.h"
#include "../core/fsutil.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

im_format im_format_from_name(const char *name)
{
	if (!name)
		return IM_FMT_UNKNOWN;
	if (strcasecmp(name, "geojson") == 0 || strcasecmp(name, "json") == 0)
		return IM_FMT_GEOJSON;
	if (strcasecmp(name, "geojsonseq") == 0 || strcasecmp(name, "geojsons") == 0 ||
	    strcasecmp(name, "seq") == 0 || strcasecmp(name, "geojsonl") == 0)
		return IM_FMT_GEOJSONSEQ;
	if (strcasecmp(name, "csv") == 0)
		return IM_FMT_CSV;
	if (strcasecmp(name, "excel") == 0)
		return IM_FMT_CSV_EXCEL;
	if (strcasecmp(name, "gpkg") == 0 || strcasecmp(name, "geopackage") == 0)
		return IM_FMT_GPKG;
	if (strcasecmp(name, "kml") == 0)
		return IM_FMT_KML;
	if (strcasecmp(name, "kmz") == 0)
		return IM_FMT_KMZ;
	if (strcasecmp(name, "xlsx") == 0)
		return IM_FMT_XLSX;
	return IM_FMT_UNKNOWN;
}

im_format im_format_from_path(const char *path)
{
	char ext[16];
	if (!path)
		return IM_FMT_UNKNOWN;
	if (im_pg_is_target(path))
		return IM_FMT_PG;
	im_path_ext(path, ext, sizeof ext);
	if (strcmp(ext, "geojson") == 0 || strcmp(ext, "json") == 0)
		return IM_FMT_GEOJSON;
	if (strcmp(ext, "geojsons") == 0 || strcmp(ext, "geojsonl") == 0 ||
	    strcmp(ext, "geojsonseq") == 0 || strcmp(ext, "jsonseq") == 0)
		return IM_FMT_GEOJSONSEQ;
	if (strcmp(ext, "csv") == 0)
		return IM_FMT_CSV;
	if (strcmp(ext, "gpkg") == 0)
		return IM_FMT_GPKG;
	if (strcmp(ext, "kml") == 0)
		return IM_FMT_KML;
	if (strcmp(ext, "kmz") == 0)
		return IM_FMT_KMZ;
	if (strcmp(ext, "xlsx") == 0)
		return IM_FMT_XLSX;
	return IM_FMT_UNKNOWN;
}

const char *im_format_name(im_format f)
{
	switch (f) {
	case IM_FMT_GEOJSON: return "geojson";
	case IM_FMT_GEOJSONSEQ: return "geojsonseq";
	case IM_FMT_CSV: return "csv";
	case IM_FMT_CSV_EXCEL: return "excel";
	case IM_FMT_GPKG: return "gpkg";
	case IM_FMT_PG: return "postgresql";
	case IM_FMT_KML: return "kml";
	case IM_FMT_KMZ: return "kmz";
	case IM_FMT_XLSX: return "xlsx";
	case IM_FMT_UNKNOWN: break;
	}
	return "unknown";
}

int im_format_readable(im_format f)
{
	return f == IM_FMT_GEOJSON || f == IM_FMT_GEOJSONSEQ || f == IM_FMT_CSV || f == IM_FMT_GPKG ||
	       f == IM_FMT_PG || f == IM_FMT_KML || f == IM_FMT_KMZ;
}

/* ---- reader --------------------------------------------------------------- */

static im_status reader_new(im_format f, im_io_reader **out, im_error *err)
{
	*out = NULL;
	if (!im_format_readable(f))
		return im_error_set(err, IM_E_USAGE, NULL, 0, 0, "io: cannot read %s",
				    im_format_name(f));
	im_io_reader *r = calloc(1, sizeof *r);
	if (!r)
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	r->fmt = f;
	*out = r;
	return IM_OK;
}

im_status im_io_reader_open(const char *path, im_format f, im_io_reader **out,
			    im_error *err)
{
	im_io_reader *r;
	im_status st = reader_new(f, &r, err);
	if (st)
		return st;
	if (f == IM_FMT_GPKG || f == IM_FMT_PG) {
		if (strcmp(path, "-") == 0)
			st = im_error_set(err, IM_E_USAGE, NULL, 0, 0,
					  "a GeoPackage cannot be read from stdin: name the file");
		st = st ? st : im_store_open(path, 0, &r->store, err);
		st = st ? st : im_store_cursor_open(r->store, NULL, &r->cursor, err);
	} else {
		st = im_io_in_open(&r->in, path, err);
	}
	if (st) {
		im_io_reader_free(r);
		return st;
	}
	*out = r;
	return IM_OK;
}

im_status im_io_reader_open_mem(const char *name, const void *data, size_t len,
				im_format f, im_io_reader **out, im_error *err)
{
	im_io_reader *r;
	if (f == IM_FMT_GPKG || f == IM_FMT_PG)
		return im_error_set(err, IM_E_UNSUPPORTED, name, 0, 0,
				    "a store is read from a file or a database, not from memory");
	im_status st = reader_new(f, &r, err);
	if (st)
		return st;
	if ((st = im_io_in_mem(&r->in, name, data, len, err))) {
		free(r);
		return st;
	}
	*out = r;
	return IM_OK;
}

im_status im_io_reader_next(im_io_reader *r, im_incident *inc, int *done, im_error *err)
{
	*done = 0;
	switch (r->fmt) {
	case IM_FMT_GEOJSON: return im_io_geojson_next(r, inc, done, err);
	case IM_FMT_GEOJSONSEQ: return im_io_seq_next(r, inc, done, err);
	case IM_FMT_CSV: return im_io_csv_next(r, inc, done, err);
	case IM_FMT_GPKG:
	case IM_FMT_PG: return im_store_cursor_next(r->cursor, inc, done, err);
	case IM_FMT_KML:
	case IM_FMT_KMZ: return im_io_kml_next(r, inc, done, err);
	default: break;
	}
	return im_error_set(err, IM_E_INTERNAL, NULL, 0, 0, "io: reader without a format");
}

im_status im_io_reader_filter(im_io_reader *r, const struct im_filter *f, im_error *err)
{
	if (!r->store)
		return IM_OK;
	im_store_cursor_free(r->cursor);
	r->cursor = NULL;
	return im_store_cursor_open(r->store, f, &r->cursor, err);
}

size_t im_io_reader_filtered(const im_io_reader *r)
{
	return r ? im_store_cursor_left_out(r->cursor) : 0;
}

size_t im_io_reader_skipped(const im_io_reader *r)
{
	return r ? r->n_skipped : 0;
}

void im_io_reader_free(im_io_reader *r)
{
	if (!r)
		return;
	im_store_cursor_free(r->cursor);
	im_store_close(r->store);
	im_io_in_close(&r->in);
	im_io_scan_free(&r->scan);
	json_object_put(r->top);
	im_io_csv_free(r);
	im_io_kml_reader_free(r);
	free(r);
}

im_status im_io_read(const char *path, im_format f, im_incident_list *l, im_error *err)
{
	im_io_reader *r;
	im_status st = im_io_reader_open(path, f, &r, err);
	if (st)
		return st;
	size_t n0 = l->n;
	im_incident inc;
	im_incident_init(&inc);
	for (;;) {
		int done;
		if ((st = im_io_reader_next(r, &inc, &done, err)) || done)
			break;
		if (l->n - n0 >= IM_IO_MAX_READ) {
			st = im_error_set(err, IM_E_TOO_LARGE, r->store ? path : r->in.name, r->in.line, 0,
					  "more than %zu incidents: too many to hold in memory "
					  "(convert streams any number)",
					  IM_IO_MAX_READ);
			break;
		}
		if (im_list_push(l, &inc)) {
			st = im_error_set(err, IM_E_NOMEM, path, 0, 0, "out of memory");
			break;
		}
	}
	im_incident_clear(&inc);
	im_io_reader_free(r);
	if (st) { /* all or nothing */
		while (l->n > n0)
			im_incident_clear(&l->v[--l->n]);
	}
	return st;
}

/* ---- writer --------------------------------------------------------------- */

/* The bounding box is kept in constant memory: per 1-degree band of
 * longitude, the least and greatest longitude seen. At the end the widest
 * empty stretch of longitude decides whether the box crosses the
 * antimeridian (RFC 7946 5.2: west > east). */
#define BANDS 360

struct im_io_writer {
	im_format fmt;
	im_store *store; /* GeoPackage: the store, in a transaction */
	im_pg_writer *pg; /* PostgreSQL */
	im_afile *af;
	FILE *fp;
	im_io_kml *kml;
	im_io_xlsx *xlsx;
	char *path;
	im_buf b;
	size_t n;
	size_t n_points;
	double band_min[BANDS], band_max[BANDS];
	double south, north;
};

/* The store as an output: opened (made when missing) and locked for the
 * length of the write. */
static im_status store_writer_open(const char *path, im_io_writer **out, im_error *err)
{
	if (strcmp(path, "-") == 0)
		return im_error_set(err, IM_E_USAGE, NULL, 0, 0,
				    "a GeoPackage cannot be written to stdout: name the file");
	im_io_writer *w = calloc(1, sizeof *w);
	if (!w || !(w->path = im_strdup(path))) {
		free(w);
		return im_error_set(err, IM_E_NOMEM, path, 0, 0, "out of memory");
	}
	w->fmt = IM_FMT_GPKG;
	im_status st = im_store_open(path, 1, &w->store, err);
	st = st ? st : im_store_begin(w->store, err);
	if (st) {
		im_io_writer_abort(w);
		return st;
	}
	*out = w;
	return IM_OK;
}

static im_status pg_writer_open(const char *target, im_io_writer **out, im_error *err)
{
	im_io_writer *w = calloc(1, sizeof *w);
	if (!w)
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	w->fmt = IM_FMT_PG;
	im_status st = im_pg_writer_open(target, &w->pg, err);
	if (st) {
		free(w);
		return st;
	}
	*out = w;
	return IM_OK;
}

static im_status flush_buf(im_io_writer *w, im_error *err)
{
	if (w->b.len && fwrite(w->b.p, 1, w->b.len, w->fp) != w->b.len)
		return im_error_set(err, IM_E_IO, w->path, 0, 0, "cannot write: %s",
				    strerror(errno ? errno : EIO));
	im_buf_reset(&w->b);
	return IM_OK;
}

im_status im_io_writer_open(const char *path, im_format f, im_io_writer **out,
			    im_error *err)
{
	*out = NULL;
	if (f == IM_FMT_GPKG)
		return store_writer_open(path, out, err);
	if (f == IM_FMT_PG)
		return pg_writer_open(path, out, err);
	if (f != IM_FMT_GEOJSON && f != IM_FMT_GEOJSONSEQ && f != IM_FMT_CSV &&
	    f != IM_FMT_CSV_EXCEL && f != IM_FMT_KML && f != IM_FMT_KMZ && f != IM_FMT_XLSX)
		return im_error_set(err, IM_E_USAGE, path, 0, 0, "io: unknown output format");
	im_io_writer *w = calloc(1, sizeof *w);
	if (!w || !(w->path = im_strdup(strcmp(path, "-") == 0 ? "<stdout>" : path))) {
		free(w);
		return im_error_set(err, IM_E_NOMEM, path, 0, 0, "out of memory");
	}
	w->fmt = f;
	for (int i = 0; i < BANDS; i++) {
		w->band_min[i] = 1e9;
		w->band_max[i] = -1e9;
	}
	w->south = 1e9;
	w->north = -1e9;
	im_status st = IM_OK;
	if ((f == IM_FMT_KML || f == IM_FMT_KMZ) && im_io_kml_new(&w->kml))
		st = im_error_set(err, IM_E_NOMEM, path, 0, 0, "out of memory");
	if (!st)
		st = im_afile_open(path, &w->af, err);
	if (!st && f == IM_FMT_XLSX &&
	    (st = im_io_xlsx_open(im_afile_tmpname(w->af), path, &w->xlsx, err)))
		im_afile_abort(w->af);
	if (st) {
		im_io_kml_free(w->kml);
		free(w->path);
		free(w);
		return st;
	}
	w->fp = im_afile_fp(w->af);
	if (f == IM_FMT_GEOJSON)
		st = im_buf_puts(&w->b, "{\"type\":\"FeatureCollection\",\"features\":[");
	else if (f == IM_FMT_CSV)
		st = im_io_csv_header(&w->b);
	else if (f == IM_FMT_CSV_EXCEL)
		st = im_io_csv_excel_header(&w->b);
	if (st)
		st = im_error_set(err, st, path, 0, 0, "out of memory");
	if (!st)
		st = flush_buf(w, err);
	if (st) {
		im_io_writer_abort(w);
		return st;
	}
	*out = w;
	return IM_OK;
}

static void bbox_add(im_io_writer *w, double lon, double lat)
{
	int band = (int)floor(lon + 180.0);
	if (band < 0)
		band = 0;
	if (band >= BANDS)
		band = BANDS - 1;
	if (lon < w->band_min[band])
		w->band_min[band] = lon;
	if (lon > w->band_max[band])
		w->band_max[band] = lon;
	if (lat < w->south)
		w->south = lat;
	if (lat > w->north)
		w->north = lat;
	w->n_points++;
}

/* West and east of the smallest box holding every point. */
static void bbox_lon(const im_io_writer *w, double *west, double *east)
{
	int first = -1, last = -1;
	double gap = -1; /* the widest gap between neighbouring bands with points */
	int gap_after = -1;
	for (int i = 0; i < BANDS; i++) {
		if (w->band_min[i] > w->band_max[i])
			continue;
		if (first < 0)
			first = i;
		if (last >= 0 && w->band_min[i] - w->band_max[last] > gap) {
			gap = w->band_min[i] - w->band_max[last];
			gap_after = i;
		}
		last = i;
	}
	double wrap = w->band_min[first] + 360.0 - w->band_max[last];
	if (gap > wrap) { /* cheaper to go across 180 */
		int before = gap_after - 1;
		while (w->band_min[before] > w->band_max[before])
			before--;
		*west = w->band_min[gap_after];
		*east = w->band_max[before];
	} else {
		*west = w->band_min[first];
		*east = w->band_max[last];
	}
}

/* Values as the file will hold them (6 decimals), so that the box holds
 * exactly the written points. */
static double round6(double v)
{
	return (double)llround(v * 1e6) / 1e6;
}

im_status im_io_writer_add(im_io_writer *w, const im_incident *inc, im_error *err)
{
	im_status st = im_io_check(inc, w->path, w->n + 1, err);
	if (st)
		return st;
	if (w->fmt == IM_FMT_PG)
		return im_pg_writer_add(w->pg, inc, err);
	if (w->fmt == IM_FMT_GPKG) {
		st = im_store_put(w->store, inc, err);
		w->n += !st;
		return st;
	}
	switch (w->fmt) {
	case IM_FMT_GEOJSON:
		st = im_buf_puts(&w->b, w->n ? ",\n" : "\n");
		st = st ? st : im_io_to_feature(&w->b, inc);
		break;
	case IM_FMT_GEOJSONSEQ:
		st = im_buf_putc(&w->b, 0x1E);
		st = st ? st : im_io_to_feature(&w->b, inc);
		st = st ? st : im_buf_putc(&w->b, '\n');
		break;
	case IM_FMT_CSV_EXCEL:
		st = im_io_csv_excel_row(&w->b, inc);
		break;
	case IM_FMT_KML:
	case IM_FMT_KMZ:
		if ((st = im_io_kml_add(w->kml, inc, w->path, err)))
			return st;
		break;
	case IM_FMT_XLSX:
		if ((st = im_io_xlsx_add(w->xlsx, inc, w->path, err)))
			return st;
		break;
	default:
		st = im_io_csv_row(&w->b, inc);
		break;
	}
	if (st)
		return im_error_set(err, st, w->path, 0, 0, "incident %zu: %s", w->n + 1,
				    im_status_str(st));
	if (inc->has_point)
		bbox_add(w, round6(inc->lon), round6(inc->lat));
	w->n++;
	/* Write in blocks rather than per feature. */
	if (w->b.len >= 1 << 16)
		return flush_buf(w, err);
	return IM_OK;
}

im_status im_io_writer_close(im_io_writer *w, im_error *err)
{
	im_status st = IM_OK;
	if (w->fmt == IM_FMT_PG) {
		st = im_pg_writer_close(w->pg, err);
		free(w);
		return st;
	}
	if (w->fmt == IM_FMT_GPKG) {
		st = im_store_commit(w->store, err);
		im_io_writer_abort(w);
		return st;
	}
	if (w->fmt == IM_FMT_GEOJSON) {
		st = im_buf_puts(&w->b, w->n ? "\n]" : "]");
		if (!st && w->n_points) {
			double west, east;
			bbox_lon(w, &west, &east);
			st = im_buf_puts(&w->b, ",\"bbox\":[");
			st = st ? st : im_io_num(&w->b, west, 0);
			st = st ? st : im_buf_putc(&w->b, ',');
			st = st ? st : im_io_num(&w->b, w->south, 0);
			st = st ? st : im_buf_putc(&w->b, ',');
			st = st ? st : im_io_num(&w->b, east, 0);
			st = st ? st : im_buf_putc(&w->b, ',');
			st = st ? st : im_io_num(&w->b, w->north, 0);
			st = st ? st : im_buf_putc(&w->b, ']');
		}
		st = st ? st : im_buf_puts(&w->b, "}\n");
		if (st)
			st = im_error_set(err, st, w->path, 0, 0, "out of memory");
	}
	if (!st)
		st = flush_buf(w, err);
	if (!st && w->kml)
		st = im_io_kml_finish(w->kml, w->fp, w->fmt == IM_FMT_KMZ, w->path, err);
	if (!st && w->xlsx)
		st = im_io_xlsx_finish(w->xlsx, w->path, err);
	if (st) {
		im_io_writer_abort(w);
		return st;
	}
	st = im_afile_commit(w->af, err);
	im_io_kml_free(w->kml);
	im_io_xlsx_free(w->xlsx);
	im_buf_free(&w->b);
	free(w->path);
	free(w);
	return st;
}

void im_io_writer_abort(im_io_writer *w)
{
	if (!w)
		return;
	im_store_close(w->store); /* rolls back what was not committed */
	im_pg_writer_abort(w->pg);
	im_io_xlsx_free(w->xlsx); /* closes its file before it is removed */
	im_afile_abort(w->af);
	im_io_kml_free(w->kml);
	im_buf_free(&w->b);
	free(w->path);
	free(w);
}

im_status im_io_write(const char *path, im_format f, const im_incident_list *l,
		      im_error *err)
{
	im_io_writer *w;
	im_status st = im_io_writer_open(path, f, &w, err);
	if (st)
		return st;
	for (size_t i = 0; i < l->n; i++)
		if ((st = im_io_writer_add(w, &l->v[i], err))) {
			im_io_writer_abort(w);
			return st;
		}
	return im_io_writer_close(w, err);
}
