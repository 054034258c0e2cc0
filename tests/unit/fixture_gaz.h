/* fixture_gaz.h: the extraction tests' gazetteer (included by each test that
 * reads whole reports; cmocka first). */
#ifndef IM_TEST_FIXTURE_GAZ_H
#define IM_TEST_FIXTURE_GAZ_H

#include "core/fsutil.h"
#include "gazetteer/gazetteer.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Copies the n named files of tests/fixtures/extract/gaz to a scratch folder
 * STEM-PID under $INCIMAP_TEST_TMP (the index is written beside the
 * sources) and opens it into *out: a cmocka setup's 0, or -1. */
static int fixture_gaz_open(const char *stem, const char *const *files, size_t n, im_gaz **out)
{
	char dir[1024], src[1024];
	snprintf(dir, sizeof dir, "%s/%s-%ld", INCIMAP_TEST_TMP, stem, (long)getpid());
	snprintf(src, sizeof src, "%s/tests/fixtures/extract/gaz", INCIMAP_SOURCE_DIR);
	im_error e;
	if (im_mkdir_p(dir, &e))
		return -1;
	for (size_t i = 0; i < n; i++) {
		char *from = im_path_join(src, files[i]), *to = im_path_join(dir, files[i]);
		char *data = NULL;
		size_t len;
		int bad = im_read_file(from, 0, &data, &len, &e) ||
		          im_write_file_atomic(to, data, len, &e);
		free(data);
		free(from);
		free(to);
		if (bad)
			return -1;
	}
	return im_gaz_open(dir, out, &e) ? -1 : 0;
}

#endif
