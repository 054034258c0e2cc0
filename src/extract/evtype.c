/* evtype.c: event triggers and ACLED event types. A trigger is a word or
 * phrase that says an event happened ("car bomb", "suicide bomber", "drone
 * strike", "clashed", "sit-in", "kidnapped"); the triggers of one incident,
 * with its target, decide its event_type and sub_event_type. */
#include "extract_int.h"

#include <string.h>
#include <strings.h>

static const struct {
	const char *type, *sub;
} names[XE_N] = {
	[XE_NONE] = {NULL, NULL},
	[XE_SUICIDE] = {"Explosions/Remote violence", "Suicide bomb"},
	[XE_AIR] = {"Explosions/Remote violence", "Air/drone strike"},
	[XE_SHELL] = {"Explosions/Remote violence", "Shelling/artillery/missile attack"},
	[XE_GRENADE] = {"Explosions/Remote violence", "Grenade"},
	[XE_IED] = {"Explosions/Remote violence", "Remote explosive/landmine/IED"},
	[XE_ABDUCT] = {"Violence against civilians", "Abduction/forced disappearance"},
	[XE_SEXUAL] = {"Violence against civilians", "Sexual violence"},
	[XE_ATTACK] = {"Violence against civilians", "Attack"},
	[XE_CLASH] = {"Battles", "Armed clash"},
	[XE_TAKEOVER] = {"Battles", "Non-state actor overtakes territory"},
	[XE_EXCESSIVE] = {"Protests", "Excessive force against protesters"},
	[XE_INTERVENED] = {"Protests", "Protest with intervention"},
	[XE_RIOT] = {"Riots", "Violent demonstration"},
	[XE_MOB] = {"Riots", "Mob violence"},
	[XE_PROTEST] = {"Protests", "Peaceful protest"},
	[XE_KILLING] = {"Violence against civilians", "Attack"},
	[XE_ATTACKWORD] = {"Violence against civilians", "Attack"},
	[XE_DISRUPTED] = {"Strategic developments", "Disrupted weapons use"},
	[XE_ARREST] = {"Strategic developments", "Arrests"},
	[XE_LOOT] = {"Strategic developments", "Looting/property destruction"},
	[XE_HQ] = {"Strategic developments", "Headquarters or base established"},
};

const char *xe_event_type(xe_kind k)
{
	return k > XE_NONE && k < XE_N ? names[k].type : NULL;
}

const char *xe_sub_event_type(xe_kind k)
{
	return k > XE_NONE && k < XE_N ? names[k].sub : NULL;
}

int im_event_type_lookup(const char *name, const char **type, const char **sub)
{
	for (int k = XE_NONE + 1; k < XE_N; k++) {
		if (strcasecmp(name, names[k].sub) == 0) {
			*type = names[k].type;
			*sub = names[k].sub;
			return 1;
		}
		if (strcasecmp(name, names[k].type) == 0) {
			*type = names[k].type;
			*sub = NULL;
			return 1;
		}
	}
	return 0;
}


