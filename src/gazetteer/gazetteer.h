/* gazetteer.h: place names to coordinates. Loads the files in a gazetteer
 * folder (shipped sources plus the user's own additions), keeps a compiled
 * index that is memory-mapped, normalises names across spellings, and ranks
 * candidates by context, kind and population. See docs/gazetteer.md. */
#ifndef IM_GAZETTEER_H
#define IM_GAZETTEER_H

#include "../core/im.h"

#include <stdint.h>

typedef struct im_gaz im_gaz;

/* Feature kinds, most prominent first. Names (im_kind_name) are the words
 * used by `--kind`, `geocode --json` and the gazetteer files. */
typedef enum im_kind {
	IM_KIND_COUNTRY,      /* "country" */
	IM_KIND_REGION,       /* "region": Kurdistan Region, a disputed area */
	IM_KIND_ADMIN1,       /* "admin1": governorate, province, state */
	IM_KIND_ADMIN2,       /* "admin2": district */
	IM_KIND_CAPITAL,      /* "capital": national capital */
	IM_KIND_ADMIN_SEAT,   /* "seat": seat of a province or district */
	IM_KIND_CITY,         /* "city": populated place >= 100,000 */
	IM_KIND_TOWN,         /* "town": populated place */
	IM_KIND_VILLAGE,      /* "village" */
	IM_KIND_NEIGHBOURHOOD,/* "neighbourhood": part of a city */
	IM_KIND_SITE,         /* "site": base, airport, checkpoint, intersection, building */
	IM_KIND_OTHER         /* "other" */
} im_kind;

const char *im_kind_name(im_kind k);
/* Returns 1 and sets *k when name is a kind word; 0 otherwise. */
int im_kind_parse(const char *name, im_kind *k);

/* A place, as the gazetteer holds it. Strings are borrowed from the
 * gazetteer and live as long as it. */
typedef struct im_place {
	const char *id;       /* "gn:98182", "wof:85632191", "user:al-samoud-intersection" */
	const char *name;     /* preferred name */
	double lat, lon;
	char country[3];      /* ISO 3166-1 alpha-2, "" when none */
	const char *admin1;   /* province name, "" when none */
	im_kind kind;
	int64_t population;
} im_place;

/* What the caller knows of the document. All fields optional (zero = none). */
typedef struct im_gaz_ctx {
	const char *countries[8];  /* alpha-2 codes named or implied by the text */
	double country_w[8];       /* their weights, 0..1 (1 = named outright) */
	size_t n_countries;
	const char *admin1[8];     /* provinces named (names as in im_place.admin1) */
	size_t n_admin1;
	int has_near;              /* 1: prefer places near near_lat/near_lon */
	double near_lat, near_lon;
	const char *only_country;  /* `--country`: restrict to this code */
	int all_detail;            /* 1: every country's detail places are
				    * candidates (`geocode`); else only those of
				    * only_country and of the countries the text
				    * gives IM_GAZ_ABOUT_W or more */
	int detail_admin;          /* 1: and every country's detail provinces
				    * and districts (the text calls the name
				    * one: "Turkana County") */
} im_gaz_ctx;

/* The weight from which a text is about a country: its detail places
 * become candidates, and the resolver trusts respellings there. */
#define IM_GAZ_ABOUT_W 0.4

/* The weight the text gives country cc (two letters), 0 when none. */
double im_gaz_ctx_weight(const im_gaz_ctx *ctx, const char *cc);

/* How the name asked meets a candidate's names. */
typedef enum im_gaz_match {
	IM_GAZ_OWN_NAME,     /* its own name, as written */
	IM_GAZ_OTHER_NAME,   /* one of its other names, as written */
	IM_GAZ_VARIANT,      /* a spelling variant of its own name */
	IM_GAZ_OTHER_VARIANT /* a spelling variant of one of its other names */
} im_gaz_match;

/* Where a candidate's entry comes from, besides the shipped files. */
enum { IM_GAZ_FROM_USER = 1, IM_GAZ_FROM_DETAIL = 2, IM_GAZ_FROM_IMPORT = 4 };

