/* test_article.c: the article reader: date prefix, files, folders, JSON Lines,
 * and every kind of bad input it must report and skip. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/fsutil.h"
#include "text/article.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[1024];

static void put(const char *name, const char *data, size_t len)
{
	char *p = im_path_join(dir, name);
	FILE *fp = fopen(p, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	fclose(fp);
	free(p);
}

static void test_prefix(void **state)
{
	(void)state;
	im_date d = {0, 0, 0};
	const char *t = " date 2021-12-07 ERBIL (K24) – text";
	size_t n = im_article_date_prefix(t, strlen(t), &d);
	assert_int_equal(n, 17);
	assert_string_equal(t + n, "ERBIL (K24) – text");
	assert_int_equal(d.y, 2021);
	assert_int_equal(d.d, 7);
	const char *no[] = {"date 2021-13-07 x", "dated 2021-12-07 x", "date 2021-12-07x",
			    "The date 2021-12-07 was", "date2021-12-07 x", ""};
	for (size_t i = 0; i < sizeof no / sizeof *no; i++) {
		im_date e = {0, 0, 0};
		assert_int_equal(im_article_date_prefix(no[i], strlen(no[i]), &e), 0);
		assert_int_equal(e.y, 0);
	}
}

static void test_from_text(void **state)
{
	(void)state;
	im_article *a;
	im_error e;
	const char *t = "\xEF\xBB\xBF date 2024-01-04 TEHRAN – Two blasts.";
	assert_int_equal(im_article_from_text("k.txt", t, strlen(t), &a, &e), IM_OK);
	assert_string_equal(a->text, "TEHRAN – Two blasts.");
	assert_int_equal(a->date.m, 1);
	assert_string_equal(a->file, "k.txt");
	im_article_free(a);
	const char *bad = "line one\nline \xFF two";
	assert_int_equal(im_article_from_text("b.txt", bad, strlen(bad), &a, &e), IM_E_PARSE);
	assert_null(a);
	assert_int_equal(e.line, 2);
	assert_int_equal(e.col, 6);
	assert_string_equal(e.file, "b.txt");
	assert_non_null(strstr(e.msg, "UTF-8"));
	assert_int_equal(im_article_from_text("z.bin", "ab\0cd", 5, &a, &e), IM_E_PARSE);
	assert_non_null(strstr(e.msg, "NUL"));
}

/* Reads everything; returns the number of articles, counts errors. */
static size_t drain(const char *const *in, size_t n, size_t *errors, im_article **keep,
		    size_t nkeep, im_error *last)
{
	im_reader *r;
	im_error e;
	assert_int_equal(im_reader_open(in, n, &r, &e), IM_OK);
	size_t got = 0;
	*errors = 0;
	for (int guard = 0; guard < 1000; guard++) {
		im_article *a;
		im_status st = im_reader_next(r, &a, &e);
		if (st) {
			(*errors)++;
			if (last)
				*last = e;
			continue;
		}
		if (!a)
			break;
		if (got < nkeep)
			keep[got] = a;
		else
			im_article_free(a);
		got++;
	}
	assert_int_equal(im_reader_articles(r), got);
	assert_int_equal(im_reader_errors(r), *errors);
	im_reader_free(r);
	return got;
}

static void test_folder(void **state)
{
	(void)state;
	put("b.txt", "Second article.", 15);
	put("a.txt", " date 2022-05-01 First article.", 31);
	put("README.md", "not an article", 14);
	put(".hidden.txt", "hidden", 6);
	put("c", "", 0); /* empty: reported, skipped */
	put("d.txt", "bad \xC3\x28 byte", 11);
	const char *in[] = {dir};
	im_article *keep[4] = {0};
	size_t errors;
	im_error last;
	size_t n = drain(in, 1, &errors, keep, 4, &last);
	assert_int_equal(n, 2);
	assert_int_equal(errors, 2);
	assert_string_equal(keep[0]->text, "First article.");
	assert_int_equal(keep[0]->date.y, 2022);
	assert_string_equal(keep[1]->text, "Second article.");
	assert_int_equal(keep[1]->date.y, 0);
	assert_non_null(strstr(last.file, "d.txt"));
	im_article_free(keep[0]);
	im_article_free(keep[1]);
}

