/* render_int.h: what the files of the render stage share (and what the tests
 * may look at); not part of the public interface in render.h. */
#ifndef IM_RENDER_INT_H
#define IM_RENDER_INT_H

#include "render.h"
#include "../style/style.h"
#include "../core/buf.h"

#include <cairo.h>
#include <pango/pangocairo.h>
#include <proj.h>
#include <shapefil.h>

/* ---- what a render leaves for the tests ---------------------------------- */

/* A box on the page, in output units (pixels for PNG, points for PDF/SVG). */
typedef struct im_rbox {
	double x0, y0, x1, y1;
} im_rbox;

typedef enum im_rlabel_kind {
	IM_RLABEL_INCIDENT,
	IM_RLABEL_CITY,
	IM_RLABEL_COUNTRY,
	IM_RLABEL_PROVINCE,
	IM_RLABEL_COUNT       /* the figure of a shaded province (admin1) */
} im_rlabel_kind;

/* Filled by im_render_run when the caller passes one; free with
 * im_render_info_free. Everything here is owned by the info. */
typedef struct im_render_info {
	char crs[512];       /* PROJ definition of the map's CRS */
	double page_w, page_h;
	double units_per_mm;
	im_rbox frame;       /* the map frame on the page */
	/* map x/y (the CRS's easting/northing) to page units:
	 * u = ox + k * x, v = oy - k * y */
	double ox, oy, k;
	im_rbox *labels;     /* every placed label (halo included) */
	im_rlabel_kind *label_kind;
	size_t n_labels;
	im_rbox *symbols;    /* every incident and city symbol: the square around
			      * it (its centre is the symbol's), edge included */
	int *symbol_shape;   /* its shape: an im_shape, -1 for a city (a circle) */
	double *symbol_d;    /* its outline's size: 1 em of rshape_points */
	double *symbol_edge; /* the width of the edge stroked on that outline */
	size_t n_symbols;
	size_t n_marks;      /* incident symbols drawn (after clustering) */
	size_t n_clusters;   /* of those, how many stand for >1 incident */
	size_t n_merged;     /* of those, how many stand for several places
			      * (auto: places whose symbols would crowd) */
	size_t n_in_marks;   /* the incidents the symbols stand for (their
			      * counts summed) */
	size_t n_hidden;     /* of the symbols, how many were left out of a PNG
			      * because later ones cover them (hidden.c) */
	char merged_name[300]; /* the first line of the first merged ring's
				* label, "" when none has one */
	size_t n_hex;        /* hexagonal bins drawn (instead of symbols) */
	size_t n_unlabelled; /* incident symbols whose label was left out */
	size_t n_skipped;    /* incidents not drawn (no point, out of range) */
	size_t n_cities;     /* reference cities drawn */
	size_t n_panels;     /* --by: the maps in the grid; 0: one map */
	size_t n_admin1;     /* --aggregate admin1: provinces shaded */
	size_t n_admin1_out; /* ... incidents in no shaded province */
	size_t n_admin1_labels; /* ... of the provinces, how many have their
				 * figure written on them or beside them */
	size_t n_admin1_outside; /* ... of those, beside them: outside, with a
				  * leader line (no room inside) */
	size_t sources;      /* the reports the notes count */
	int sources_about;   /* ... 1: estimated (too many to count) */
	char shaded[512];    /* ... "NAME=VALUE,..." of the provinces shaded
			      * (Natural Earth names, the shade's value) */
	char focus[3];       /* the country of interest, "" when none */
	char title[512];
	char hatched[512];   /* Natural Earth names of the provinces hatched,
			      * comma-separated, in the order of the marks */
	int own_fonts;       /* 1: drawn with the map's own fonts (text.c), 0: the
			      * system's (some text needed them, or the map's
			      * fonts were not found) */
} im_render_info;

/* im_render with an optional info record (NULL: none). */
im_status im_render_run(const im_incident_list *l, const im_render_opts *o, const char *path,
			im_render_info *info, im_error *err);
void im_render_info_free(im_render_info *info);

/* Draws one label (the incident label style: halo, bold first line) on a
 * white PNG of w x h pixels at 150 dpi, centred; for the text-shaping test. */
im_status im_render_label_png(const char *text, int w, int h, const char *path, im_error *err);

/* ---- shared inside the stage ------------------------------------------- */

typedef struct rgb {
	double r, g, b;
} rgb;

/* The map's projection (WGS 84 lon/lat in degrees -> map x/y). */
typedef struct rproj {
	PJ_CONTEXT *ctx;
	PJ *pj;    /* normalised for visualisation: lon, lat in; east, north out */
	PJ *geod;  /* the WGS 84 ellipsoid, for distances */
	char def[512];
	char log[512]; /* PROJ's last complaint */
	int own_ctx;
} rproj;