typedef struct im_gaz_cand {
	im_place place;
	double score;       /* higher is better; comparable within one lookup */
	im_gaz_match match;
	/* what else the score counted (im_gaz_why tells it in words) */
	unsigned from;      /* IM_GAZ_FROM_* */
	float country_w;    /* the weight of its country in the text, 0 when none */
	int in_admin1;      /* 1: in a province the text names */
	double dist_km;     /* from the point given; -1 when none */
} im_gaz_cand;

/* The reasons of a candidate's score in words, into buf (truncated to
 * cap): "name as written, city, pop 1200000, in IQ named (w 1.00)". Written
 * only when asked (`geocode` shows it): a lookup in a text asks none. */
void im_gaz_why(const im_gaz_cand *c, char *buf, size_t cap);

/* Opens the gazetteer in dir: rebuilds the compiled index when any source
 * file is newer than it (or it is missing), then maps it. */
im_status im_gaz_open(const char *dir, im_gaz **out, im_error *err);
void im_gaz_free(im_gaz *g); /* NULL is fine */

/* Candidates for a name as written in a text (any spelling), best first.
 * Writes at most max into out and returns how many there are in all
 * (which may be more than max). 0 when the name is unknown. */
size_t im_gaz_lookup(const im_gaz *g, const char *name, size_t len,
		     const im_gaz_ctx *ctx, im_gaz_cand *out, size_t max);

/* 1 when some entry has this name (after normalisation); 2 when only
 * detail places (a country's villages, see im_gaz_ctx.all_detail) have it;
 * 0 when none. Fast, for spotting. */
int im_gaz_known(const im_gaz *g, const char *name, size_t len);

/* A name as the index holds it, normalised once for a caller that asks
 * about it again and again (the extractor: each name of a text, in each
 * of its passes). */
typedef struct im_gaz_name {
	uint32_t key;   /* its entry in the index, plus 1; 0: no place bears it */
	uint32_t spell; /* its spelling, which ranks the places that bear it as written */
} im_gaz_name;

/* The name of the len bytes at name (as im_gaz_lookup reads them; a name
 * of GAZ's 512 bytes or more is none). */
im_gaz_name im_gaz_find(const im_gaz *g, const char *name, size_t len);
/* im_gaz_lookup and im_gaz_known of a name found: the same answers as
 * of the bytes it was found from. */
size_t im_gaz_lookup_name(const im_gaz *g, im_gaz_name nm, const im_gaz_ctx *ctx,
			  im_gaz_cand *out, size_t max);
int im_gaz_known_name(const im_gaz *g, im_gaz_name nm);

/* Normalises a name the way the index does (NFKC, case fold, diacritics,
 * Arabic article and transliteration variants, descriptors dropped) into
 * out (NUL-terminated, truncated to cap). Returns the length written. */
size_t im_gaz_norm(const char *in, size_t len, char *out, size_t cap);

/* The entry with this id; 1 when found. */
int im_gaz_get(const im_gaz *g, const char *id, im_place *out);

/* Populated places inside the box with at least min_pop people, most
 * populous first (capitals first of all); for reference cities on maps. */
size_t im_gaz_in_bbox(const im_gaz *g, double w, double s, double e, double n,
		      int64_t min_pop, im_place *out, size_t max);

/* The seat of a province (area of kind IM_KIND_ADMIN1): the town the
 * gazetteer has as its capital (GeoNames' PPLA; else the national capital
 * when it lies in the province); of a district (IM_KIND_ADMIN2): the town
 * that bears its name, within 80 km. 1 and *out filled when there is one;
 * its strings belong to the gazetteer. */
int im_gaz_seat_of(const im_gaz *g, const im_place *area, im_place *out);
/* The town of a district: among the n candidates c (but c[skip]), the one
 * that bears the name as written, a town or city of area's country, the
 * nearest to area within 80 km; -1 when none. */
