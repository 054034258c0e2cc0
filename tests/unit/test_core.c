/* test_core.c: dates, buffers and escaping, UTF-8 checks, atomic files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/fsutil.h"
#include "core/im.h"
#include "core/utf8.h"
#include "model/incident.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void test_date_parse(void **state)
{
	(void)state;
	im_date d;
	assert_true(im_date_parse_iso("2021-12-07", 10, &d));
	assert_int_equal(d.y, 2021);
	assert_int_equal(d.m, 12);
	assert_int_equal(d.d, 7);
	assert_true(im_date_parse_iso("2024-02-29", 10, &d));
	assert_false(im_date_parse_iso("2023-02-29", 10, &d));
	assert_false(im_date_parse_iso("2021-13-01", 10, &d));
	assert_false(im_date_parse_iso("2021-00-10", 10, &d));
	assert_false(im_date_parse_iso("2021-1-07", 9, &d));
	assert_false(im_date_parse_iso("20x1-12-07", 10, &d));
	assert_false(im_date_parse_iso("0999-12-07", 10, &d));
	char buf[11];
	im_date_format((im_date){2021, 3, 4}, buf);
	assert_string_equal(buf, "2021-03-04");
}

static void test_date_arith(void **state)
{
	(void)state;
	assert_int_equal(im_date_to_days((im_date){1970, 1, 1}), 0);
	assert_int_equal(im_date_weekday((im_date){2021, 12, 7}), 1); /* Tuesday */
	assert_int_equal(im_date_weekday((im_date){2024, 1, 4}), 3);  /* Thursday */
	assert_int_equal(im_date_weekday((im_date){1969, 12, 31}), 2);
	im_date d = im_date_add_days((im_date){2024, 3, 1}, -1);
	assert_int_equal(d.m, 2);
	assert_int_equal(d.d, 29);
	d = im_date_add_days((im_date){2021, 12, 31}, 1);
	assert_int_equal(d.y, 2022);
	assert_int_equal(d.m, 1);
	assert_int_equal(d.d, 1);
	for (long k = -700000; k < 2900000; k += 997) {
		im_date x = im_date_from_days(k);
		assert_true(im_date_valid(x));
		assert_int_equal(im_date_to_days(x), k);
	}
}

static void test_buf_cap(void **state)
{
	(void)state;
	im_buf b = IM_BUF_INIT;
	b.max = 8;
	assert_int_equal(im_buf_puts(&b, "12345678"), IM_OK);
	assert_int_equal(im_buf_putc(&b, 'x'), IM_E_TOO_LARGE);
	assert_int_equal(b.len, 8);
	assert_string_equal(b.p, "12345678");
	im_buf_free(&b);
}

static void test_grow(void **state)
{
	(void)state;
	long *v = NULL;
	size_t cap = 0;
	assert_int_equal(im_grow(&v, &cap, 0, sizeof *v), IM_OK);
	assert_null(v); /* nothing needed, nothing allocated */
	assert_int_equal(im_grow(&v, &cap, 1, sizeof *v), IM_OK);
	assert_non_null(v);
	assert_int_equal(cap, 16);
	for (long i = 0; i < 16; i++)
		v[i] = i;
	long *before = v;
	assert_int_equal(im_grow(&v, &cap, 16, sizeof *v), IM_OK);
	assert_ptr_equal(v, before); /* room enough: untouched */
	assert_int_equal(im_grow(&v, &cap, 17, sizeof *v), IM_OK);
	assert_int_equal(cap, 32); /* doubled */
	assert_int_equal(im_grow(&v, &cap, 100, sizeof *v), IM_OK);
	assert_int_equal(cap, 128); /* doubled until it holds 100 */
	for (long i = 0; i < 16; i++)
		assert_int_equal(v[i], i); /* the contents kept */
	/* past a size_t: refused, the array as it was */
	before = v;
	assert_int_equal(im_grow(&v, &cap, SIZE_MAX / sizeof *v + 1, sizeof *v), IM_E_TOO_LARGE);
	assert_ptr_equal(v, before);
	assert_int_equal(cap, 128);
	assert_int_equal(v[15], 15);
	free(v);
}

