/* incident.h: the incident record every stage passes on, and lists of them.
 * Field names follow DESIGN.md's property table (and ACLED). */
#ifndef IM_INCIDENT_H
#define IM_INCIDENT_H

#include "../core/im.h"

/* One report that describes an incident. All strings owned, may be NULL. */
typedef struct im_source {
	char *id;    /* as the JSONL input gave it */
	char *file;  /* path of the article file, or NULL */
	char *url;
	char *date;  /* "YYYY-MM-DD" publication date, or NULL */
	char *title;
	char text_hash[20]; /* im_text_hash of the report's text, "" when not
	                     * known: how the store knows a text it has read
	                     * under another name */
} im_source;

/* Integers that may be null in the output use IM_NULL_INT. */
#define IM_NULL_INT (-1)

/* One incident. Every string is owned by the record (malloc'd, freed by
 * im_incident_clear); NULL means the property is absent/null. */
typedef struct im_incident {
	char *id;
	int has_point;           /* 0: no geometry (null in GeoJSON) */
	double lon, lat;         /* WGS 84 degrees */
	im_date event_date;      /* y == 0: null */
	int time_precision;      /* 1 day, 2 week/approx, 3 month or vaguer */
	char *date_text;
	char *event_type;
	char *sub_event_type;
	char *place;
	char *place_text;
	char *admin1;
	char *country;           /* ISO 3166-1 alpha-2 */
	int geo_precision;       /* 1 place, 2 near/part of it, 3 province */
	char *gazetteer_id;
	int fatalities;          /* IM_NULL_INT when no figure */
	int injuries;            /* IM_NULL_INT when no figure */
	char **actors;
	size_t n_actors;
	im_source *sources;
	size_t n_sources;
	char *notes;
	double confidence;       /* 0..1 */
} im_incident;

/* Sets every field to its empty value (nulls, precision 3, confidence 0). */
void im_incident_init(im_incident *inc);
/* Frees what the record owns and re-initialises it. */
void im_incident_clear(im_incident *inc);
/* Deep copy of src into *dst (dst is overwritten, not freed first). */
im_status im_incident_copy(im_incident *dst, const im_incident *src);
/* Appends a copy of s to the actors (skipped when already there). */
im_status im_incident_add_actor(im_incident *inc, const char *s);
/* Appends a deep copy of src to the sources. */
im_status im_incident_add_source(im_incident *inc, const im_source *src);
/* Replaces *field with a copy of s (s may be NULL). */
im_status im_set_str(char **field, const char *s);
void im_source_clear(im_source *s);

/* A growable array of incidents that owns them. Zero-initialise. */
typedef struct im_incident_list {
	im_incident *v;
	size_t n, cap;
} im_incident_list;

/* Moves *inc into the list (the list owns it, *inc is re-initialised). */
im_status im_list_push(im_incident_list *l, im_incident *inc);
void im_list_clear(im_incident_list *l);
/* Sorts by event_date (nulls last), then id: the order outputs use. */
void im_list_sort(im_incident_list *l);

/* A stable id from arbitrary bytes: "im-" and 16 hex digits of a 64-bit
 * FNV-1a hash. buf must hold 20 bytes. */
void im_make_id(const void *data, size_t n, char buf[20]);
/* The same of a report's text as normalised: ASCII letters in lower case,
 * each run of white space (and no-break spaces) one space, none at either
 * end; so a copy re-saved with other line ends or spacing hashes alike. */
void im_text_hash(const char *text, size_t n, char buf[20]);

#endif