int xt_figurative(const xt_doc *d, size_t k, size_t e, size_t t1)
{
	/* a team's attack: "tore through the Basra defence" */
	if (xt_is(d, k, "attack") || xt_is(d, k, "attacks")) {
		for (size_t m = e; m < t1 && m < e + 7; m++)
			if (xt_is(d, m, "defence") || xt_is(d, m, "defense") ||
			    xt_is(d, m, "midfield") || xt_is(d, m, "goalkeeper"))
				return 1;
	}
	/* the object, within three words, before any preposition ("shot
	 * dead in a video" is a killing) */
	for (size_t m = e; m < t1 && m < e + 4; m++) {
		if (xt_is(d, m, ".") || xt_is(d, m, ",") || xt_is(d, m, ";") || xt_is(d, m, "in") ||
		    xt_is(d, m, "at") || xt_is(d, m, "on") || xt_is(d, m, "during") ||
		    xt_is(d, m, "near") || xt_is(d, m, "by") || xt_is(d, m, "with") ||
		    xt_is(d, m, "as") || xt_is(d, m, "while") || xt_is(d, m, "dead"))
			break;
		if (xt_lex_in(&xt_triggercues, d, m, XU_NOT_VICTIM))
			return 1;
	}
	/* "sentenced to death", "bored to death": no killing ("hacked a
	 * blogger to death" is) */
	if (xt_is(d, k, "to") && e < t1 && xt_is(d, e - 1, "death") && k > 0) {
		for (size_t b = k, hops = 0; b > 0 && hops < 3; hops++)
			if (xt_lex_in(&xt_triggercues, d, --b, XU_NOT_KILLED))
				return 1;
	}
	/* "the firing of the coach", "a firing range": not gunfire ("firing
	 * of shots" is) */
	if (xt_is(d, k, "firing") && e < t1) {
		if (xt_lex_in(&xt_triggercues, d, e, XU_AIMLESS))
			return 1;
		if (xt_is(d, e, "of")) {
			size_t m = e + 1;
			while (m < t1 && m < e + 4 && !xt_lex_in(&xt_triggercues, d, m, XU_SHOTS) &&
			       !(d->tok[m].f & XT_PUNCT))
				m++;
			return m >= t1 || !xt_lex_in(&xt_triggercues, d, m, XU_SHOTS);
		}
	}
	/* "prices exploded", "demand exploded to a high" */
	if (xt_is(d, k, "exploded") || xt_is(d, k, "explode") || xt_is(d, k, "explodes")) {
		if (k > 0 && xt_lex_in(&xt_triggercues, d, k - 1, XU_BOOMING))
			return 1;
		if (e < t1 && (xt_is(d, e, "to") || xt_is(d, e, "into")) && e + 1 < t1 &&
		    !xt_is(d, e + 1, "pieces") && !xt_is(d, e + 1, "flames"))
			return 1;
	}
	return 0;
}

/* 1 when the clause from k to the next punctuation tells a death ("who
 * was killed by a bomb"): the incident itself, not a passing word. */
static int tells_death(const xt_doc *d, size_t k, size_t t1)
{
	for (; k < t1 && !(d->tok[k].f & XT_PUNCT); k++) {
		const xt_lex *hit;
		if (xt_lex_match(&xt_trigwords, d, k, t1, &hit) && hit->v / 10 == XE_KILLING)
			return 1;
	}
	return 0;
}

/* 1 when the trigger at k lies in a clause set off by a comma and opened
 * by a relative word, a clause that tells no death: "the group, which has
 * used drones before", "the governor, who survived a bombing": something
 * said in passing of a noun, not the incident the sentence tells. */
static int in_relative_clause(const xt_doc *d, size_t t0, size_t k, size_t t1)
{
	static const char *const rel[] = {"which", "who", "whose", "whom", "where", NULL};
	for (size_t b = k; b > t0 + 1 && k - b < 16;) {
		b--;
		if (xt_is_any(d, b, rel))
			return xt_is(d, b - 1, ",") && !tells_death(d, b + 1, t1);
		if (d->tok[b].f & XT_PUNCT)
			return 0;
	}
	return 0;
}

/* 1 when the weapon at [k, e) is told as seen, flown, made or sold
 * ("drones were seen over", "jets flying over the town", "drones made in
 * Iran"): after it, at most two words of "be" or "have", then a verb of
 * group 11 of trigger-cues.txt. */
static int sighted(const xt_doc *d, size_t e, size_t t1)
{
	static const char *const aux[] = {"was", "were", "is", "are", "been", "had", "has",
					  "have", "being", NULL};
	size_t m = e;
	while (m < t1 && m < e + 2 && xt_is_any(d, m, aux))
		m++;
	return m < t1 && xt_lex_in(&xt_triggercues, d, m, XU_SIGHTED);
}

