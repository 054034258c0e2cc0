/* fuzz_article.c: libFuzzer target for the article reader: plain text with
 * the date prefix, and one JSON Lines record. What it takes must be what
 * the extractor expects: valid UTF-8 without NUL, NUL-terminated, a real
 * date or none. */
#include "core/utf8.h"
#include "text/article.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const im_article *a, const char *how)
{
	if (!a->text || !im_utf8_valid(a->text, a->len, NULL) || a->text[a->len] != '\0' ||
	    (a->date.y && !im_date_valid(a->date))) {
		fprintf(stderr, "fuzz: the %s reader let through text or a date the extractor cannot take\n",
			how);
		abort();
	}
}

static void quiet(void *ud, const char *file, long line, const char *msg)
{
	(void)ud;
	(void)file;
	(void)line;
	(void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	im_set_warn_hook(quiet, NULL); /* warnings about the input are expected */
	im_article *a = NULL;
	im_error e;
	im_date d;
	(void)im_article_date_prefix((const char *)data, size, &d);
	if (im_article_from_text("fuzz.txt", (const char *)data, size, &a, &e) == IM_OK) {
		check(a, "text");
		im_article_free(a);
	}
	a = NULL;
	if (im_article_from_jsonl("fuzz.jsonl", 1, (const char *)data, size, &a, &e) == IM_OK) {
		check(a, "JSON Lines");
		im_article_free(a);
	}
	return 0;
}