/* Opens a projection to `crs` (EPSG:N, a PROJ string, WKT, ...). `what`
 * names where the CRS came from for messages ("--crs"). */
im_status rproj_open(rproj *p, const char *crs, const char *what, im_error *err);
/* The same in an existing PROJ context (borrowed: it must outlive p). */
im_status rproj_open_in(rproj *p, PJ_CONTEXT *ctx, const char *crs, const char *what,
			im_error *err);
void rproj_close(rproj *p);
/* Projects n points in place (x = lon, y = lat in; map x, y out). Points PROJ
 * cannot project get HUGE_VAL. Returns how many failed. */
size_t rproj_fwd(rproj *p, double *x, double *y, size_t n);
size_t rproj_inv(rproj *p, double *x, double *y, size_t n);
/* Ground metres between two lon/lat points on the WGS 84 ellipsoid. */
double rproj_dist(rproj *p, double lon1, double lat1, double lon2, double lat2);
/* The PROJ string for the CRS incimap chooses for a geographic extent
 * (w, s, e, n; e > w, e may pass 180). */
void rproj_choose(double w, double s, double e, double n, char *buf, size_t cap);

/* A view: part of a projection shown in a box of the page. */
typedef struct rview {
	rproj *proj;
	double x0, y0, x1, y1; /* in map x/y */
	im_rbox box;           /* on the page */
	double k;              /* page units per map unit */
	double gq[2][4];       /* geographic boxes (w, s, e, n) to read shapes in */
	int ngq;
	double lon_c, lat_c;   /* the geographic centre */
	double deg_per_unit;   /* degrees of latitude per page unit, near the centre */
	int world;             /* 1: the whole world is in view */
} rview;

/* Fits the map rectangle (x0..x1, y0..y1) into box, growing the short side
 * to the box's shape, and works out the geographic boxes to read. */
void rview_fit(rview *v, rproj *p, double x0, double y0, double x1, double y1, im_rbox box);
static inline double rview_u(const rview *v, double x)
{
	return v->box.x0 + (x - v->x0) * v->k;
}
static inline double rview_v(const rview *v, double y)
{
	return v->box.y1 - (y - v->y0) * v->k;
}


/* A growable list of points (x[i], y[i]): clipped shapes, halo outlines.
 * Zero-initialise; free x and y. */
typedef struct ptbuf {
	double *x, *y;
	size_t n, cap;
} ptbuf;
/* Appends (x, y); -1 when out of memory (the points so far stay). */
int pt_push(ptbuf *b, double x, double y);

/* A shapefile layer of shapes/. */
typedef struct rlayer {
	char *path;     /* without the extension */
	SHPHandle shp;
	DBFHandle dbf;
	SHPTreeDiskHandle qix; /* the .qix index, or NULL */
	SHPTree *tree;         /* built in memory when there is no .qix */
	int type;       /* SHPT_POLYGON or SHPT_ARC */
	int n;
} rlayer;

/* Opens path.shp/.dbf (and .qix). IM_E_IO when missing, IM_E_RENDER when
 * not a shapefile of the wanted type (SHPT_POLYGON or SHPT_ARC). */
im_status rlayer_open(rlayer *L, const char *dir, const char *name, int want_type,
		      im_error *err);
void rlayer_close(rlayer *L);
/* A copy of a text attribute, "" when the field is missing (caller frees);
 * NULL only when out of memory. */
char *rlayer_attr(rlayer *L, int id, const char *field);

/* A shape read for a view: parts clipped to the view's geographic boxes and
 * projected onto the page. */
typedef struct rgeom {
	int id;          /* shape id in its layer */
	int nparts;
	int *parts;      /* start of each part in x/y */
	int npts;
	double *x, *y;   /* page units */
	im_rbox bbox;
} rgeom;

/* Reads the shapes of L in view v. *out is an array the caller frees with
 * rgeoms_free. IM_E_RENDER (corrupt shape), IM_E_NOMEM. `min_step` drops
 * vertices closer than that (page units) to the last one kept. */
im_status rlayer_read(rlayer *L, const rview *v, double min_step, rgeom **out, size_t *n,
		      im_error *err);
void rgeoms_free(rgeom *g, size_t n);
/* Even-odd point-in-polygon on the page. */
int rgeom_contains(const rgeom *g, double x, double y);
/* Adds the parts as closed (polygon) or open (line) sub-paths. */
void rgeom_path(cairo_t *cr, const rgeom *g, int closed);
/* Up to max points well inside the visible part of a polygon, best first,
 * for its name; returns how many (0 when none is inside `clip`). */
int rgeom_label_points(const rgeom *g, im_rbox clip, double *x, double *y, int max);