size_t xt_triggers(const xt_doc *d, size_t t0, size_t t1, xt_trig *out, size_t max)
{
	if (t1 > d->ntok)
		t1 = d->ntok;
	size_t n = 0;
	for (size_t k = t0; k < t1 && n < max;) {
		if (!(d->tok[k].f & XT_WORD) || (d->tok[k].f & XT_NUM)) {
			k++;
			continue;
		}
		const xt_lex *hit;
		size_t len = xt_lex_match(&xt_trigwords, d, k, t1, &hit);
		if (!len) {
			k++;
			continue;
		}
		xe_kind kind = (xe_kind)(hit->v / 10);
		int strength = hit->v % 10;
		xt_trig t = {kind, k, k + len, 0, strength};
		if (strength < 3 && xt_figurative(d, k, k + len, t1)) {
			k += len;
			continue;
		}
		/* Capitalised mid-sentence words are names ("Operation Attack"). */
		if ((d->tok[k].f & XT_CAP) && !(d->tok[k].f & XT_SSTART) && strength < 3 &&
		    !(d->tok[k].f & XT_UPPER)) {
			k += len;
			continue;
		}
		/* Determiner before: "the attack", "the twin bombings". */
		for (size_t b = k, hops = 0; b > t0 && hops < 4; hops++) {
			b--;
			if (xt_is(d, b, "the") || xt_is(d, b, "this") || xt_is(d, b, "that") ||
			    xt_is(d, b, "these") || xt_is(d, b, "those") || xt_is(d, b, "its") ||
			    xt_is(d, b, "yesterday's") || (d->tok[b].f & XT_POSS)) {
				t.flags |= XE_ANAPHOR;
				break;
			}
			if (!(d->tok[b].f & XT_WORD) || xt_is(d, b, "a") || xt_is(d, b, "an") ||
			    (d->tok[b].f & XT_NUM))
				break;
		}
		/* Generic or habitual: "such bombings often", "an increase in
		 * attacks", "ramped up attacks", "a campaign of arrests". */
		for (size_t b = k, hops = 0; b > t0 && hops < 4; hops++) {
			b--;
			static const char *const gen[] = {"such", "any", "every", "more", "against",
			                                  NULL};
			if (xt_is_any(d, b, gen) || xt_lex_in(&xt_triggercues, d, b, XU_GENERIC)) {
				t.flags |= XE_GENERIC;
				break;
			}
			if (!(d->tok[b].f & XT_WORD))
				break;
		}
		if (k + len < t1) {
			size_t a = k + len;
			if (xt_is(d, a, "often") || xt_is(d, a, "usually") || xt_is(d, a, "typically"))
				t.flags |= XE_GENERIC;
		}
		/* Planned, not done. (Foiled, defused: a disrupted weapon, which
		 * the incident's type tells; prevented: nothing to place.) */
		for (size_t b = k, hops = 0; b > t0 && hops < 5; hops++) {
			b--;
			static const char *const neg[] = {"would", "could", "no", "never", NULL};
			if (xt_is_any(d, b, neg) || xt_lex_in(&xt_triggercues, d, b, XU_PLANNED)) {
				t.flags |= XE_NEGATED;
				break;
			}
		}
		if (k + len + 1 < t1 && (xt_is(d, k + len, "was") || xt_is(d, k + len, "were")) &&
		    (xt_is(d, k + len + 1, "found") || xt_is(d, k + len + 1, "seized")))
			t.flags |= XE_NEGATED;
		/* "dead" as in "the dead", "dead bodies" is still a killing, but
		 * "shot" must not be "shot down" or a photo "shot". */
		if (kind == XE_ATTACK && xt_is(d, k, "shot") && k + 1 < t1 &&
		    (xt_is(d, k + 1, "down") || xt_is(d, k + 1, "at"))) {
			if (xt_is(d, k + 1, "down")) {
				k += len;
				continue;
			}
		}
		if (in_relative_clause(d, t0, k, t1) || sighted(d, k + len, t1))
			t.flags |= XE_ASIDE;
		out[n++] = t;
		k += len;
	}
	return n;
}

