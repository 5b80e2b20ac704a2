/* Escaping untrusted text for one-line errors, and the format controls the table neutralises. */
#include "util/text.h"
#include "unit.h"

static const char *esc(const char *s)
{
	static char buf[256];

	return text_escape(s, buf, sizeof(buf));
}

TEST(text_escape_controls)
{
	CHECK_STR(esc("plain /path é"), "plain /path é");
	CHECK_STR(esc("1\n2"), "1\\n2");
	CHECK_STR(esc("/x\ny\tz\r"), "/x\\ny\\tz\\r");
	CHECK_STR(esc("\x1b[31mred"), "\\x1b[31mred");
	CHECK_STR(esc("del\x7f c1\xc2\x9b"), "del\\x7f c1\\xc2\\x9b");
	CHECK_STR(esc("back\\slash"), "back\\\\slash");
	CHECK_STR(esc("bad\xff\xc3("), "bad\\xff\\xc3(");
	CHECK_STR(esc("rlo\xe2\x80\xae"
		      "x"),
		  "rlo\\u202ex");
	CHECK_STR(esc("\xe2\x81\xa6\xe2\x81\xa9\xe2\x80\x8e\xd8\x9c\xe2\x80\xa8"),
		  "\\u2066\\u2069\\u200e\\u061c\\u2028");
	/* Neighbours of the controls are ordinary text. */
	CHECK_STR(esc("\xe2\x80\x94\xe2\x81\xa5"), "\xe2\x80\x94\xe2\x81\xa5");
}

TEST(text_escape_cuts_to_fit)
{
	char small[8];

	CHECK_STR(text_escape("abcdefghij", small, sizeof(small)), "abcdefg");
	/* An escape is never cut in half. */
	CHECK_STR(text_escape("abcdef\n", small, sizeof(small)), "abcdef");
	CHECK_STR(text_escape("", small, sizeof(small)), "");
	CHECK(text_escape("x", small, 0) == small);
}

TEST(text_format_controls)
{
	static const unsigned int yes[] = {0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067,
					   0x2068, 0x2069, 0x200e, 0x200f, 0x061c, 0x2028, 0x2029};
	static const unsigned int no[] = {0x202f, 0x2065, 0x206a, 0x200d,
					  0x2010, 0x061b, 0x41,	  0xe9};

	for (unsigned int i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		CHECK(text_is_format_control(yes[i]));
	for (unsigned int i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		CHECK(!text_is_format_control(no[i]));
	CHECK(text_format_control_len((const unsigned char *)"\xe2\x80\xae", 3) == 3);
	CHECK(text_format_control_len((const unsigned char *)"\xe2\x80", 2) == 0);
	CHECK(text_format_control_len((const unsigned char *)"\xd8\x9c", 2) == 2);
}