/* Builds path.qix for path.shp (the shapelib quadtree), atomically. */
im_status rlayer_build_index(const char *dir, const char *name, im_error *err);

/* ---- collision index (labels.c) ----------------------------------------- */

typedef struct rcoll {
	double x0, y0, cell;
	int nx, ny;
	size_t **cells; /* box indices per cell, added one at a time */
	size_t *ncell, *capcell;
	uint32_t *bulk;    /* box indices added at once (rcoll_add_all), */
	size_t *bulk_at;   /* cell k's at bulk[bulk_at[k]..bulk_at[k + 1]) */
	im_rbox *boxes;
	size_t n, cap;
} rcoll;

im_status rcoll_init(rcoll *c, im_rbox area, double cell);
void rcoll_free(rcoll *c);
im_status rcoll_add(rcoll *c, im_rbox b);
/* The same as rcoll_add of each of the n boxes in turn (the same indices
 * and hits), in two passes over them instead of growing a list per cell
 * a box at a time: a million symbols' boxes. IM_E_NOMEM. */
im_status rcoll_add_all(rcoll *c, const im_rbox *b, size_t n);
int rcoll_hits(const rcoll *c, im_rbox b);
/* The same, leaving out box `skip` (its index in the order of adding). */
int rcoll_hits_except(const rcoll *c, im_rbox b, size_t skip);

/* ---- the render in progress --------------------------------------------- */

/* The most styles a ring of shares tells apart (im_n_styles is fewer). */
#define RMIX_TYPES 8

/* One symbol on the map: an incident, several at one place, or (auto)
 * the incidents of several places whose symbols would crowd. */
typedef struct rmark {
	float x, y;           /* page units */
	float size_mm;        /* diameter */
	const im_style *st;   /* NULL: several event types */
	int64_t fat, inj;     /* sums of the known figures, -1: none known */
	int32_t d0, d1;       /* date range, y * 10000 + m * 100 + d; 0: none dated */
	uint32_t first;       /* the incident (in vi) that names it: most fatalities */
	uint32_t place;       /* its place name (offset in the job's arena) */
	uint32_t count;
	uint32_t undated;
	uint32_t places;      /* the places it stands for: 1, or more when
			       * crowded places were merged (crowd.c) */
	int prov;             /* index into the provinces in view, -1: none */
	int32_t mix;          /* several types: its type counts in the rctx's
			       * mix[], drawn as a ring of their shares; -1 */
	unsigned char precise; /* 0: geo_precision 3, known to the province only */
	unsigned char labelled;
} rmark;

/* What the marks need of each drawable incident, packed and in input
 * order: clustering visits incidents by place, and reaching into a
 * million scattered records there would be slow. */
typedef struct rvinfo {
	double lon, lat;
	int32_t fat, inj;     /* IM_NULL_INT: unknown */
	int32_t date;         /* y * 10000 + m * 100 + d, 0: unknown */
	uint32_t place;       /* offset of its name in the job's arena */
	uint32_t admin1;      /* offset of its province's name there (0: "") */
	uint8_t style;        /* index into im_styles */
	uint8_t p3;           /* geo_precision 3 */
	char cc[2];           /* ISO 3166-1 alpha-2, upper case; 0: none */
} rvinfo;

/* The interactive page's part of a job (html.c): a record per incident. */
typedef struct rhtml rhtml;
im_status rhtml_new(rhtml **out);
void rhtml_free(rhtml *h);
/* Adds inc (drawn with im_styles[style]); IM_E_NOMEM, IM_E_TOO_LARGE. */
im_status rhtml_add(rhtml *h, const im_incident *inc, size_t style);
/* Appends the n bytes of JSON to out, safe inside a <script> element:
 * '<', '>', '&', U+2028 and U+2029 written as \u escapes. */
im_status rhtml_script_safe(im_buf *out, const char *json, size_t n);
/* Appends the n bytes of data gzip-compressed (no time stamp) in base64. */
im_status rhtml_gzip64(im_buf *out, const char *data, size_t n);
/* Appends s escaped as HTML text (also safe in a quoted attribute). */
im_status rhtml_text(im_buf *out, const char *s);

/* A map being fed incidents (im_render_begin/add/finish): what the map
 * needs of each, and what the subtitle and legend tell. */