/* After "at", "near", "outside" ... at k: the end of a phrase that names a
 * military place as where it happened ("at a police checkpoint", "near an
 * army base"), else 0. The victim shot there is not the checkpoint. */
static size_t place_phrase_end(const xt_doc *d, size_t k, size_t t1)
{
	static const char *const at[] = {"at", "near", "outside", "in", "through", "past",
					 "by", "beside", "close", NULL};
	if (!xt_is_any(d, k, at))
		return 0;
	for (size_t j = k + 1; j < t1 && j < k + 5; j++) {
		if (xt_lex_in(&xt_triggercues, d, j, XU_ARMED_PLACE))
			return j + 1;
		if (d->tok[j].f & XT_PUNCT)
			break;
	}
	return 0;
}

int xt_armed_target(const xt_doc *d, size_t t0, size_t t1)
{
	if (t1 > d->ntok)
		t1 = d->ntok;
	for (size_t k = t0; k < t1; k++) {
		size_t pe = place_phrase_end(d, k, t1);
		if (pe) {
			k = pe - 1;
			continue;
		}
		if (!xt_lex_in(&xt_triggercues, d, k, XU_ARMED))
			continue;
		/* "police sources said", "security officials": a source, not a target. */
		if (k + 1 < t1 && xt_lex_in(&xt_triggercues, d, k + 1, XU_SOURCE))
			continue;
		if (xt_is(d, k, "security") &&
		    !(k + 1 < t1 && (xt_is(d, k + 1, "forces") || xt_is(d, k + 1, "personnel") ||
				     xt_is(d, k + 1, "members") || xt_is(d, k + 1, "guards"))))
			continue;
		/* "according to police", "police said" */
		if (k > t0 && (xt_is(d, k - 1, "to") || xt_is(d, k - 1, "by")) &&
		    xt_is(d, k, "police"))
			continue;
		/* "Police in Karachi said": speakers where they are */
		if (k + 2 < t1 && (xt_is(d, k + 1, "in") || xt_is(d, k + 1, "at") ||
				   xt_is(d, k + 1, "from"))) {
			int says = 0;
			for (size_t m = k + 2; m < t1 && m < k + 6 && !says; m++)
				says = xt_is(d, m, "said") || xt_is(d, m, "says") || xt_is(d, m, "told") ||
				       xt_is(d, m, "reported");
			if (says)
				continue;
		}
		return 1;
	}
	return 0;
}

int xt_victims_armed(const xt_doc *d, size_t t0, size_t t1, const xt_trig *tr, size_t n)
{
	for (size_t t = 0; t < n; t++) {
		if (tr[t].kind != XE_ATTACK && tr[t].kind != XE_KILLING &&
		    tr[t].kind != XE_ATTACKWORD && tr[t].kind != XE_CLASH)
			continue;
		size_t hi = tr[t].t1 + 10 < t1 ? tr[t].t1 + 10 : t1;
		/* the object ends where another clause or the agent begins:
		 * "were shot dead when gunmen opened fire", "killed by militants" */
		for (size_t m = tr[t].t1; m < hi; m++)
			if (xt_is(d, m, "when") || xt_is(d, m, "after") || xt_is(d, m, "as") ||
			    xt_is(d, m, "while") || xt_is(d, m, "because") || xt_is(d, m, "by")) {
				hi = m;
				break;
			}
		if (xt_armed_target(d, tr[t].t1, hi))
			return 1;
		int passive = tr[t].t0 > t0 && (xt_is(d, tr[t].t0 - 1, "were") ||
						xt_is(d, tr[t].t0 - 1, "was") ||
						xt_is(d, tr[t].t0 - 1, "been"));
		size_t lo = tr[t].t0 > t0 + 6 ? tr[t].t0 - 6 : t0;
		if (passive && xt_armed_target(d, lo, tr[t].t0))
			return 1;
	}
	return 0;
}

