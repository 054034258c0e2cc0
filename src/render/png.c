/* png.c: writes the map's pixels as a PNG. The two halves of the image are
 * deflated at once on two threads (each a run of whole deflate blocks, as
 * pigz does), because compressing a map takes longer than drawing it; the
 * bytes do not depend on how many cores there are. */
#include "render_int.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define PARTS 2

typedef struct part {
	const unsigned char *data; /* cairo RGB24 rows */
	int stride, w, y0, y1;
	int last;                  /* the last part ends the deflate stream */
	unsigned char *out;        /* raw deflate */
	size_t nout;
	uLong adler;
	size_t nraw;
	int failed;
} part;

/* Deflates rows y0..y1 as PNG scanlines (filter byte 0, then R G B). The
 * flat colours of a map compress best unfiltered; zlib's level 2 takes a
 * third of level 6's time for 5-9% more bytes (level 3: 2% fewer bytes,
 * 5-10% more time; compressing is the costliest part of a small map). */
static void *deflate_part(void *arg)
{
	part *p = arg;
	size_t row = 1 + 3 * (size_t)p->w;
	unsigned char *line = malloc(row);
	z_stream z;
	memset(&z, 0, sizeof z);
	if (!line || deflateInit2(&z, 2, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
		free(line);
		p->failed = 1;
		return NULL;
	}
	size_t cap = deflateBound(&z, (uLong)(row * (size_t)(p->y1 - p->y0))) + 64;
	p->out = malloc(cap);
	p->adler = adler32(0, NULL, 0);
	if (!p->out) {
		deflateEnd(&z);
		free(line);
		p->failed = 1;
		return NULL;
	}
	z.next_out = p->out;
	z.avail_out = (uInt)cap;
	for (int y = p->y0; y < p->y1 && !p->failed; y++) {
		/* CAIRO_FORMAT_RGB24: one native-endian 32-bit word, 0x00RRGGBB. */
		const uint32_t *px = (const uint32_t *)(p->data + (size_t)y * (size_t)p->stride);
		line[0] = 0;
		for (int x = 0; x < p->w; x++) {
			line[1 + 3 * x] = (unsigned char)(px[x] >> 16);
			line[2 + 3 * x] = (unsigned char)(px[x] >> 8);
			line[3 + 3 * x] = (unsigned char)px[x];
		}
		p->adler = adler32(p->adler, line, (uInt)row);
		p->nraw += row;
		z.next_in = line;
		z.avail_in = (uInt)row;
		int flush = y + 1 < p->y1 ? Z_NO_FLUSH : p->last ? Z_FINISH : Z_SYNC_FLUSH;
		int rc = deflate(&z, flush);
		if (rc == Z_STREAM_ERROR || z.avail_in)
			p->failed = 1;
	}
	if (p->y0 == p->y1 && p->last) /* an empty last part still ends the stream */
		p->failed |= deflate(&z, Z_FINISH) != Z_STREAM_END;
	p->nout = cap - z.avail_out;
	deflateEnd(&z);
	free(line);
	return NULL;
}

static void put32(unsigned char *b, uint32_t v)
{
	b[0] = (unsigned char)(v >> 24);
	b[1] = (unsigned char)(v >> 16);
	b[2] = (unsigned char)(v >> 8);
	b[3] = (unsigned char)v;
}

/* One chunk: length, type, data, CRC of type and data. */
static int chunk(FILE *fp, const char *type, const unsigned char *data, size_t n)
{
	unsigned char head[8], tail[4];
	put32(head, (uint32_t)n);
	memcpy(head + 4, type, 4);
	uLong crc = crc32(0, head + 4, 4);
	if (n)
		crc = crc32(crc, data, (uInt)n);
	put32(tail, (uint32_t)crc);
	return fwrite(head, 1, 8, fp) == 8 && (!n || fwrite(data, 1, n, fp) == n) &&
	       fwrite(tail, 1, 4, fp) == 4;
}

im_status rpng_write(cairo_surface_t *sf, double dpi, FILE *fp, const char *path, im_error *err)
{
	cairo_surface_flush(sf);
	int w = cairo_image_surface_get_width(sf), h = cairo_image_surface_get_height(sf);
	const unsigned char *data = cairo_image_surface_get_data(sf);
	if (!data || w <= 0 || h <= 0)
		return im_error_set(err, IM_E_RENDER, path, 0, 0, "no image to write");
	part parts[PARTS];
	memset(parts, 0, sizeof parts);
	for (int i = 0; i < PARTS; i++) {
		parts[i].data = data;
		parts[i].stride = cairo_image_surface_get_stride(sf);
		parts[i].w = w;
		parts[i].y0 = (int)((long)h * i / PARTS);
		parts[i].y1 = (int)((long)h * (i + 1) / PARTS);
		parts[i].last = i == PARTS - 1;
	}
	/* The first half on a thread of its own; on one core (or when a thread
	 * cannot start) the same work one after the other, the same bytes. */
	pthread_t th;
	int threaded = pthread_create(&th, NULL, deflate_part, &parts[0]) == 0;
	if (!threaded)
		deflate_part(&parts[0]);
	for (int i = 1; i < PARTS; i++)
		deflate_part(&parts[i]);
	if (threaded)
		pthread_join(th, NULL);

	im_status st = IM_OK;
	int failed = 0;
	for (int i = 0; i < PARTS; i++)
		failed |= parts[i].failed;
	if (failed) {
		st = im_error_set(err, IM_E_NOMEM, path, 0, 0, "out of memory compressing the PNG");
		goto done;
	}
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	unsigned char ihdr[13], phys[9], zhead[2] = {0x78, 0x5e}, ztail[4];
	put32(ihdr, (uint32_t)w);
	put32(ihdr + 4, (uint32_t)h);
	ihdr[8] = 8;  /* bits per channel */
	ihdr[9] = 2;  /* RGB */
	ihdr[10] = 0; /* deflate */
	ihdr[11] = 0; /* adaptive filtering (each row says its filter) */
	ihdr[12] = 0; /* not interlaced */
	/* The resolution, so the map prints at its intended size. */
	uint32_t ppm = (uint32_t)lround(dpi / 0.0254);
	put32(phys, ppm);
	put32(phys + 4, ppm);
	phys[8] = 1; /* per metre */
	uLong adler = parts[0].adler;
	for (int i = 1; i < PARTS; i++)
		adler = adler32_combine(adler, parts[i].adler, (z_off_t)parts[i].nraw);
	put32(ztail, (uint32_t)adler);
	/* The zlib stream (header, the parts, checksum) over IDAT chunks of at
	 * most 1 MB. */
	size_t total = 2 + 4;
	for (int i = 0; i < PARTS; i++)
		total += parts[i].nout;
	unsigned char *z = malloc(total);
	if (!z) {
		st = im_error_set(err, IM_E_NOMEM, path, 0, 0, "out of memory writing the PNG");
		goto done;
	}
	size_t k = 0;
	memcpy(z, zhead, 2), k = 2;
	for (int i = 0; i < PARTS; i++)
		memcpy(z + k, parts[i].out, parts[i].nout), k += parts[i].nout;
	memcpy(z + k, ztail, 4), k += 4;
	int ok = fwrite(sig, 1, 8, fp) == 8 && chunk(fp, "IHDR", ihdr, 13) &&
		 chunk(fp, "pHYs", phys, 9);
	for (size_t at = 0; ok && at < k; at += 1 << 20)
		ok = chunk(fp, "IDAT", z + at, k - at < (1 << 20) ? k - at : 1 << 20);
	ok = ok && chunk(fp, "IEND", NULL, 0);
	int e = errno; /* why the write failed (a full disk: ENOSPC) */
	free(z);
	if (!ok || ferror(fp))
		st = im_error_set(err, IM_E_IO, path, 0, 0, "cannot write the map: %s",
		                  strerror(e ? e : EIO));
done:
	for (int i = 0; i < PARTS; i++)
		free(parts[i].out);
	return st;
}
