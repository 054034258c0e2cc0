/* cmd_geocode.c: `incimap geocode NAME...`: gazetteer candidates, best first. */
#include "cli.h"
#include "../core/buf.h"
#include "../core/opt.h"
#include "../core/utf8.h"
#include "../gazetteer/gazetteer.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
	"Usage: incimap geocode NAME... [--country CC] [--near LAT,LON] [--json] [--limit N]\n"
	"List the gazetteer's candidates for each NAME, best first, with the reasons\n"
	"for their rank.\n"
	"\n"
	"      --country CC    only places in this country (ISO 3166-1 alpha-2)\n"
	"      --near LAT,LON  prefer places near this point\n"
	"      --json          one JSON object a line: {\"query\", \"results\": [...]}\n"
	"  -n, --limit N       at most N candidates a name (default 5)\n"
	"      --gazetteer DIR gazetteer folder\n"
	"      --help          show this help\n"
	"\n"
	"Exit status 1 when some NAME has no candidate.\n";

static void print_json(const char *q, const im_gaz_cand *c, size_t n)
{
	im_buf b = IM_BUF_INIT;
	im_buf_puts(&b, "{\"query\":");
	im_buf_json_str(&b, q);
	im_buf_puts(&b, ",\"results\":[");
	for (size_t i = 0; i < n; i++) {
		const im_place *p = &c[i].place;
		im_buf_puts(&b, i ? ",{\"id\":" : "{\"id\":");
		im_buf_json_str(&b, p->id);
		im_buf_puts(&b, ",\"name\":");
		im_buf_json_str(&b, p->name);
		im_buf_puts(&b, ",\"lat\":");
		im_buf_num(&b, p->lat, 6);
		im_buf_puts(&b, ",\"lon\":");
		im_buf_num(&b, p->lon, 6);
		im_buf_puts(&b, ",\"country\":");
		im_buf_json_str(&b, p->country);
		im_buf_puts(&b, ",\"admin1\":");
		im_buf_json_str(&b, p->admin1);
		im_buf_puts(&b, ",\"kind\":");
		im_buf_json_str(&b, im_kind_name(p->kind));
		im_buf_printf(&b, ",\"population\":%lld,\"score\":", (long long)p->population);
		im_buf_num(&b, c[i].score, 4);
		im_buf_putc(&b, '}');
	}
	im_buf_puts(&b, "]}\n");
	if (b.p)
		fputs(b.p, stdout);
	im_buf_free(&b);
}

int im_cmd_geocode(int argc, char **argv)
{
	enum { O_COUNTRY = 1, O_NEAR, O_JSON };
	static const struct option opts[] = {
		{"country", required_argument, NULL, O_COUNTRY},
		{"near", required_argument, NULL, O_NEAR},
		{"json", no_argument, NULL, O_JSON},
		{"limit", required_argument, NULL, 'n'},
		IM_CLI_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	im_cli cli = {0};
	im_gaz_ctx ctx;
	memset(&ctx, 0, sizeof ctx);
	ctx.all_detail = 1; /* a look-up tool: every country's villages are candidates */
	char cc[3] = "";
	int json = 0;
	long limit = 5;
	int c;
	while ((c = getopt_long(argc, argv, "n:qh", opts, NULL)) != -1) {
		int done, rc;
		char *end;
		switch (c) {
		case 'q': cli.quiet = 1; break;
		case 'h': fputs(help, stdout); return IM_EXIT_OK;
		case O_COUNTRY:
			if (strlen(optarg) != 2 || !isalpha((unsigned char)optarg[0]) ||
			    !isalpha((unsigned char)optarg[1]))
				return im_cli_usage("geocode", "--country wants a two-letter code, not '%s'", optarg);
			cc[0] = (char)toupper((unsigned char)optarg[0]);
			cc[1] = (char)toupper((unsigned char)optarg[1]);
			ctx.only_country = cc;
			break;
		case O_NEAR:
			if (!im_opt_latlon(optarg, &ctx.near_lat, &ctx.near_lon))
				return im_cli_usage("geocode", "--near wants LAT,LON in degrees, not '%s'", optarg);
			ctx.has_near = 1;
			break;
		case O_JSON: json = 1; break;
		case 'n':
			errno = 0;
			limit = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || limit < 1 || limit > 1000)
				return im_cli_usage("geocode", "--limit wants 1..1000, not '%s'", optarg);
			break;
		default:
			rc = im_cli_common(&cli, c, optarg, "geocode", help, &done);
			if (done || rc != IM_EXIT_OK)
				return rc < 0 ? IM_EXIT_USAGE : rc;
		}
	}
	if (optind >= argc)
		return im_cli_usage("geocode", "give at least one NAME");
	for (int i = optind; i < argc; i++)
		if (!im_utf8_valid(argv[i], strlen(argv[i]), NULL))
			return im_cli_usage("geocode", "NAME %d is not valid UTF-8", i - optind + 1);
	im_cli_resolve(&cli);
	im_error err;
	im_error_clear(&err);
	im_gaz *gaz;
	if (im_gaz_open(cli.gazetteer, &gaz, &err))
		return im_cli_fail(&err);
	if (cc[0] && !im_gaz_country_name(gaz, cc)) {
		im_gaz_free(gaz);
		return im_cli_usage("geocode", "--country: '%s' is no country the gazetteer knows",
		                    cc);
	}
	im_gaz_cand *cand = calloc((size_t)limit, sizeof *cand);
	if (!cand) {
		im_gaz_free(gaz);
		fprintf(stderr, "incimap: out of memory\n");
		return IM_EXIT_FAIL;
	}
	int missing = 0;
	for (int i = optind; i < argc; i++) {
		size_t total = im_gaz_lookup(gaz, argv[i], strlen(argv[i]), &ctx, cand, (size_t)limit);
		size_t n = total < (size_t)limit ? total : (size_t)limit;
		if (!total)
			missing = 1;
		if (json) {
			print_json(argv[i], cand, n);
			continue;
		}
		printf("%s:%s\n", argv[i], total ? "" : " no match");
		for (size_t k = 0; k < n; k++) {
			const im_place *p = &cand[k].place;
			char why[160];
			im_gaz_why(&cand[k], why, sizeof why);
			printf("  %zu. %s (%s%s%s) %.6f,%.6f  %s  pop %lld  score %.3f  [%s]\n      %s\n",
			       k + 1, p->name, p->admin1[0] ? p->admin1 : "", p->admin1[0] ? ", " : "",
			       p->country[0] ? p->country : "--", p->lat, p->lon, im_kind_name(p->kind),
			       (long long)p->population, cand[k].score, p->id, why);
		}
		if (total > n)
			printf("  ... %zu more\n", total - n);
	}
	free(cand);
	im_gaz_free(gaz);
	return missing ? IM_EXIT_FAIL : IM_EXIT_OK;
}
