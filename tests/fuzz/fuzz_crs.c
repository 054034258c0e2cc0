/* fuzz_crs.c: libFuzzer target for --crs: any string is either refused
 * with a message or gives a projection that points go through (a point
 * PROJ cannot project comes back as HUGE_VAL, never as garbage). And when
 * the input is a --bbox that the option parser takes, the CRS incimap
 * chooses for that box must be one PROJ accepts. */
#include "fuzz_util.h"
#include "core/opt.h"
#include "render/render_int.h"

#include <math.h>

static void check_points(rproj *p, const char *what)
{
	double x[25], y[25];
	for (int i = 0; i < 25; i++) {
		x[i] = -180 + 90 * (i % 5);
		y[i] = -90 + 45 * (i / 5);
	}
	size_t bad = rproj_fwd(p, x, y, 25);
	if (bad > 25)
		FZ_BUG("%s: rproj_fwd counted %zu failures of 25", what, bad);
	double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;
	for (int i = 0; i < 25; i++) {
		if ((x[i] == HUGE_VAL) != (y[i] == HUGE_VAL) ||
		    (x[i] != HUGE_VAL && (!isfinite(x[i]) || !isfinite(y[i]))))
			FZ_BUG("%s: a point came out as (%g, %g)", what, x[i], y[i]);
		if (x[i] != HUGE_VAL) {
			x0 = fmin(x0, x[i]), x1 = fmax(x1, x[i]);
			y0 = fmin(y0, y[i]), y1 = fmax(y1, y[i]);
		}
	}
	if (x0 != HUGE_VAL) {
		rview v;
		im_rbox box = {10, 10, 500, 300};
		rview_fit(&v, p, x0, y0, x1, y1, box);
	}
	rproj_inv(p, x, y, 25);
	(void)rproj_dist(p, 44.0, 33.0, 47.8, 30.5);
}

/* One PROJ context for the whole run, its database opened once: a fresh
 * one per input (as a render makes) costs a hundred times the parse. */
static PJ_CONTEXT *ctx;

static void quiet_proj(void *ud, int level, const char *msg)
{
	(void)ud;
	(void)level;
	(void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!ctx) {
		if (!(ctx = proj_context_create()))
			abort();
		proj_log_func(ctx, NULL, quiet_proj);
	}
	if (size > 1024)
		return 0;
	char *s = fz_str(data, size);
	rproj p;
	im_error e;
	double b[4];
	if (im_opt_bbox(s, b)) {
		char def[512];
		double e_ = b[2] < b[0] ? b[2] + 360 : b[2];
		rproj_choose(b[0], b[1], e_, b[3], def, sizeof def);
		if (rproj_open_in(&p, ctx, def, "CRS", &e) != IM_OK)
			FZ_BUG("the CRS chosen for --bbox %s is refused: %s", s, e.msg);
		check_points(&p, def);
		rproj_close(&p);
	}
	if (rproj_open_in(&p, ctx, s, "--crs", &e) == IM_OK) {
		check_points(&p, s);
		rproj_close(&p);
	} else if (!e.msg[0]) {
		FZ_BUG("--crs refused '%s' without a message", s);
	}
	free(s);
	return 0;
}