static int prio(xe_kind k)
{
	switch (k) {
	case XE_SUICIDE: return 100;
	case XE_AIR: return 95;
	case XE_SHELL: return 90;
	case XE_GRENADE: return 85;
	case XE_IED: return 80;
	case XE_ABDUCT: return 70;
	case XE_SEXUAL: return 68;
	case XE_EXCESSIVE: return 65;
	case XE_MOB: return 62;
	case XE_RIOT: return 60;
	case XE_INTERVENED: return 58;
	case XE_PROTEST: return 55;
	case XE_TAKEOVER: return 52;
	case XE_CLASH: return 50;
	case XE_ATTACK: return 45;
	case XE_KILLING: return 30;
	case XE_ATTACKWORD: return 20;
	/* Strategic developments: only when nothing violent is told */
	case XE_HQ: return 6;
	case XE_LOOT: return 5;
	case XE_ARREST: return 4;
	default: return 0;
	}
}

xe_kind xt_decide_kind(const xt_trig *t, size_t n, int armed_target, int protesters_hit)
{
	int has[XE_N] = {0};
	int maxstr[XE_N] = {0};
	/* words said in passing count only when nothing else names a type
	 * ("seven were killed in Sanaa, where warplanes struck": the
	 * warplanes tell what the killing was) */
	unsigned skip = XE_NEGATED;
	for (size_t i = 0; i < n; i++)
		if (!(t[i].flags & (XE_NEGATED | XE_ASIDE)) && t[i].kind != XE_KILLING &&
		    t[i].kind != XE_ATTACKWORD)
			skip = XE_NEGATED | XE_ASIDE;
	for (size_t i = 0; i < n; i++) {
		if (t[i].flags & skip)
			continue;
		has[t[i].kind] = 1;
		if (t[i].strength > maxstr[t[i].kind])
			maxstr[t[i].kind] = t[i].strength;
	}
	/* Demonstrations first: what happened to or at them decides. */
	if (has[XE_PROTEST]) {
		if (has[XE_MOB])
			return XE_MOB;
		if (has[XE_RIOT] || (has[XE_CLASH] && !armed_target) || has[XE_CLASH])
			return has[XE_EXCESSIVE] || protesters_hit ? XE_EXCESSIVE : XE_RIOT;
		if (has[XE_EXCESSIVE] || protesters_hit)
			return XE_EXCESSIVE;
		if (has[XE_INTERVENED])
			return XE_INTERVENED;
		/* A bombing of a protest is still a bombing. */
		if (!has[XE_SUICIDE] && !has[XE_IED] && !has[XE_AIR] && !has[XE_SHELL] &&
		    !has[XE_GRENADE])
			return XE_PROTEST;
	}
	if (has[XE_RIOT] && maxstr[XE_RIOT] >= 3 && !has[XE_IED] && !has[XE_SUICIDE])
		return XE_RIOT;
	if (has[XE_MOB])
		return XE_MOB;
	/* Weak explosion words ("blast") lose to a named weapon. */
	xe_kind best = XE_NONE;
	int bp = 0;
	for (int k = 1; k < XE_N; k++) {
		if (!has[k])
			continue;
		int p = prio((xe_kind)k);
		/* A bare "bomb"/"blast" next to an air strike or shelling is its explosion. */
		if (k == XE_IED && maxstr[k] < 3 && (has[XE_AIR] || has[XE_SHELL] || has[XE_SUICIDE]))
			continue;
		/* "jets", "aerial", "bombed" alone are weak: a clash or attack wins. */
		if (k == XE_AIR && maxstr[k] < 3 && (has[XE_CLASH] || has[XE_ATTACK]))
			continue;
		if (k == XE_INTERVENED || k == XE_EXCESSIVE || k == XE_RIOT)
			continue; /* only with a protest */
		if (p > bp) {
			bp = p;
			best = (xe_kind)k;
		}
	}
	/* Shootings, killings and plain "attacks": by the target. */
	if (best == XE_ATTACK || best == XE_KILLING || best == XE_ATTACKWORD)
		best = armed_target ? XE_CLASH : XE_ATTACK;
	/* A raid or storming of a place without armed people: still a clash
	 * when the attackers are armed, which they are. */
	return best;
}