int im_gaz_town_of(const im_gaz_cand *c, size_t n, const im_place *area, size_t skip);

/* Great-circle distance in km between two points in degrees (haversine,
 * mean Earth radius). */
double im_gaz_dist_km(double lat1, double lon1, double lat2, double lon2);
/* For a test against lim km: im_gaz_dist_km's figure, or, when the
 * latitudes alone put the points farther apart than lim, a lower bound of
 * the distance (more than lim) found without sine or cosine. Compared with
 * lim (<, <=, >, >=) it answers as the distance does. */
double im_gaz_dist_km_upto(double lat1, double lon1, double lat2, double lon2, double lim);
/* The cosine of a latitude in degrees, for im_gaz_dist_km_cos. */
double im_gaz_cos_lat(double lat);
/* im_gaz_dist_km, the same figure to the bit, given the cosines of the
 * two latitudes (im_gaz_cos_lat): for one point measured against many. */
double im_gaz_dist_km_cos(double lat1, double cos1, double lon1, double lat2, double cos2,
			  double lon2);

/* Name of a country from its code ("IQ" -> "Iraq"); NULL when unknown. */
const char *im_gaz_country_name(const im_gaz *g, const char *cc);

/* ---- maintenance (the `incimap gazetteer` commands) -------------------- */

/* A user entry to add. */
typedef struct im_gaz_entry {
	const char *name;
	double lat, lon;
	const char *country;  /* alpha-2 or NULL */
	const char *admin1;   /* or NULL */
	im_kind kind;
	const char *alt;      /* "A|B|C" or NULL */
	int64_t population;   /* 0: unknown; a populated place of 100,000+ ranks as a city */
	const char *shapes;   /* base-map folder: with no country given, the country and
	                       * province are taken from the point (im_gaz_where); NULL: not */
	int force;            /* 1: add even when a place of the same name lies within 1 km */
} im_gaz_entry;

/* The country (alpha-2) and province in which a point lies by the base-map
 * shapes of shapes_dir (Natural Earth admin-1, else admin-0), the province
 * named as the gazetteer names it ("Basra", not Natural Earth's "Al-Basrah";
 * the map's name when the gazetteer has none). cc and admin1 are "" when the
 * point lies in no shape (at sea). IM_E_IO when the shapes cannot be read. */
im_status im_gaz_where(const im_gaz *g, const char *shapes_dir, double lat, double lon, char cc[3],
                       char *admin1, size_t cap, im_error *err);

/* Validates e, then appends it to the user file atomically (backup kept);
 * writes the new id into id_out. Refused (IM_E_EXISTS) when a place of the
 * same normalised name lies within 1 km, in the user's file or anywhere in
 * the gazetteer, unless e->force. Nothing changes on failure. */
im_status im_gaz_add(const char *dir, const im_gaz_entry *e, char *id_out,
		     size_t id_cap, im_error *err);
/* Removes a user entry by id or exact name; IM_E_NOTFOUND when none. Shipped
 * entries cannot be removed (IM_E_USAGE says so). */
im_status im_gaz_remove(const char *dir, const char *id_or_name, im_error *err);
/* What im_gaz_edit changes (bits of `what`); the new values are in the
 * im_gaz_entry given with it. */
enum {
	IM_GAZ_SET_NAME = 1,
	IM_GAZ_SET_LAT = 2,
	IM_GAZ_SET_LON = 4,
	IM_GAZ_SET_COUNTRY = 8,
	IM_GAZ_SET_ADMIN1 = 16,
	IM_GAZ_SET_KIND = 32,
	IM_GAZ_SET_ALT = 64,
	IM_GAZ_SET_POP = 128
};
/* Changes one of the user's entries (by id, or by exact name when only one
 * has it) in place: same id, same line, checked as `add` checks (a near
 * duplicate of another place refused unless e->force). When the point moves
 * and no country is given, the country and province are worked out again
 * from e->shapes. The file is rewritten atomically under the lock (backup
 * kept); nothing changes on failure. IM_E_NOTFOUND when there is no such
 * entry; IM_E_USAGE for a shipped entry. Writes the id into id_out. */