static void test_json_escape(void **state)
{
	(void)state;
	im_buf b = IM_BUF_INIT;
	im_buf_json_str(&b, "a\"b\\c\n\x01 Makhm\xC5\xABr \xD8\xA8");
	assert_string_equal(b.p, "\"a\\\"b\\\\c\\n\\u0001 Makhm\xC5\xABr \xD8\xA8\"");
	im_buf_reset(&b);
	im_buf_json_strn(&b, "x\xFFy", 3); /* invalid byte -> U+FFFD */
	assert_string_equal(b.p, "\"x\xEF\xBF\xBDy\"");
	im_buf_reset(&b);
	im_buf_json_str(&b, NULL);
	assert_string_equal(b.p, "null");
	im_buf_free(&b);
}

static void test_csv_field(void **state)
{
	(void)state;
	im_buf b = IM_BUF_INIT;
	im_buf_csv_field(&b, "plain");
	im_buf_putc(&b, ',');
	im_buf_csv_field(&b, "a,b");
	im_buf_putc(&b, ',');
	im_buf_csv_field(&b, "say \"hi\"");
	im_buf_putc(&b, ',');
	im_buf_csv_field(&b, "two\nlines");
	assert_string_equal(b.p, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"");
	im_buf_free(&b);
}

static void test_num(void **state)
{
	(void)state;
	im_buf b = IM_BUF_INIT;
	im_buf_num(&b, 47.8100001, 6);
	im_buf_putc(&b, ' ');
	im_buf_num(&b, -0.0000001, 6);
	im_buf_putc(&b, ' ');
	im_buf_num(&b, 30.5, 6);
	im_buf_putc(&b, ' ');
	im_buf_num(&b, 180, 6);
	assert_string_equal(b.p, "47.81 0 30.5 180");
	im_buf_free(&b);
}

static void test_utf8(void **state)
{
	(void)state;
	size_t bad;
	assert_true(im_utf8_valid("abc \xD8\xA8\xD8\xB5\xD8\xB1\xD8\xA9", 12, &bad));
	assert_false(im_utf8_valid("ab\xC0\xAF", 4, &bad)); /* overlong */
	assert_int_equal(bad, 2);
	assert_false(im_utf8_valid("\xED\xA0\x80", 3, &bad)); /* surrogate */
	assert_false(im_utf8_valid("\xF4\x90\x80\x80", 4, &bad)); /* > U+10FFFF */
	assert_false(im_utf8_valid("a\0b", 3, &bad));
	assert_int_equal(bad, 1);
	assert_false(im_utf8_valid("\xE2\x82", 2, &bad)); /* truncated */
	long line, col;
	im_text_pos("ab\ncd\nef", 7, &line, &col);
	assert_int_equal(line, 3);
	assert_int_equal(col, 2);
}

/* im_utf8_valid reads ASCII eight bytes at a time: a NUL, a stray
 * continuation byte or a valid sequence at each offset of a long run is
 * found where it is (the bad ones) or passed (the good one). */
static void test_utf8_long(void **state)
{
	(void)state;
	char s[40];
	size_t bad;
	for (size_t at = 0; at + 2 <= sizeof s; at++) {
		memset(s, 'a', sizeof s);
		s[at] = '\0';
		assert_false(im_utf8_valid(s, sizeof s, &bad));
		assert_int_equal(bad, at);
		s[at] = (char)0x80;
		assert_false(im_utf8_valid(s, sizeof s, &bad));
		assert_int_equal(bad, at);
		s[at] = (char)0xC3; /* é */
		s[at + 1] = (char)0xA9;
		assert_true(im_utf8_valid(s, sizeof s, &bad));
	}
}

static char *tmpdir(const char *name)
{
	static char buf[1024];
	snprintf(buf, sizeof buf, "%s/core-%s-%d", INCIMAP_TEST_TMP, name, (int)getpid());
	im_error e;
	assert_int_equal(im_mkdir_p(buf, &e), IM_OK);
	return buf;
}