struct im_render_job {
	const im_render_opts *o;
	rvinfo *vi;           /* the incidents that can be drawn, in input order */
	size_t n, cap;
	im_buf arena;         /* place names, NUL-terminated; offset 0 is "" */
	uint64_t *srcset;     /* hashes of the reports seen (open addressing) */
	size_t srccap, sources;
	uint8_t *hll;         /* past src_exact reports: their estimate's
			       * registers instead (render.c) */
	size_t src_exact;
	size_t total, nopoint, bad;
	char bad_id[64];
	size_t type_count[16];
	size_t n_p3;
	long fat, inj;
	int fat_known, inj_known;
	im_date d0, d1;
	size_t undated;
	rhtml *html;          /* the interactive page's records, or NULL */
	/* Clusters, hexagons and provinces (every --aggregate but none; not
	 * --by) read the incidents a chunk at a time into places or bins:
	 * past spill_at records, the records go to a temporary file (vi is
	 * then a buffer of chunk records, nbuf of them not yet written), so
	 * that memory grows with the places, not the incidents. */
	int stream;
	FILE *spill;
	size_t spill_at, chunk, nbuf;
	int spill_errno;      /* a write or read of the file failed */
	uint64_t *names;      /* names in the arena seen lately (render.c) */
	int draw_hidden;      /* test hook: draw the symbols others cover too */
	int one_thread;       /* test hook: no threads beside the map's (marks.c) */
};

/* Test hook: spill a streaming job after n records, reading it back
 * chunk records at a time (both >= 1). */
void im_render_job_spill_at(im_render_job *j, size_t n, size_t chunk);
/* Test hook: draw every symbol, also those that later ones cover. */
void im_render_job_draw_hidden(im_render_job *j);
/* Test hook: the incidents read back and projected, and the hidden
 * symbols found, by the map's own thread, not threads of their own
 * (marks.c). */
void im_render_job_one_thread(im_render_job *j);
/* Test hook: estimate the number of reports past n of them (>= 1). */
void im_render_job_sources_exact(im_render_job *j, size_t n);


/* Draws the job's map into path; info may be NULL. Does not free j. */
im_status im_render_job_run(im_render_job *j, const char *path, im_render_info *info,
			    im_error *err);
/* The same map as a PDF of w x h points would show it, painted at the
 * origin of to (a page of the pack, pack.c; text stays text): the caller
 * owns the page and shows it. Does not free j. */
im_status im_render_job_draw(im_render_job *j, cairo_t *to, double w, double h,
			     im_render_info *info, im_error *err);

typedef struct rcity {
	im_place p;
	double x, y;
	int labelled;         /* a dot without its name is not drawn */
} rcity;

typedef struct rlabel {
	PangoLayout *lay;
	double x, y;          /* where the layout's top-left goes */
	im_rbox box;          /* with the halo */
	im_rlabel_kind kind;
	rgb fg;
	int leader;           /* 1: a leader line from (ax, ay) to (ex, ey) on
			       * the label's box (a figure outside its
			       * province: admin1.c) */
	double ax, ay, ex, ey;
} rlabel;

