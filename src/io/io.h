/* io.h: incidents in and out: RFC 7946 GeoJSON, RFC 8142 GeoJSON Text
 * Sequences, CSV (our columns, and ACLED's export columns on input), and
 * the QGIS style file written beside a GeoJSON. */
#ifndef IM_IO_H
#define IM_IO_H

#include "../core/im.h"
#include "../model/incident.h"

typedef enum im_format {
	IM_FMT_UNKNOWN = 0,
	IM_FMT_GEOJSON,
	IM_FMT_GEOJSONSEQ,
	IM_FMT_CSV,
	IM_FMT_CSV_EXCEL, /* the CSV for people (write only): BOM, readable sources */
	IM_FMT_GPKG,      /* the incident store (store.h): read whole, written by id */
	IM_FMT_PG,        /* a PostGIS table as the store (store.h, pg.h): postgresql://... or PG:... */
	IM_FMT_KML,
	IM_FMT_KMZ,
	IM_FMT_XLSX /* Excel workbook (write only) */
} im_format;

/* "geojson"/"json", "geojsonseq"/"geojsons"/"seq", "csv", "excel", "gpkg",
 * "kml", "kmz", "xlsx"; IM_FMT_UNKNOWN else. */
im_format im_format_from_name(const char *name);
/* From the file extension (.geojson .json, .geojsons .geojsonl .jsonseq, .csv,
 * .gpkg, .kml, .kmz, .xlsx), or a PostgreSQL target (postgresql://, postgres://, PG:). */
im_format im_format_from_path(const char *path);
const char *im_format_name(im_format f);
/* 1 when incidents can be read in format f. */
int im_format_readable(im_format f);

/* Writes the list, in its order, to path ("-" stdout) atomically: nothing
 * is left under path unless the whole file was written. Callers sort first
 * (im_list_sort) for the canonical order. Fails with IM_E_RANGE on an
 * incident that cannot be written truthfully (coordinates out of range,
 * confidence outside 0..1, ...), naming it. */
im_status im_io_write(const char *path, im_format f, const im_incident_list *l,
		      im_error *err);

/* Reads a whole file ("-" stdin) and appends its incidents to l. Features
 * that are not incidents (a Polygon, a LineString...) are skipped with a
 * warning (im_warn) and counted in a summary warning at the end; a Feature
 * whose geometry is null is kept with has_point 0. All or nothing: on an
 * error l is left as it was and err says FILE:LINE:COL and what is wrong. */
im_status im_io_read(const char *path, im_format f, im_incident_list *l,
		     im_error *err);

/* Streaming writer: constant memory, one record at a time. The GeoJSON
 * writer puts the top-level "bbox" after "features". add() copies what it
 * needs (inc stays the caller's). A GeoPackage is the incident store: it
 * is created when missing, else added to, every incident written under its
 * id (replacing the one of the same id, corrections kept), all in one
 * transaction that close commits and abort rolls back. */
typedef struct im_io_writer im_io_writer;
im_status im_io_writer_open(const char *path, im_format f, im_io_writer **out,
			    im_error *err);
im_status im_io_writer_add(im_io_writer *w, const im_incident *inc, im_error *err);
/* Finishes and renames into place (consumes w). */
im_status im_io_writer_close(im_io_writer *w, im_error *err);
/* Drops the partial output (consumes w; NULL is fine). */
void im_io_writer_abort(im_io_writer *w);

/* Streaming reader, in constant memory for every format (a GeoJSON
 * FeatureCollection is walked feature by feature). next: IM_OK with
 * *done = 0 and inc filled, IM_OK with *done = 1 at the end, or an error
 * (after which the reader is only good for free). inc must have been
 * initialised (im_incident_init); next clears it before filling it, and
 * the caller owns what it holds. Limits (docs/formats.md): 16 MiB per
 * feature or row, JSON nesting 64 deep. */
typedef struct im_io_reader im_io_reader;
im_status im_io_reader_open(const char *path, im_format f, im_io_reader **out,
			    im_error *err);
/* The same over len bytes of memory (borrowed: they must outlive the
 * reader); name is used in messages. For tests and fuzzers. */
im_status im_io_reader_open_mem(const char *name, const void *data, size_t len,
				im_format f, im_io_reader **out, im_error *err);
im_status im_io_reader_next(im_io_reader *r, im_incident *inc, int *done,
			    im_error *err);
/* Narrows what a store reader reads to the incidents that may pass f,
 * through the store's indexes (a week out of a million is read without
 * the rest); the caller still applies im_filter_match. Other formats read
 * everything: a no-op. Call before the first next. */
struct im_filter;
im_status im_io_reader_filter(im_io_reader *r, const struct im_filter *f, im_error *err);
/* At the end: the incidents a store reader's query left unread (to add to
 * those im_filter_match dropped). 0 for other formats. */
size_t im_io_reader_filtered(const im_io_reader *r);
/* Features skipped so far because they were not Points. */
size_t im_io_reader_skipped(const im_io_reader *r);
void im_io_reader_free(im_io_reader *r);

/* The reader r run in a thread of its own, a few batches of incidents
 * ahead of the caller (without a thread to be had, in the caller's):
 * next gives the incidents in order, each borrowed until the next call
 * after it (the reader thread refills its batch then), or an error, or
 * *done at the end, like im_io_reader_next. r is borrowed and the
 * thread's alone until im_io_ahead_free, which stops the thread; then r
 * may be asked what it read (im_io_reader_filtered, _skipped). The reader
 * may have read (and warned about) a few thousand rows past the last one
 * the caller took when the caller stops early. */
typedef struct im_io_ahead im_io_ahead;
im_status im_io_ahead_start(im_io_reader *r, im_io_ahead **out, im_error *err);
im_status im_io_ahead_next(im_io_ahead *a, const im_incident **inc, int *done, im_error *err);
void im_io_ahead_free(im_io_ahead *a);

/* Writes the QGIS style (.qml) that draws the symbology table (style.h):
 * categories by event_type, SimpleMarker shapes and colours, size in mm
 * from fatalities. Atomic, like every output. */
im_status im_qml_write(const char *path, im_error *err);
/* "dir/incidents.geojson" -> "dir/incidents.qml" (caller frees); NULL for
 * "-" and for an existing path that is not a regular file (stdout, a
 * device or a FIFO has no beside) or when out of memory. */
char *im_qml_path_for(const char *geojson_path);

#endif
