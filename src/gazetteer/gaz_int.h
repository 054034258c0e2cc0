/* gaz_int.h: what only the gazetteer's own files see: the layout of the
 * compiled index, the source-line parser, the normaliser's two levels and
 * the helpers the maintenance commands share. */
#ifndef IM_GAZ_INT_H
#define IM_GAZ_INT_H

#include "gazetteer.h"

#include <stdint.h>

/* ---- the compiled index -------------------------------------------------
 * One blob, the same in memory and on disk (native byte order; the header
 * says which, and an index from another machine is rebuilt). Every section
 * starts on an 8-byte boundary; strings are NUL-terminated in one pool whose
 * offset 0 is "". */
#define GAZ_MAGIC "IMGAZ\0\0\1"
#define GAZ_VERSION 16u /* bump whenever the compiler changes what it writes */
#define GAZ_ENDIAN 0x01020304u

typedef struct gaz_hdr {
	char magic[8];
	uint32_t version, endian;
	uint64_t size;           /* the whole blob, in bytes */
	uint32_t n_places, n_keys, n_post, key_bits; /* keys: a hash table of 1 << key_bits
							 * gaz_key slots */
	uint32_t id_bits, n_pop, n_sources, n_admin1;
	uint32_t n_seat, pad; /* seats: the provinces' capitals (GAZ_F_SEAT1) */
	uint64_t off_places, off_seat, off_post, off_khash, off_idhash, off_pop;
	uint64_t off_cc, off_sources, off_str, str_size;
	uint64_t sum;            /* gaz_checksum of the whole blob, this field as 0 */
} gaz_hdr;

/* GAZ_F_DETAIL: from a detail file (detail-*.txt[.gz]): a country's
 * villages, believed only in a text about that country (IM_GAZ_ABOUT_W).
 * GAZ_F_SEAT1: the seat of a first-order division (GeoNames' PPLA), or a
 * national capital (PPLC), which is its province's seat too. */
enum { GAZ_F_USER = 1, GAZ_F_CURATED = 2, GAZ_F_IMPORT = 4, GAZ_F_DETAIL = 8, GAZ_F_SEAT1 = 16 };

typedef struct gaz_prec {    /* a place */
	uint32_t id, name, admin1;   /* string offsets */
	int32_t lat, lon;            /* microdegrees */
	uint8_t kind, flags;
	char cc[2];                  /* "\0\0" when none */
	int64_t pop;
} gaz_prec;

typedef struct gaz_key {     /* a normalised name and its postings (n >= 1; 0: empty slot) */
	uint32_t str, post, n, hash;
} gaz_key;

typedef struct gaz_post {    /* a place that bears a name */
	uint32_t place;
	uint32_t spell;          /* hash of the spelling (light form) | 1 when the preferred name */
} gaz_post;

typedef struct gaz_src {     /* a source file as it was when compiled */
	uint32_t name, pad;
	int64_t size, mtime_ns;
	uint64_t ino;            /* every atomic rewrite makes a new inode */
} gaz_src;

struct im_gaz {
	const unsigned char *base;
	size_t size;
	void *owned;             /* malloc'd blob, or NULL when mapped */
	const gaz_hdr *h;
	const gaz_prec *places;
	const gaz_post *post;
	const gaz_key *khash;
	const uint32_t *idhash, *pop, *cc, *seat;
	const char *str;
	char *dir;
};

/* ---- names ---------------------------------------------------------------- */

/* Longest normalised name kept; longer names are cut (no place name is). */
#define GAZ_NAME_MAX 512

/* The first level: NFKC, case fold, marks stripped, Arabic letter variants
 * unified, apostrophes dropped, other punctuation and spaces to one space.
 * Spellings that differ only there are "the same spelling". */
size_t gaz_norm_light(const char *in, size_t len, char *out, size_t cap);
/* The second level, from a light form: descriptors and articles dropped,
 * transliteration variants folded, word breaks removed: the index key. */
size_t gaz_norm_full(const char *light, size_t len, char *out, size_t cap);

uint32_t gaz_hash(const char *s, size_t n);
/* The hash that tells "the same spelling" (cand.spell): of the light form
 * with a leading article dropped, bit 0 clear, bit 1 (GAZ_SPELL_ART) set
 * when there was one. A name asked without its article is the name as
 * written ("Mahmudiyah" is Al Mahmudiyah); a name asked with one wants it
 * ("al-Hol" is Al Hawl's other name, not Hol in Norway). */
#define GAZ_SPELL_ART 2u
uint32_t gaz_spell_hash(const char *light, size_t len);

/* ---- source files ------------------------------------------------------- */

#define GAZ_COLS 19
#define GAZ_LINE_MAX (1u << 20)       /* bytes a line: past it, a broken file */
#define GAZ_FILE_MAX ((size_t)1 << 31) /* bytes a source file */
#define GAZ_FIELD_MAX 200              /* bytes of a name, id or admin1 */

/* A line cut into its 19 columns (pointers into the line, NUL-terminated
 * because the tabs were overwritten). */
typedef struct gaz_row {
	char *c[GAZ_COLS];
	double lat, lon;
	int64_t pop;
} gaz_row;

/* Splits and checks one line of a places file in place. Returns NULL when it
 * is good, else what is wrong (a static string or one written into msg). */
const char *gaz_row_parse(char *line, size_t len, gaz_row *r, char *msg, size_t cap);

/* 3 when data starts with a UTF-8 byte-order mark (files saved by some
 * Windows editors), else 0: where the first line starts. */