typedef struct rctx {
	const im_render_opts *o;
	im_render_job *job;
	im_render_fmt fmt;
	double W, H;          /* page, in output units */
	double box_w, box_h;  /* > 0: the map is a box of a page the caller
			       * owns (im_render_job_draw), in points */
	double u;             /* output units per millimetre */
	double s;             /* furniture and type scale (1 at about 270x170 mm) */
	cairo_t *cr;
	PangoFontMap *fm;
	PangoContext *pc;
	cairo_font_options_t *fo;
	cairo_font_face_t *mfont; /* marker glyphs (marks.c) */
	cairo_font_face_t *hfont; /* label halos (text.c) */
	int sysfonts;         /* 1: every font of the system, not the map's own */
	int own_fonts;        /* the font map holds the map's own fonts only */
	int fonts_missing;    /* some text needed a font they do not have */
	im_buf warnings;      /* kept until the map is done (render.c) */

	rproj proj;
	rview view;
	double span_km;       /* ground across the middle of the map */
	int user_crs;
	im_rbox title_box, panel, frame;
	im_rbox tl_box;       /* the timeline under the map (--timeline) */
	im_timeline *tl;      /* its counts, of the incidents drawn; NULL: none */
	int panel_right;
	im_status panel_st;   /* what went wrong drawing the panel */

	rlayer countries, provinces, disputed;
	int have_prov, have_disp;
	rgeom *cg, *pg, *dg;  /* shapes in view */
	size_t ncg, npg, ndg;
	char **c_a2, **c_name; /* per country in view */
	char **p_a2;          /* per province in view: its country */
	char **p_keys;        /* per province in view: its names, normalised
			       * (im_gaz_norm), '\n'-joined; NULL until needed */
	char focus[3];

	rvinfo *vi;           /* the drawable incidents (the job's) */
	size_t nvalid, nskipped, nout;
	rmark *marks;
	uint32_t (*mix)[RMIX_TYPES]; /* per mark of several types: incidents by style */
	size_t nmix, capmix;
	uint32_t *draw_order; /* marks, biggest first, in runs of one style */
	struct rhex *hex;     /* hexagonal bins with incidents (hex.c) */
	size_t nhex, caphex;
	uint32_t *hex_grid;   /* while binning: bin index + 1 per cell, 0: none */
	long hex_qmin;
	size_t hex_nq, hex_nr;
	double hex_r;         /* their radius, page units */
	double hex_breaks[6]; /* class limits: class k holds values >= breaks[k] */
	int hex_nclass;
	int hex_fixed;        /* 1: the classes are set (--by: every panel's) */
	uint32_t *adm_n;      /* admin1: incidents per province in view (pg) */
	int64_t *adm_fat;     /* admin1: their fatalities */
	struct pcache *adm_pc; /* admin1: names matched to provinces so far */
	size_t nadm;          /* admin1: provinces shaded */
	size_t nadm_labels;   /* admin1: of those, with their figure on them */
	size_t nadm_outside;  /* admin1: ... of those, beside them (a leader) */
	size_t adm_total;     /* admin1: incidents counted (drawn) */
	size_t adm_none, adm_unmatched; /* admin1: with no province, or one
				 * that no province in view matches */
	size_t npanels;       /* --by: the maps on the page */
	size_t undated_out;   /* --by: incidents in no map, having no date */
	size_t other_pages;   /* --by-pages: dated incidents on the other pages */
	int one_page;         /* --by-pages: the furniture of one page */
	int64_t legend_max;   /* --by: the largest symbol's value in any panel */
	unsigned legend_kinds; /* --by: the RMARK_ kinds of symbol in any panel */
	unsigned marks_kinds;  /* the legend's: rmarks_legend of the marks drawn */
	int64_t marks_max;
	int merge_crowded;    /* auto: crowded places merged (crowd.c), with
			       * no fallback to hexagons (--by decided it) */
	size_t nmarks, nclusters;
	size_t nmerged;       /* marks of several places (crowd.c) */
	size_t nhidden;       /* marks left out, covered by later ones (hidden.c) */
	rcity *cities;
	size_t ncities, maxcities;
	im_place *cand;       /* places that may be reference cities */
	size_t ncand;

	double *px, *py;      /* valid incidents projected (map x/y) */
	struct hidden_ahead *hid; /* marks_hidden_ahead's thread, or NULL */
	rcoll coll;
	size_t mark_coll0;    /* the first mark's box in coll */
	rlabel *labels;
	size_t nlabels, caplabels;
	size_t unlabelled;
	im_buf left_out;      /* names of unlabelled places, for the warning */

	/* what the subtitle and legend tell */
	size_t type_count[16];
	size_t n_p3;
	long fat, inj;
	int fat_known, inj_known;
	im_date d0, d1;
	size_t undated, sources;
	int sources_about;    /* sources is an estimate (millions of reports) */
	char cc[64][3];       /* the countries of the incidents drawn */
	size_t ncc_of[64], ncc;
	char title[512];

	im_render_info *info;
	im_error *err;
} rctx;

/* The drawable incidents at, at + 1, ... of a render: all of them when
 * the job holds them in memory, else at most a chunk read back from the
 * job's file; *n is how many (0 at the end, or after a read error, which
 * the job remembers and im_render_job_run reports). */
const rvinfo *rvi_chunk(rctx *c, size_t at, size_t *n);
/* The same read into buf (room for cap records) instead of the job's own
 * buffer: a thread of its own may use it while the caller's reads are
 * elsewhere (the job's file is read with pread, at an offset). */
const rvinfo *rvi_chunk_into(rctx *c, size_t at, rvinfo *buf, size_t cap, size_t *n);

/* Millimetres (scaled with the page) to output units. */
/* The place name of a drawable incident. */
static inline const char *rplace(const rctx *c, const rvinfo *v)
{
	return c->job->arena.p ? c->job->arena.p + v->place : "";
}

static inline double rmm(const rctx *c, double mm)
{
	return mm * c->u * c->s;
}

/* text.c: pango text. Families: the label font with Arabic fallback.
 * Every text uses one of a few sizes (points, times the page scale): each
 * new size and weight costs pango a font match of its own. */
#define PT_TITLE 15.0 /* bold */
#define PT_SUB 8.5    /* subtitle; the country of interest's name */
#define PT_TEXT 7.0   /* labels, legend, names, headings and counts (bold) */
#define PT_SMALL 6.0  /* notes, scale, province names (italic) */
/* Halo widths (mm, scaled with the page): one for the labels of incidents
 * and cities, one for country and province names. Each width makes halo
 * glyphs of its own (text.c), so there are few. */
#define HALO_MM 0.4
#define NAME_HALO_MM 0.3
PangoLayout *rtext(rctx *c, const char *text, double pt, int bold, int italic);
/* rtext in two steps, so that a layout's width and wrapping are set before
 * its text is laid out (once): a layout of the size and weight, then its
 * text (invalid UTF-8 mended; a letter the map's fonts lack noted). */