im_status im_gaz_edit(const char *dir, const char *id_or_name, const im_gaz_entry *e, unsigned what,
                      char *id_out, size_t id_cap, im_error *err);
/* Writes the user entries (or all entries with all != 0) as lines to fp. */
im_status im_gaz_list(const char *dir, int all, FILE *fp, im_error *err);
/* Validates every file; each problem is reported with im_warn(file, line)
 * and counted in *problems. Returns IM_E_PARSE when there was any. */
im_status im_gaz_check(const char *dir, size_t *problems, im_error *err);
/* Imports a GeoNames dump (19 columns) and optionally alternateNamesV2 into
 * a new source file in dir. */
im_status im_gaz_import(const char *dir, const char *geonames, const char *alternates,
			im_error *err);
/* Imports a CSV (a header row naming the columns: name, lat, lon, and any of
 * alternate names, country, admin1, kind, population, id), a GeoJSON
 * point layer or a GeoPackage's point layer (layer: its name; NULL: the
 * file's only point layer) into the user's file, all or nothing: every place is checked
 * as `add` checks one (a problem is reported as path:line), a place with
 * no country is given the one its point lies in (shapes, as add), a place
 * whose id the user's file has already replaces that line, the others are
 * appended. Two places of one name within a kilometre are refused
 * (IM_E_EXISTS) unless force. *added and *updated (optional) say how many. */
im_status im_gaz_import_places(const char *dir, const char *path, const char *layer,
                               const char *shapes, int force, size_t *added, size_t *updated,
                               im_error *err);
/* Writes the user's entries to out ("-": stdout) as CSV (id, name, latitude,
 * longitude, alternate_names joined with '|', country, admin1, kind,
 * population) or as a GeoJSON FeatureCollection of Points with the same
 * properties: format "csv" or "geojson", NULL for out's extension.
 * Atomically; *count (optional) gets how many. */
im_status im_gaz_export(const char *dir, const char *out, const char *format, size_t *count,
                        im_error *err);

/* Compiles the sources into the index now. */
im_status im_gaz_build(const char *dir, im_error *err);

/* im_gaz_import that also says how many places it wrote into *count and the
 * name of the file it wrote them to (in dir) into file_out (both optional). */
im_status im_gaz_import_n(const char *dir, const char *geonames, const char *alternates,
			  size_t *count, char *file_out, size_t file_cap, im_error *err);

/* The folder that holds the user's own files (user.txt, user-import-*.txt)
 * for the gazetteer folder dir: dir itself when the user may write it, else
 * the per-user data folder $XDG_DATA_HOME/incimap (an absolute path), else
 * ~/.local/share/incimap. The files there are read with a read-only dir
 * (an installed share/incimap/gazetteer) and win over its shipped data.
 * Caller frees; NULL when there is no such folder (no HOME) or no memory. */
char *im_gaz_user_dir(const char *dir);

/* Rewrites the user's own file `name` in the user folder of dir
 * (im_gaz_user_dir, made when missing), as the gazetteer's user.txt is
 * written: under the folder's write lock, the previous version kept as
 * NAME.bak, the new one renamed in atomically with the file's mode
 * (through a symbolic link, its target). fn gets the file's path and
 * current content (empty when there is none; old[len] is a writable NUL)
 * and puts the new content into out; when it fails nothing is written.
 * *path_out (optional; caller frees) is the file's path. The lexicon's
 * user file (lexicon.tsv) is written so. */
struct im_buf;
typedef im_status (*im_gaz_rewrite_fn)(void *ud, const char *path, char *old, size_t len,
                                       struct im_buf *out, im_error *err);
im_status im_gaz_user_rewrite(const char *dir, const char *name, im_gaz_rewrite_fn fn, void *ud,
                              char **path_out, im_error *err);

/* How many places the gazetteer holds. */
size_t im_gaz_count(const im_gaz *g);

#endif
