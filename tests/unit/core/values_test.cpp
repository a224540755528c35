#include <bpv/core/values.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace bpv::core {
namespace {

TEST(Trim, RemovesSpacesTabsAndLineBreaksAtBothEnds) {
  EXPECT_EQ(trim("  ja  "), "ja");
  EXPECT_EQ(trim("\t7.5\r\n"), "7.5");
  EXPECT_EQ(trim("a b"), "a b");
  EXPECT_EQ(trim(" a \t b "), "a \t b");
  EXPECT_EQ(trim("x"), "x");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim(" \t\r\n "), "");
  EXPECT_EQ(trim("\vx\f"), "\vx\f");  // only space, tab, CR and LF count
}

TEST(Trim, ReturnsAViewIntoTheText) {
  const std::string_view text = "  Jansen ";
  const std::string_view trimmed = trim(text);
  EXPECT_EQ(trimmed.data(), text.data() + 2);
  EXPECT_EQ(trimmed.size(), 6u);
}

TEST(ParseYesNo, AcceptsDutchAndEnglishWordsInAnyCase) {
  struct Case {
    std::string_view text;
    bool value;
  };
  const Case cases[] = {
      {"yes", true},    {"no", false}, {"ja", true},   {"nee", false},       {"true", true},
      {"false", false}, {"1", true},   {"0", false},   {"Ja", true},         {"NEE", false},
      {"YES", true},    {"No", false}, {"waar", true}, {"onwaar", false},    {"y", true},
      {"n", false},     {"j", true},   {" ja ", true}, {"\tnee\r\n", false}, {"True", true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto value = parse_yes_no(c.text);
    ASSERT_TRUE(value.has_value()) << value.error().message;
    EXPECT_EQ(*value, c.value);
  }
}

TEST(ParseYesNo, RefusesAnythingElseNamingTheText) {
  for (std::string_view text :
       {"", "maybe", "yes!", "ok", "2", "-1", "jaa", "ne", "t", "f", "y es", "ja nee", "nein"}) {
    SCOPED_TRACE(text);
    auto value = parse_yes_no(text);
    ASSERT_FALSE(value.has_value()) << *value;
    EXPECT_EQ(value.error().kind, ErrorKind::usage);
    EXPECT_EQ(
        value.error().message,
        "'" + std::string(text) + "' is not yes or no; write yes/no, ja/nee, true/false or 1/0");
  }
}

TEST(LooksLikeEmail, AcceptsPlausibleAddresses) {
  for (std::string_view text : {"a@b.nl", "j.jansen@rocmn.nl", "trainer+bpv@bedrijf.example.com",
                                "Piet.De.Vries@School.NL", "x@y.z"}) {
    EXPECT_TRUE(looks_like_email(text)) << text;
  }
}

TEST(LooksLikeEmail, RefusesImplausibleAddresses) {
  for (std::string_view text : {
           "",                   // empty
           "jansen.rocmn.nl",    // no @
           "jan@sen@rocmn.nl",   // two @
           "jansen@rocmn",       // no dot in the domain
           "@rocmn.nl",          // nothing before the @
           "jansen@",            // nothing after the @
           "jansen@.nl",         // domain starts with a dot
           "jansen@rocmn.",      // domain ends with a dot
           "jan sen@rocmn.nl",   // space
           "jansen@rocmn.nl ",   // trailing space
           "jansen@roc\tmn.nl",  // tab
           "a@b.nl,c@d.nl",      // a list
           "a@b.nl;c@d.nl",      // a list
           "Jansen <a@b.nl>",    // a display name
       }) {
    EXPECT_FALSE(looks_like_email(text)) << text;
  }
}

TEST(AsciiLower, LowersOnlyAsciiLetters) {
  EXPECT_EQ(ascii_lower("J.Jansen@ROCMN.nl"), "j.jansen@rocmn.nl");
  EXPECT_EQ(ascii_lower("ABCXYZ abcxyz 0129 @[`{"), "abcxyz abcxyz 0129 @[`{");
  EXPECT_EQ(ascii_lower(""), "");
  EXPECT_EQ(ascii_lower("ÉCOLE"), "École");  // bytes outside ASCII are left alone
}

}  // namespace
}  // namespace bpv::core