PangoLayout *rtext_new(rctx *c, double pt, int bold, int italic);
void rtext_set(rctx *c, PangoLayout *lay, const char *text);
/* A place name as the map shows it: a name in the Latin script without
 * the marks of transliteration ("Arāk" -> "Arak", "Ḩalab" -> "Halab",
 * "Diyarbakır" -> "Diyarbakir"), as English-language reports write them;
 * any other name as it is. Writes at most cap - 1 bytes and a NUL into out
 * (cap >= 1), never cutting a character; returns the length. */
size_t rdisplay_name(const char *in, size_t len, char *out, size_t cap);
/* As rtext, the first line bold (incident labels). */
PangoLayout *rtext_label(rctx *c, const char *text, double pt);
void rtext_size(PangoLayout *lay, double *w, double *h);
/* The height of a line of text of size pt (regular weight). */
double rtext_height(rctx *c, double pt);
/* Where the ink of a layout is, from its origin: what a label's halo goes
 * around. */
void rtext_ink(PangoLayout *lay, double *x, double *y, double *w, double *h);
/* Draws with a halo of width `halo` units (0: none); text stays text in PDF. */
void rtext_draw(rctx *c, PangoLayout *lay, double x, double y, rgb fg, double halo, rgb hc);
im_status rctx_text_setup(rctx *c, im_error *err);
void rctx_text_free(rctx *c);
/* Keeps a placed label (the collision index has it too). */
im_status rlabel_keep(rctx *c, PangoLayout *lay, double x, double y, im_rbox box,
		      im_rlabel_kind kind, rgb fg);

/* marks.c: incidents */
/* The outline of a marker shape in em (1 em = the marker's diameter), its
 * centre at 0, 0; a circle as a polygon. Returns the number of points, at
 * most RSHAPE_MAX. */
#define RSHAPE_MAX 48
int rshape_points(im_shape shape, double *x, double *y);
im_status marks_build(rctx *c);
/* Counts an incident of country cc (upper case; "" none) for the title. */
void marks_count_country(rctx *c, const char cc[2]);
/* 1 when the marks built would crowd the frame (what `auto` bins): more
 * than 600, or covering more than a sixth of it. */
int marks_crowded(const rctx *c);
/* A symbol's diameter (mm, in steps) for its value (fatalities or
 * incidents), large enough for a count inside when count > 1, and for a
 * ring (ring 1) or a ring inside an outer circle (ring 2) around it. */
double rmark_size(uint32_t count, int64_t value, int ring);
/* The kinds of symbol among the marks, for the legend: bits RMARK_. */
#define RMARK_CLUSTER 1 /* several incidents at one place */
#define RMARK_MIXED 2   /* several types at one place (a ring) */
#define RMARK_MERGED 4  /* several places merged (crowd.c) */
/* In one pass over the marks: the RMARK_ kinds among them, and the
 * largest value a symbol's size shows (incidents or fatalities, as
 * --size-by says; INT64_MIN without marks). */
void rmarks_legend(const rctx *c, unsigned *kinds, int64_t *max);
/* Keeps the type counts tc[RMIX_TYPES] of a ring in c->mix; returns its
 * index, -1 when out of memory. */
int32_t rmix_add(rctx *c, const uint32_t *tc);
/* LSD radix sort of n 64-bit keys (tmp as large as v) whose bits below lo
 * are an index rising with the key's place in v (0: none). */
void rradix64(uint64_t *v, uint64_t *tmp, size_t n, int lo);
im_status marks_obstacles(rctx *c);
/* The square a mark covers on the page (its edge included). */
im_rbox rmark_box(const rctx *c, const rmark *m);
/* A symbol's diameter in the steps markers are drawn in (0.4 mm from the
 * smallest). */
double rsize_step(double mm);
/* The width of a mark's edge on the page. */
double rmark_edge(const rctx *c, const rmark *m);
im_status marks_place_labels(rctx *c);
void marks_draw_hatches(rctx *c);
im_status marks_draw(rctx *c);
/* A mark as marks_draw draws it: the marks in draw order (biggest
 * first, in runs of one size, style and precision), packed, so that the
 * passes over a million of them read memory in order. */
typedef struct rdrawn {
	float x, y, size_mm;
	uint32_t mark;         /* its index in c->marks */
	uint8_t style;         /* index into im_styles, RDRAWN_RING: a ring */
	uint8_t precise;
	uint8_t hidden;        /* later symbols cover it entirely (hidden.c) */
} rdrawn;
#define RDRAWN_RING 255
/* The end of the run of d[a..n) that starts at a (drawn together). */
size_t rdrawn_run_end(const rdrawn *d, size_t n, size_t a);
/* hidden.c: sets d[k].hidden when later symbols cover that mark entirely
 * on a PNG map, so that drawing it would change no pixel; none for other
 * formats. */