static int count_files(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *de;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void test_afile(void **state)
{
	(void)state;
	char *dir = tmpdir("afile");
	char *path = im_path_join(dir, "out.txt");
	im_error e;
	assert_int_equal(im_write_file_atomic(path, "first", 5, &e), IM_OK);
	/* An aborted rewrite leaves the previous content and no temp file. */
	im_afile *f;
	assert_int_equal(im_afile_open(path, &f, &e), IM_OK);
	fputs("half-writ", im_afile_fp(f));
	fflush(im_afile_fp(f));
	assert_int_equal(count_files(dir), 2);
	im_afile_abort(f);
	assert_int_equal(count_files(dir), 1);
	char *data;
	size_t len;
	assert_int_equal(im_read_file(path, 0, &data, &len, &e), IM_OK);
	assert_string_equal(data, "first");
	free(data);
	/* A committed one replaces it. */
	assert_int_equal(im_afile_open(path, &f, &e), IM_OK);
	fputs("second", im_afile_fp(f));
	assert_int_equal(im_afile_commit(f, &e), IM_OK);
	assert_int_equal(im_read_file(path, 0, &data, &len, &e), IM_OK);
	assert_string_equal(data, "second");
	free(data);
	/* Read cap and folder errors. */
	assert_int_equal(im_read_file(path, 3, &data, &len, &e), IM_E_TOO_LARGE);
	assert_null(data);
	assert_int_equal(im_read_file(dir, 0, &data, &len, &e), IM_E_IO);
	assert_non_null(strstr(e.msg, "folder"));
	/* Unwritable place. */
	assert_int_equal(im_afile_open("/nonexistent-dir/x.txt", &f, &e), IM_E_IO);
	assert_string_equal(e.file, "/nonexistent-dir/x.txt");
	unlink(path);
	free(path);
}

static void test_error_print(void **state)
{
	(void)state;
	im_error e;
	im_error_set(&e, IM_E_PARSE, "a.json", 3, 7, "bad %s", "thing");
	char buf[256] = "";
	FILE *fp = fmemopen(buf, sizeof buf, "w");
	im_error_print(&e, fp);
	fclose(fp);
	assert_string_equal(buf, "incimap: a.json:3:7: bad thing\n");
}

static void test_incident_copy(void **state)
{
	(void)state;
	im_incident a, b;
	im_incident_init(&a);
	im_set_str(&a.place, "Basra");
	im_incident_add_actor(&a, "Islamic State");
	im_incident_add_actor(&a, "Islamic State");
	im_source s = {.id = "x1", .file = "f.txt", .date = "2021-12-07"};
	im_incident_add_source(&a, &s);
	a.fatalities = 4;
	assert_int_equal(a.n_actors, 1);
	assert_int_equal(im_incident_copy(&b, &a), IM_OK);
	im_incident_clear(&a);
	assert_string_equal(b.place, "Basra");
	assert_string_equal(b.sources[0].file, "f.txt");
	assert_int_equal(b.fatalities, 4);
	assert_int_equal(b.injuries, IM_NULL_INT);
	im_incident_list l = {0};
	assert_int_equal(im_list_push(&l, &b), IM_OK);
	assert_null(b.place);
	im_list_clear(&l);
	char id1[20], id2[20];
	im_make_id("abc", 3, id1);
	im_make_id("abd", 3, id2);
	assert_string_not_equal(id1, id2);
	assert_int_equal(strlen(id1), 19);
}

/* The same report re-saved (other line ends, spacing, case, a no-break
 * space) hashes alike; another word does not. */
static void test_text_hash(void **state)
{
	(void)state;
	char a[20], b[20], c[20];
	const char *one = "Gunmen killed 3 in Basra.\nPolice said so.";
	const char *two = "  gunmen  KILLED 3 in\xc2\xa0" "Basra.\r\n\r\nPolice said so. \n";
	im_text_hash(one, strlen(one), a);
	im_text_hash(two, strlen(two), b);
	assert_string_equal(a, b);
	im_text_hash("Gunmen killed 4 in Basra.", 25, c);
	assert_string_not_equal(a, c);
	im_text_hash("Gunmenkilled 3 in Basra.\nPolice said so.", 40, c);
	assert_string_not_equal(a, c); /* a space is not nothing */
	assert_int_equal(strlen(a), 19);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_parse),   cmocka_unit_test(test_date_arith),
		cmocka_unit_test(test_buf_cap),      cmocka_unit_test(test_json_escape),
		cmocka_unit_test(test_csv_field),    cmocka_unit_test(test_num),
		cmocka_unit_test(test_utf8),         cmocka_unit_test(test_utf8_long),         cmocka_unit_test(test_afile),
		cmocka_unit_test(test_error_print),  cmocka_unit_test(test_incident_copy),
		cmocka_unit_test(test_text_hash),    cmocka_unit_test(test_grow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
