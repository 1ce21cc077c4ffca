/* names.c: skeletons and refusals of player names, by ICU (see names.h). */
#include "http/names.h"

#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

/* UTF-16 room for a name on its way to a skeleton. */
#define ROOM 2048

/* This process's spoof checker, opened at its first use and kept (event
 * mode keeps it for every request): highly restrictive, invisible
 * characters, digits of two systems. */
static USpoofChecker *checker(void)
{
	static USpoofChecker *sc;
	UErrorCode err = U_ZERO_ERROR;

	if (sc)
		return sc;
	sc = uspoof_open(&err);
	uspoof_setChecks(sc, USPOOF_RESTRICTION_LEVEL | USPOOF_INVISIBLE |
			 USPOOF_MIXED_NUMBERS, &err);
	uspoof_setRestrictionLevel(sc, USPOOF_HIGHLY_RESTRICTIVE);
	if (U_FAILURE(err)) {
		uspoof_close(sc);
		sc = NULL;
	}
	return sc;
}

/* name in NFKC with case folded, as UTF-16 into out; its length, or -1. */
static int fold(const char *name, UChar out[ROOM])
{
	UChar raw[ROOM];
	int32_t len = 0;
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfkc_cf = unorm2_getNFKCCasefoldInstance(&err);

	u_strFromUTF8(raw, ROOM, &len, name, -1, &err);
	if (U_FAILURE(err) || len >= ROOM)
		return -1;
	len = unorm2_normalize(nfkc_cf, raw, len, out, ROOM, &err);
	return U_FAILURE(err) || len >= ROOM ? -1 : len;
}

int name_skeleton(const char *name, char out[NAME_SKELETON_BYTES])
{
	UChar folded[ROOM];
	UChar skeleton[ROOM];
	UErrorCode err = U_ZERO_ERROR;
	USpoofChecker *sc = checker();
	int32_t len = fold(name, folded);

	*out = '\0';
	if (len <= 0 || !sc)
		return -1;
	len = uspoof_getSkeleton(sc, 0, folded, len, skeleton, ROOM, &err);
	if (U_FAILURE(err) || len >= ROOM)
		return -1;
	u_strToUTF8(out, NAME_SKELETON_BYTES, NULL, skeleton, len, &err);
	if (U_FAILURE(err) || err == U_STRING_NOT_TERMINATED_WARNING) {
		*out = '\0';
		return -1;
	}
	return 0;
}

int name_same(const char *a, const char *b)
{
	char sa[NAME_SKELETON_BYTES];
	char sb[NAME_SKELETON_BYTES];

	return name_skeleton(a, sa) == 0 && name_skeleton(b, sb) == 0 &&
	       strcmp(sa, sb) == 0;
}

int name_same_spelling(const char *a, const char *b)
{
	UChar fa[ROOM];
	UChar fb[ROOM];
	int la = fold(a, fa);
	int lb = fold(b, fb);

	return la > 0 && la == lb && u_strncmp(fa, fb, la) == 0;
}

/* 1 when the UTF-8 text holds a default-ignorable code point (invisible:
 * Hangul fillers, zero-width characters, variation selectors). */
static int has_invisible(const char *text)
{
	UChar raw[ROOM];
	int32_t len = 0;
	UErrorCode err = U_ZERO_ERROR;

	u_strFromUTF8(raw, ROOM, &len, text, -1, &err);
	if (U_FAILURE(err) || len >= ROOM)
		return 1;
	for (int32_t i = 0; i < len;) {
		UChar32 c;
		U16_NEXT(raw, i, len, c);
		if (u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
			return 1;
	}
	return 0;
}

const char *name_refusal(const char *name)
{
	char skeleton[NAME_SKELETON_BYTES];
	UErrorCode err = U_ZERO_ERROR;
	USpoofChecker *sc = checker();

	if (has_invisible(name))
		return "a name cannot hold invisible characters (like a Hangul "
		       "filler): use letters and digits you can see, like fred";
	if (name_skeleton(name, skeleton) < 0 || !sc)
		return "a name is 1 to 64 letters and digits, like fred";
	if (uspoof_check2UTF8(sc, name, -1, NULL, &err) != 0 || U_FAILURE(err))
		return "a name cannot mix alphabets the way look-alike names do "
		       "(like a Cyrillic е in fred): write it in one alphabet, like fred";
	return NULL;
}