size_t gaz_bom(const char *data, size_t len);
/* The line at *p, up to a newline or end, made a string in place (the
 * newline, or the byte at end, becomes its NUL: a buffer read whole has
 * one byte past its data); *p moves past it, *len is its length. */
char *gaz_cut_line(char **p, char *end, size_t *len);

/* Reads a source file whole (a `.gz` one decompressed, with zlib), at most
 * GAZ_FILE_MAX bytes of text; IM_E_TOO_LARGE past that. */
im_status gaz_read_source(const char *path, char **data, size_t *len, im_error *err);
/* 1 for a detail file's name (detail-*.txt or detail-*.txt.gz). */
int gaz_file_is_detail(const char *name);

/* What a source file holds, from its name. */
typedef enum gaz_ftype { GAZ_FT_PLACES, GAZ_FT_ADMIN1, GAZ_FT_ALTERNATES, GAZ_FT_NONE } gaz_ftype;
gaz_ftype gaz_file_type(const char *name);
/* Precedence of a places file: higher wins when two give the same id. */
int gaz_file_rank(const char *name);

/* The source files of dir, sorted by precedence (lowest first); caller frees
 * with gaz_files_free. */
typedef struct gaz_file {
	char *name;   /* base name */
	char *path;
	gaz_ftype type;
	int rank;
	int detail;   /* gaz_file_is_detail */
	int64_t size, mtime_ns;
	uint64_t ino;
} gaz_file;
im_status gaz_files_list(const char *dir, gaz_file **out, size_t *n, im_error *err);
void gaz_files_free(gaz_file *f, size_t n);

/* Kind of a source row from its feature class, code and population. */
im_kind gaz_kind_of(const char *fclass, const char *fcode, int64_t pop);
/* The class and code a user entry of kind k is written with. */
void gaz_kind_codes(im_kind k, const char **fclass, const char **fcode);

/* Compiles dir into a blob (malloc'd, caller frees). */
im_status gaz_compile(const char *dir, void **blob, size_t *size, im_error *err);
/* Place i of the index (i < n_places) as an im_place. */
void gaz_fill_place(const im_gaz *g, uint32_t i, im_place *p);
/* Checks that a blob is whole and consistent (its checksum, its sections'
 * bounds, every place's coordinates, kind and strings); fills g's section
 * pointers. 0 when any check fails: the index is rebuilt, not served. */
int gaz_attach(im_gaz *g, const void *base, size_t size);
/* The checksum of a blob of `size` bytes (a multiple of 8, at least a
 * header), its header's `sum` counted as 0. Not cryptographic: it finds a
 * disk's or an editor's damage, not a forger's. */
uint64_t gaz_checksum(const void *base, size_t size);
/* Writes the checksum into a blob's header (the last step of compiling). */
void gaz_seal(void *base, size_t size);

/* Where the index of dir lives (caller frees): dir/gazetteer.idx when dir is
 * writable, else in the user's cache folder. */
char *gaz_index_path(const char *dir);

/* Test hook: 1 when INCIMAP_FAULT names this point (see docs/gazetteer.md). */
int gaz_fault(const char *point);

/* ---- where a point lies (where.c) ------------------------------------------ */

/* The base-map shapes of a folder, opened on first use and kept for the
 * points that follow (an import places thousands). */
typedef struct gaz_shapes gaz_shapes;
gaz_shapes *gaz_shapes_new(const char *dir); /* NULL: no memory */
void gaz_shapes_free(gaz_shapes *s);         /* NULL is fine */
/* im_gaz_where with shapes kept open. */
im_status gaz_shapes_where(gaz_shapes *s, const im_gaz *g, double lat, double lon, char cc[3],
                           char *admin1, size_t cap, im_error *err);

/* ---- places kept in spreadsheets and GIS layers (share.c) ------------------ */

#define GAZ_IMPORT_MAX 1000000 /* places in one CSV or GeoJSON import */

/* A place read from a CSV or GeoJSON file: an entry to add, its own id
 * (NULL: made from its name) and the line it starts on. Strings owned. */
typedef struct gaz_in {
	im_gaz_entry e;
	char *id;
	long line;
	int has_lat, has_lon;
} gaz_in;

typedef struct gaz_inlist {
	gaz_in *v;
	size_t n, cap;
} gaz_inlist;

/* Read the places of a CSV with a header row (columns named as analysts
 * name them: name, lat/latitude/y, lon/lng/longitude/x, alternate names,
 * country, admin1/province, kind/type, population, id; separated by ',',
 * ';' or tabs) or of a GeoJSON FeatureCollection of Points. The first
 * problem is returned as path:line. path only names the data in messages.
 * Caller frees out with gaz_inlist_free (also after a failure: harmless). */
im_status gaz_read_csv(const char *path, const char *data, size_t len, gaz_inlist *out,
                       im_error *err);
im_status gaz_read_geojson(const char *path, const char *data, size_t len, gaz_inlist *out,
                           im_error *err);
/* The same of a GeoPackage's point layer named layer or, layer NULL, its
 * only one (a file of several is refused, its point layers listed), in
 * WGS 84 (EPSG:4326), its columns named as a CSV's; the first problem as
 * "path: layer 'L', feature N: ...". data is read as a database in
 * memory, never written. */
im_status gaz_read_gpkg(const char *path, const char *data, size_t len, const char *layer,
                        gaz_inlist *out, im_error *err);
void gaz_inlist_free(gaz_inlist *l);

#endif
