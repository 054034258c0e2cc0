/* fuzz_csv.c: libFuzzer target for the CSV reader (ours and ACLED's); what it
 * reads must also survive a round trip through every writer. The input is
 * also taken as one sources cell: when the fast decoder takes it, json-c
 * must read the same sources from it. */
#include "fuzz_io_common.h"
#include "core/utf8.h"

static void sources_agree(const char *s, size_t n)
{
	if (n > 4096 || !im_utf8_valid(s, n, NULL))
		return;
	im_incident a, b;
	im_incident_init(&a);
	im_incident_init(&b);
	if (im_io_sources_fast(&a, s, n) == 1) {
		json_tokener *tok = json_tokener_new_ex(8);
		json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
		json_object *o = json_tokener_parse_ex(tok, s, (int)n);
		int ok = o && json_tokener_get_error(tok) == json_tokener_success &&
			 json_tokener_get_parse_end(tok) == n && json_object_is_type(o, json_type_array);
		im_io_where w = {"cell", 1, 1, 1};
		im_error e;
		if (!ok || im_io_sources_from_json(&b, o, &w, "sources", &e) != IM_OK) {
			fprintf(stderr, "the fast sources decoder took what json-c refuses: %.*s\n", (int)n, s);
			abort();
		}
		json_object_put(o);
		json_tokener_free(tok);
		a.id = b.id = NULL;
		b.has_point = a.has_point;
		fz_same(&a, &b);
	}
	im_incident_clear(&a);
	im_incident_clear(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sources_agree((const char *)data, size);
	return fz_run(data, size, IM_FMT_CSV);
}
