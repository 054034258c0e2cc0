/* fuzz_pgrow.c: libFuzzer target for what incimap reads back from PostGIS,
 * without a server. The input is a row as the table gives it, one cell a
 * line ("\N" for null; geom as hex EWKB, then the other columns of
 * IM_STORE_COLS): decoding it must fail cleanly or give an incident that
 * survives a round trip through every writer. The same input is also a
 * target to split into libpq's connection string and a table (the table
 * must come out a plain name) and to show without its password. */
#include "fuzz_io_common.h"
#include "io/pg.h"

#define N_CELLS 19

static void check_row(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return;
	memcpy(text, data, size);
	text[size] = '\0';
	const char *cells[N_CELLS] = {0};
	char *p = text;
	for (int i = 0; i < N_CELLS && p; i++) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		cells[i] = strcmp(p, "\\N") == 0 ? NULL : p;
		p = nl ? nl + 1 : NULL;
	}
	im_incident inc;
	im_incident_init(&inc);
	im_error e;
	if (im_pg_row_decode("fuzz", cells, &inc, &e) == IM_OK) {
		fz_roundtrip(&inc, IM_FMT_GEOJSON);
		fz_roundtrip(&inc, IM_FMT_GEOJSONSEQ);
		fz_roundtrip(&inc, IM_FMT_CSV);
	} else if (!e.msg[0]) {
		fprintf(stderr, "a row refused without a message\n");
		abort();
	}
	im_incident_clear(&inc);
	free(text);
}

static void check_target(const uint8_t *data, size_t size)
{
	char *target = malloc(size + 1);
	if (!target)
		return;
	memcpy(target, data, size);
	target[size] = '\0';
	im_buf conninfo = IM_BUF_INIT;
	char table[IM_PG_TABLE_MAX + 1];
	im_error e;
	if (im_pg_split_target(target, &conninfo, table, &e) == IM_OK) {
		size_t n = strlen(table);
		if (n == 0 || n > IM_PG_TABLE_MAX ||
		    strspn(table, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"
		                  "KLMNOPQRSTUVWXYZ0123456789_") != n) {
			fprintf(stderr, "not a plain table name: [%s]\n", table);
			abort();
		}
	}
	im_buf_free(&conninfo);
	size_t before = strlen(target);
	im_pg_hide_password(target);
	if (strlen(target) > before) {
		fprintf(stderr, "hiding the password made the target longer\n");
		abort();
	}
	for (const char *q = strstr(target, "password="); q; q = strstr(q + 9, "password="))
		if (q[9] && q[9] != ' ' && q[9] != '&') {
			fprintf(stderr, "a password is still shown: [%s]\n", target);
			abort();
		}
	free(target);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	im_set_warn_hook(fz_silent, NULL);
	check_row(data, size);
	check_target(data, size);
	return 0;
}