void marks_hidden(rctx *c, rdrawn *d, size_t n);
/* Its two halves: where the PNG's pixels are (0: the format or the
 * transformation leaves every symbol drawn), read from the map's cairo
 * context; then the test itself, which reads only c's marks and sizes and
 * may run in a thread of its own. Returns how many it hid. */
typedef struct rhidden_at {
	long w, h;      /* the image */
	double ox, oy;  /* page to pixels */
	im_rbox clip;   /* the map frame, in pixels */
} rhidden_at;
int marks_hidden_where(const rctx *c, rhidden_at *at);
size_t marks_hidden_find(const rctx *c, const rhidden_at *at, rdrawn *d, size_t n);
/* The marks' draw order and hidden symbols worked out in a thread of
 * their own while the labels are placed (a PNG of at least a few thousand
 * symbols), for marks_draw to take; marks_hidden_end waits for it and
 * drops what it found (after an error). */
void marks_hidden_ahead(rctx *c);
void marks_hidden_end(rctx *c);
/* The diameter (mm) of the marker glyph drawn for a symbol of size_mm. */
double rglyph_mm(double size_mm);
/* A cluster of several types: a ring of the types' colours in their shares
 * (tc: incidents per style, clockwise from the top in legend order) around
 * a white disc for the count; open (province only) rings are thinner. */
void mark_ring(rctx *c, double cx, double cy, double size_mm, const uint32_t *tc, int open);
/* The symbol of merged places: a ring (closed) inside a thin circle of
 * diameter size_mm. */
void mark_merged(rctx *c, double cx, double cy, double size_mm, const uint32_t *tc);
im_status marker_font_new(rctx *c);
/* Draws one marker glyph centred at x, y: variant 0 body, 1 thin edge,
 * 2 thick edge (open symbol). */
void marker_draw(rctx *c, im_shape shape, double size_mm, double x, double y, rgb fill,
		 int open);

/* A count with thousands separators ("1,250,000"); returns buf (>= 32). */
const char *rnum(long long n, char *buf);
/* "12 Mar 2024", "3–12 Mar 2024", ...; "date unknown" when a.y == 0. */
void rdate_range(im_date a, im_date b, char *buf, size_t cap);
/* "5 killed, 12 injured", "no casualties", "" (nothing known); -1: unknown. */
void rfigures(long fat, long inj, char *buf, size_t cap);

/* crowd.c: --aggregate auto. Merges the precise marks whose symbols would
 * crowd (discs overlapping by more than RCROWD_SHARE of the smaller) into
 * one ring each, over and over until none crowd. */
#define RCROWD_SHARE 0.5
im_status crowd_merge(rctx *c);
/* The share of the smaller of two discs (diameters a and b, their centres
 * d apart) that the other covers: 0 to 1. */
double rdisc_overlap(double a, double b, double d);

/* hex.c: hexagonal bins. A bin: its centre on the page, incidents and
 * the fatalities known, and the place key (marks.c) of its first incident
 * in place order, which orders the bins. */
typedef struct rhex {
	double x, y;
	uint32_t count;
	int64_t fat;
	uint64_t first;
} rhex;
/* Binning one incident at a time: begin (the grid of the frame), note an
 * incident at page point u, v (in the frame) with its fatalities (< 0:
 * unknown) and place key, end (the bins in place order, the classes). */
im_status hex_begin(rctx *c);
im_status hex_note(rctx *c, double u, double v, int32_t fat, uint64_t key);
im_status hex_end(rctx *c);
/* Bins the incidents idx[0..n) (indices into c->vi, page points x/y) into
 * hexagons of the page; fills c->hex and the class breaks. */
im_status hex_build(rctx *c, const uint64_t *keys, size_t n, uint64_t idx_mask, const double *x,
		    const double *y);
void hex_draw(rctx *c);
/* The legend block of the bins' classes; returns its height. */
double hex_legend(rctx *c, double x, double y, double w, int draw);

/* render.c: the extent and CRS, the incidents projected (px, py), the
 * view fitted to c->frame; the country of interest; the labels drawn
 * (names 1: country and province names, 0: the others). */
im_status rextent_view(rctx *c);
/* The title (with " — PERIOD" when period is not NULL), the side panel
 * and the timeline, of what c holds. */
im_status rfurniture(rctx *c, const char *period);
void rchoose_focus(rctx *c);
void rdraw_labels(rctx *c, int names);

/* multiples.c: --by: a map per period in a grid filling c->frame; leaves
 * the totals of them all for the title and the panel, c->frame the grid. */
im_status multiples_draw(rctx *c);

/* timeline.c: counts one drawable incident (date as in rvinfo, 0:
 * undated; fat -1: unknown); and draws t in box of the map's page, in the
 * period p (AUTO: chosen), with or without its own legend. */
