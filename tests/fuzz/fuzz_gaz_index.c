/* fuzz_gaz_index.c: libFuzzer target for the compiled gazetteer index
 * opener: a damaged index (a disk error, a file cut short, another
 * program's bytes) must be refused or give wrong answers, never a read
 * outside the map. The first byte picks how the input is used: odd, the
 * input itself is the index; even, it is a list of edits (8 bytes each: a
 * 32-bit offset and a 32-bit value, or a cut) applied to the index of the
 * fixture gazetteer compiled at start and sealed again (a fresh checksum),
 * so the fuzzer explores indexes whose header is good but whose insides
 * lie, as a faulty index builder could write them. Every query the tool makes
 * is then run on what gaz_attach took. */
#include "fuzz_util.h"
#include "gazetteer/gaz_int.h"

static void *good;
static size_t good_size;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	im_set_warn_hook(fz_quiet, NULL);
	im_error e;
	if (gaz_compile(INCIMAP_SOURCE_DIR "/tests/fixtures/gaz", &good, &good_size, &e) != IM_OK) {
		fprintf(stderr, "fuzz_gaz_index: %s\n", e.msg);
		abort();
	}
	return 0;
}

static const char *const names[] = {"Basra", "Basrah", "al-Basrah", "Kirkuk", "Makhmour",
				    "Mexmur", "Kerman", "Iraq", "Baghdad", "البصرة", "x", "",
				    "Erbil", "Mosul", "Sulaymaniyah", NULL};

static void query(const im_gaz *g)
{
	size_t n = im_gaz_count(g);
	size_t sum = 0;
	im_place p;
	for (uint32_t i = 0; i < n && i < 4096; i++) {
		gaz_fill_place(g, i, &p);
		sum += strlen(p.id) + strlen(p.name) + strlen(p.admin1) + strlen(im_kind_name(p.kind));
		/* every place is found by its own id and name (or the index lies,
		 * which is allowed, but must stay inside the map) */
		(void)im_gaz_get(g, p.id, NULL);
		im_place seat;
		if (im_gaz_seat_of(g, &p, &seat))
			sum += strlen(seat.name) + strlen(seat.admin1);
		im_gaz_cand c[4];
		size_t k = im_gaz_lookup(g, p.name, strlen(p.name), NULL, c, 4);
		for (size_t j = 0; j < k && j < 4; j++) {
			char why[160];
			im_gaz_why(&c[j], why, sizeof why);
			sum += strlen(c[j].place.name) + strlen(why);
		}
	}
	im_gaz_ctx ctx;
	memset(&ctx, 0, sizeof ctx);
	ctx.countries[0] = "IQ";
	ctx.country_w[0] = 1;
	ctx.n_countries = 1;
	ctx.admin1[0] = "Basra";
	ctx.n_admin1 = 1;
	ctx.has_near = 1;
	ctx.near_lat = 30.5;
	ctx.near_lon = 47.8;
	for (size_t i = 0; names[i]; i++) {
		im_gaz_cand c[8];
		size_t k = im_gaz_lookup(g, names[i], strlen(names[i]), &ctx, c, 8);
		for (size_t j = 0; j < k && j < 8; j++) {
			char why[160];
			im_gaz_why(&c[j], why, sizeof why);
			sum += strlen(c[j].place.id) + strlen(c[j].place.admin1) + strlen(why);
		}
		sum += (size_t)im_gaz_known(g, names[i], strlen(names[i]));
		sum += (size_t)im_gaz_get(g, names[i], &p);
	}
	sum += (size_t)im_gaz_get(g, "98182", &p) + (size_t)im_gaz_get(g, "gn:98182", &p);
	im_place box[32];
	for (int across = 0; across < 2; across++) {
		size_t k = across ? im_gaz_in_bbox(g, 170, -90, -170, 90, 1, box, 32)
				  : im_gaz_in_bbox(g, -180, -90, 180, 90, 0, box, 32);
		for (size_t j = 0; j < k && j < 32; j++)
			sum += strlen(box[j].name);
	}
	for (int a = 'A'; a <= 'Z'; a++)
		for (int b = 'A'; b <= 'Z'; b++) {
			char cc[3] = {(char)a, (char)b, 0};
			const char *nm = im_gaz_country_name(g, cc);
			sum += nm ? strlen(nm) : 0;
		}
	if (sum == (size_t)-1)
		fprintf(stderr, "unlikely\n"); /* keeps the reads from being optimised away */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > (1u << 22))
		return 0;
	unsigned char *blob;
	size_t n;
	if (data[0] & 1) {
		n = size - 1;
		blob = malloc(n ? n : 1); /* malloc's alignment, as mmap's */
		if (!blob)
			return 0;
		memcpy(blob, data + 1, n);
	} else {
		n = good_size;
		blob = malloc(n);
		if (!blob)
			return 0;
		memcpy(blob, good, n);
		for (size_t i = 1; i + 8 <= size; i += 8) {
			uint32_t off, val;
			memcpy(&off, data + i, 4);
			memcpy(&val, data + i + 4, 4);
			if (off == 0xffffffffu) { /* a cut: the file ends early */
				n = val % (n + 1);
				continue;
			}
			if (n >= 4)
				memcpy(blob + off % (n - 3), &val, 4);
		}
		/* exactly n bytes, so a read past a cut end is caught */
		unsigned char *cut = malloc(n ? n : 1);
		if (!cut) {
			free(blob);
			return 0;
		}
		memcpy(cut, blob, n);
		free(blob);
		blob = cut;
		if (n >= sizeof(gaz_hdr) && n % 8 == 0)
			gaz_seal(blob, n);
	}
	im_gaz g;
	memset(&g, 0, sizeof g);
	if (gaz_attach(&g, blob, n))
		query(&g);
	free(blob);
	return 0;
}