static void test_jsonl(void **state)
{
	(void)state;
	const char *jl =
		"{\"id\":\"r1\",\"date\":\"2021-11-08\",\"title\":\"T\",\"url\":\"u\",\"text\":\"One.\"}\n"
		"\n"
		"not json at all\n"
		"{\"id\":2,\"text\":\"Two.\",\"date\":\"2021-11-08T10:00:00Z\"}\r\n"
		"[1,2]\n"
		"{\"id\":\"r3\"}\n"
		"{\"text\":\"trunc\n"
		"{\"text\":\" date 2020-02-02 Three.\"} trailing\n"
		"{\"text\":\" date 2020-02-02 Four.\", \"date\":\"Monday\"}\n";
	put("w.jsonl", jl, strlen(jl));
	char *p = im_path_join(dir, "w.jsonl");
	const char *in[] = {p};
	im_article *keep[4] = {0};
	size_t errors;
	size_t n = drain(in, 1, &errors, keep, 4, NULL);
	assert_int_equal(n, 3);
	assert_int_equal(errors, 5);
	assert_string_equal(keep[0]->id, "r1");
	assert_string_equal(keep[0]->title, "T");
	assert_int_equal(keep[0]->line, 1);
	assert_int_equal(keep[0]->date.d, 8);
	assert_string_equal(keep[1]->id, "2");
	assert_int_equal(keep[1]->line, 4);
	assert_int_equal(keep[1]->date.m, 11);
	/* A bad "date" member is ignored, the prefix in the text still counts. */
	assert_string_equal(keep[2]->text, "Four.");
	assert_int_equal(keep[2]->date.y, 2020);
	for (int i = 0; i < 3; i++)
		im_article_free(keep[i]);
	free(p);
}

static void test_jsonl_errors_name_lines(void **state)
{
	(void)state;
	const char *jl = "{\"text\":\"ok\"}\n{\"text\": 5}\n";
	put("e.jsonl", jl, strlen(jl));
	char *p = im_path_join(dir, "e.jsonl");
	const char *in[] = {p};
	size_t errors;
	im_error last;
	im_article *keep[1] = {0};
	assert_int_equal(drain(in, 1, &errors, keep, 1, &last), 1);
	im_article_free(keep[0]);
	assert_int_equal(errors, 1);
	assert_int_equal(last.line, 2);
	assert_non_null(strstr(last.msg, "\"text\""));
	free(p);
}

static void test_huge_line(void **state)
{
	(void)state;
	size_t big = IM_MAX_JSONL_LINE + 100;
	char *s = malloc(big + 64);
	strcpy(s, "{\"text\":\"");
	memset(s + 9, 'a', big);
	strcpy(s + 9 + big, "\"}\n{\"text\":\"after\"}\n");
	put("h.jsonl", s, strlen(s));
	free(s);
	char *p = im_path_join(dir, "h.jsonl");
	const char *in[] = {p};
	size_t errors;
	im_error last;
	im_article *keep[1] = {0};
	assert_int_equal(drain(in, 1, &errors, keep, 1, &last), 1);
	assert_int_equal(errors, 1);
	assert_int_equal(last.code, IM_E_TOO_LARGE);
	assert_int_equal(last.line, 1);
	assert_string_equal(keep[0]->text, "after");
	assert_int_equal(keep[0]->line, 2);
	im_article_free(keep[0]);
	free(p);
}

static void test_missing_inputs(void **state)
{
	(void)state;
	char *empty = im_path_join(dir, "emptydir");
	im_error e;
	assert_int_equal(im_mkdir_p(empty, &e), IM_OK);
	const char *in[] = {"/no/such/file.txt", empty};
	size_t errors;
	im_error last;
	assert_int_equal(drain(in, 2, &errors, NULL, 0, &last), 0);
	assert_int_equal(errors, 2);
	assert_non_null(strstr(last.msg, "no article"));
	free(empty);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "%s/article-%d", INCIMAP_TEST_TMP, (int)getpid());
	im_error e;
	return im_mkdir_p(dir, &e) == IM_OK ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prefix),
		cmocka_unit_test(test_from_text),
		cmocka_unit_test(test_folder),
		cmocka_unit_test(test_jsonl),
		cmocka_unit_test(test_jsonl_errors_name_lines),
		cmocka_unit_test(test_huge_line),
		cmocka_unit_test(test_missing_inputs),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
