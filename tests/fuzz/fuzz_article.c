/* fuzz_article.c: libFuzzer target for the article reader: plain text with
 * the date prefix, and one JSON Lines record. */
#include "text/article.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	im_article *a = NULL;
	im_error e;
	im_date d;
	(void)im_article_date_prefix((const char *)data, size, &d);
	if (im_article_from_text("fuzz.txt", (const char *)data, size, &a, &e) == IM_OK)
		im_article_free(a);
	a = NULL;
	if (im_article_from_jsonl("fuzz.jsonl", 1, (const char *)data, size, &a, &e) == IM_OK)
		im_article_free(a);
	return 0;
}
