/* test_skeleton.c: lib's http/names.c, ICU's TS #39 skeletons and
 * refusals of player names: which names are one player to a person, and
 * which names no new player may take. */
#include "http/names.h"
#include "sys/sys.h"
#include "unit.h"

#include <string.h>

/* 1 when name's skeleton is want. */
static int skeleton_is(const char *name, const char *want)
{
	char s[NAME_SKELETON_BYTES];

	return name_skeleton(name, s) == 0 && strcmp(s, want) == 0;
}

int main(void)
{
	/* Look-alikes of fred, all fred's skeleton and the same player. */
	static const char *const freds[] = {
		"fred", "Fred", "FRED", "fr\xd0\xb5" "d" /* Cyrillic е */,
		"\xef\xbd\x86\xef\xbd\x92\xef\xbd\x85\xef\xbd\x84" /* ｆｒｅｄ */,
		"\xf0\x9d\x90\x9f\xf0\x9d\x90\xab\xf0\x9d\x90\x9e\xf0\x9d\x90\x9d" /* 𝐟𝐫𝐞𝐝 */,
		"fred\xe3\x85\xa4" /* a Hangul filler after it */,
	};
	/* Names of every alphabet that still join. */
	static const char *const fine[] = {
		"fred", "Fred", "Jos\xc3\xa9", "Zo\xc3\xab", "\xe6\x9d\x8e\xe9\x9b\xb7",
		"\xd0\x94\xd0\xbc\xd0\xb8\xd1\x82\xd1\x80\xd0\xb8\xd0\xb9",   /* Дмитрий */
		"\xd9\x85\xd8\xad\xd9\x85\xd8\xaf",                           /* محمد */
		"\xe0\xa4\x85\xe0\xa4\xa8\xe0\xa4\xa8\xe0\xa5\x8d\xe0\xa4\xaf\xe0\xa4\xbe", /* अनन्या */
		"\xe1\xbc\x88\xce\xb8\xce\xb7\xce\xbd\xe1\xbe\xb6",           /* Ἀθηνᾶ */
		"x\xc2\xb2", "ann\xe6\x9d\x8e\xe9\x9b\xb7",                   /* x², ann李雷 */
		"\xef\xbd\x86\xef\xbd\x92\xef\xbd\x85\xef\xbd\x84",           /* ｆｒｅｄ: fred */
	};
	/* Names no new player may take: invisible, or alphabets mixed. */
	static const char *const refused[] = {
		"\xe3\x85\xa4", "\xef\xbe\xa0", "\xe1\x85\x9f",     /* Hangul fillers alone */
		"\xe3\x85\xa4\xe3\x85\xa4", "fred\xe3\x85\xa4", "fred\xef\xbe\xa0",
		"fred\xe1\x85\x9f", "fr\xe2\x80\x8b" "ed" /* zero-width space */,
		"fred\xe2\x80\x8d" /* zero-width joiner */, "fred\xef\xb8\x8f" /* VS16 */,
		"fr\xd0\xb5" "d", "\xd1\x80" "aypal" /* Cyrillic р */,
		"fred\xce\xb1" /* Latin and Greek */, "fred\xd9\xa1" /* an Arabic digit */,
	};

	for (size_t i = 0; i < LEN(freds); i++) {
		CHECK(skeleton_is(freds[i], "fred"));
		CHECK(name_same(freds[i], "fred"));
	}
	CHECK(name_same_spelling("Fred", "fred"));
	CHECK(name_same_spelling("\xf0\x9d\x90\x9f\xf0\x9d\x90\xab\xf0\x9d\x90\x9e\xf0\x9d\x90\x9d", "fred"));
	CHECK(!name_same_spelling("fr\xd0\xb5" "d", "fred"));      /* alike, not the same */
	CHECK(name_same("\xd0\xb0\xd1\x80\xd0\xb5", "ape"));        /* Cyrillic аре */
	CHECK(!name_same_spelling("\xd0\xb0\xd1\x80\xd0\xb5", "ape"));
	CHECK(name_same("rn", "m"));                                /* rn reads as m */
	CHECK(!name_same("fred", "freddy"));
	CHECK(!name_same("Jos\xc3\xa9", "Jose"));
	CHECK(name_same("Jos\xc3\xa9", "Jose\xcc\x81"));            /* é, or e and ́ */
	CHECK(skeleton_is("stra\xc3\x9f" "e", "strasse"));
	for (size_t i = 0; i < LEN(fine); i++)
		CHECK(name_refusal(fine[i]) == NULL);
	for (size_t i = 0; i < LEN(refused); i++)
		CHECK(name_refusal(refused[i]) != NULL);
	CHECK(strstr(name_refusal("fred\xe3\x85\xa4"), "invisible"));
	CHECK(strstr(name_refusal("fr\xd0\xb5" "d"), "alphabet"));

	/* No skeleton: empty once folded, or not UTF-8. */
	char s[NAME_SKELETON_BYTES];
	CHECK(name_skeleton("", s) == -1 && *s == '\0');
	CHECK(name_skeleton("\xe3\x85\xa4", s) == -1);
	CHECK(name_skeleton("caf\xc3", s) == -1);
	CHECK(!name_same("", ""));
	/* 64 of the longest NFKC letter (U+FDFA, 18 letters) still fit. */
	char longest[64 * 3 + 1];
	for (int i = 0; i < 64; i++)
		memcpy(longest + 3 * i, "\xef\xb7\xba", 3);
	longest[64 * 3] = '\0';
	CHECK(name_skeleton(longest, s) == 0 && strlen(s) > 64 * 18);
	UNIT_DONE();
}
