/* fuzz_io_common.h: what the io fuzz targets share: read everything from the
 * input with one format, and check that each incident read survives being
 * written and read back in every format (a failure there aborts: a bug). */
#ifndef FUZZ_IO_COMMON_H
#define FUZZ_IO_COMMON_H

#include "core/buf.h"
#include "io/io.h"
#include "io/io_int.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline void fz_silent(void *ud, const char *file, long line, const char *msg)
{
	(void)ud;
	(void)file;
	(void)line;
	(void)msg;
}

static inline void fz_same_str(const char *what, const char *a, const char *b)
{
	if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0)) {
		fprintf(stderr, "round trip changed %s: [%s] -> [%s]\n", what, a ? a : "(null)",
			b ? b : "(null)");
		abort();
	}
}

static inline void fz_same(const im_incident *a, const im_incident *b)
{
	int ok = a->has_point == b->has_point &&
		 (!a->has_point || (fabs(a->lon - b->lon) <= 5.1e-7 && fabs(a->lat - b->lat) <= 5.1e-7)) &&
		 a->event_date.y == b->event_date.y && a->event_date.m == b->event_date.m &&
		 a->event_date.d == b->event_date.d && a->time_precision == b->time_precision &&
		 a->geo_precision == b->geo_precision && a->fatalities == b->fatalities &&
		 a->injuries == b->injuries && fabs(a->confidence - b->confidence) <= 5.1e-7 &&
		 a->n_actors == b->n_actors && a->n_sources == b->n_sources;
	if (!ok) {
		fprintf(stderr, "round trip changed a number, the point or a list length\n");
		abort();
	}
	fz_same_str("id", a->id, b->id);
	fz_same_str("date_text", a->date_text, b->date_text);
	fz_same_str("event_type", a->event_type, b->event_type);
	fz_same_str("sub_event_type", a->sub_event_type, b->sub_event_type);
	fz_same_str("place", a->place, b->place);
	fz_same_str("place_text", a->place_text, b->place_text);
	fz_same_str("admin1", a->admin1, b->admin1);
	fz_same_str("country", a->country, b->country);
	fz_same_str("gazetteer_id", a->gazetteer_id, b->gazetteer_id);
	fz_same_str("notes", a->notes, b->notes);
	for (size_t i = 0; i < a->n_actors; i++)
		fz_same_str("actor", a->actors[i], b->actors[i]);
	for (size_t i = 0; i < a->n_sources; i++) {
		fz_same_str("source id", a->sources[i].id, b->sources[i].id);
		fz_same_str("source file", a->sources[i].file, b->sources[i].file);
		fz_same_str("source url", a->sources[i].url, b->sources[i].url);
		fz_same_str("source date", a->sources[i].date, b->sources[i].date);
		fz_same_str("source title", a->sources[i].title, b->sources[i].title);
	}
}

/* Writes inc as one record of format f into memory and reads it back. */
static inline void fz_roundtrip(const im_incident *inc, im_format f)
{
	im_buf b = IM_BUF_INIT;
	im_status st;
	im_error e;
	if (im_io_check(inc, "fuzz", 1, &e) != IM_OK) {
		fprintf(stderr, "the reader let through what the writer refuses: %s\n", e.msg);
		abort();
	}
	if (f == IM_FMT_CSV) {
		st = im_io_csv_header(&b);
		st = st ? st : im_io_csv_row(&b, inc);
	} else {
		st = im_buf_putc(&b, 0x1E);
		st = st ? st : im_io_to_feature(&b, inc);
		st = st ? st : im_buf_putc(&b, '\n');
		if (f == IM_FMT_GEOJSON) { /* a FeatureCollection around it */
			im_buf fc = IM_BUF_INIT;
			st = st ? st : im_buf_puts(&fc, "{\"type\":\"FeatureCollection\",\"features\":[");
			st = st ? st : im_buf_append(&fc, b.p + 1, b.len - 2);
			st = st ? st : im_buf_puts(&fc, "]}");
			im_buf_free(&b);
			b = fc;
		}
	}
	if (st) /* out of memory: nothing to learn */
		goto out;
	im_io_reader *r;
	if (im_io_reader_open_mem("rt", b.p, b.len, f, &r, &e) != IM_OK)
		abort();
	im_incident back;
	im_incident_init(&back);
	int done = 0;
	st = im_io_reader_next(r, &back, &done, &e);
	if (st || done) {
		fprintf(stderr, "cannot read back what was written (%s): %s\n%.*s\n",
			im_format_name(f), st ? e.msg : "no record", (int)(b.len > 4000 ? 4000 : b.len), b.p);
		abort();
	}
	fz_same(inc, &back);
	im_incident_clear(&back);
	st = im_io_reader_next(r, &back, &done, &e);
	if (st || !done) {
		fprintf(stderr, "one record written, more read back (%s)\n", im_format_name(f));
		abort();
	}
	im_io_reader_free(r);
out:
	im_buf_free(&b);
}

/* Reads the input as format f; every incident read goes round each format. */
static inline int fz_run(const uint8_t *data, size_t size, im_format f)
{
	im_set_warn_hook(fz_silent, NULL);
	im_io_reader *r;
	im_error e;
	if (im_io_reader_open_mem("fuzz", data, size, f, &r, &e) != IM_OK)
		return 0;
	im_incident inc;
	im_incident_init(&inc);
	int done = 0;
	for (int n = 0; n < 1000; n++) {
		if (im_io_reader_next(r, &inc, &done, &e) != IM_OK || done)
			break;
		fz_roundtrip(&inc, IM_FMT_GEOJSON);
		fz_roundtrip(&inc, IM_FMT_GEOJSONSEQ);
		fz_roundtrip(&inc, IM_FMT_CSV);
	}
	im_incident_clear(&inc);
	im_io_reader_free(r);
	return 0;
}

#endif