im_status timeline_note(im_timeline *t, int32_t date, unsigned style, int32_t fat, im_error *err);
im_status timeline_draw(rctx *c, im_rbox box, const im_timeline *t, im_period p, int legend);

/* Classes of values, light to dark (ColorBrewer YlOrRd), shared by the
 * hexagons and the provinces: the breaks up to max, a value's colour
 * (grey for 0 when by fatalities), and the legend block with its heading
 * (hexagon 1: hexagon swatches, 0: squares); returns its height. */
void rclass_breaks(rctx *c, int64_t max);
rgb rclass_colour(const rctx *c, int64_t v);
double rclass_legend(rctx *c, double x, double y, const char *head, int hexagon, int draw);

/* admin1.c: --aggregate admin1: the drawn incidents counted one at a
 * time per province of the view, by their admin1 name: begin, note each,
 * end (the classes). draw: the shaded provinces (in the frame). */
im_status admin1_begin(rctx *c);
im_status admin1_note(rctx *c, const rvinfo *v);
void admin1_end(rctx *c);
void admin1_draw(rctx *c);
/* The figure each shaded province shades by, as a label inside it (the
 * largest first), where it hits nothing; a province with no room for it
 * then gets it beside it, outside, with a leader line. */
im_status admin1_place_labels(rctx *c);
double admin1_legend(rctx *c, double x, double y, double w, int draw);
/* A label's leader line: from its anchor (a dot) to its box. */
void rleader_draw(rctx *c, const rlabel *L);
void admin1_free(rctx *c);
/* "NAME=VALUE,..." of the shaded provinces into buf (for the tests); -1
 * when out of memory. */
int admin1_names(rctx *c, char *buf, size_t cap);

/* 1 when the map draws nothing of the incidents: no symbol, no hexagon,
 * no province counted. */
static inline int rctx_empty(const rctx *c)
{
	return !c->nmarks && !c->nhex && !c->adm_total;
}

/* base.c: the base map */
im_status base_load(rctx *c);
void base_draw(rctx *c);
im_status base_place_names(rctx *c);
/* Reference cities: capitals (capitals 1, before the incidents' labels),
 * then the others (capitals 0, after them). */
im_status cities_load(rctx *c, int capitals);
void cities_draw(rctx *c);
im_status cities_place_labels(rctx *c);
void base_free(rctx *c);
/* The province in view (index into c->pg) that an incident's admin1 names,
 * matched by Natural Earth's names or the gazetteer's name for them, in
 * country cc when given; -1 when none matches. */
int base_province_of(rctx *c, const char *admin1, const char cc[2]);
/* Places the label lay (halo of width halo around it) at a point well
 * inside the visible part of shape g where it hits no other label or
 * symbol, or leaves it out quietly; takes lay either way. */
im_status rlabel_in_shape(rctx *c, const rgeom *g, PangoLayout *lay, double halo,
			  im_rlabel_kind kind, rgb fg);

/* png.c: the image surface as an RGB PNG with its resolution; IM_E_IO
 * when fp fails, IM_E_NOMEM. */
im_status rpng_write(cairo_surface_t *sf, double dpi, FILE *fp, const char *path, im_error *err);

/* furniture.c */
/* Draws (or with draw 0 only measures) the title and subtitle in
 * title_box; returns their height. */
double furn_title(rctx *c, int draw);
/* The subtitle: incidents shown, dates, figures, those not mapped. */
void furn_subtitle(rctx *c, char *sub, size_t cap);
/* Reads the interactive page's base map into c (c->proj, c->view and
 * base_load's shapes: the incidents' extent, or --bbox, with a margin). */
im_status rhtml_base(rctx *c, rhtml *h);
/* Writes the interactive page of the job's records to path (atomic). */
im_status rhtml_write(rctx *c, rhtml *h, const char *path);
void furn_make_title(rctx *c);
im_status furn_panel(rctx *c);
im_rbox furn_no_incidents(rctx *c, int draw);

static inline rgb rgb_hex(unsigned v)
{
	rgb c = {((v >> 16) & 255) / 255.0, ((v >> 8) & 255) / 255.0, (v & 255) / 255.0};
	return c;
}
static inline rgb rgb_style(const im_style *s)
{
	rgb c = {s->r / 255.0, s->g / 255.0, s->b / 255.0};
	return c;
}
static inline void rset(cairo_t *cr, rgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

static inline int rbox_overlap(im_rbox a, im_rbox b)
{
	return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}
static inline int rbox_inside(im_rbox in, im_rbox out)
{
	return in.x0 >= out.x0 && in.y0 >= out.y0 && in.x1 <= out.x1 && in.y1 <= out.y1;
}

#endif
