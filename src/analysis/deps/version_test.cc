#include "analysis/deps/version.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace fnwarden::analysis::deps {
namespace {

using model::Ecosystem;
using Kind = RangeEvent::Kind;

std::string Show(std::optional<bool> b) { return !b ? "nullopt" : *b ? "true" : "false"; }

Version MustParse(Ecosystem e, std::string_view text) {
  std::optional<Version> v = Version::Parse(e, text);
  EXPECT_TRUE(v.has_value()) << model::EcosystemName(e) << " " << text;
  return v ? *v : *Version::Parse(Ecosystem::kNpm, "0.0.0");
}

// Every version of `chain` sorts strictly before the ones after it.
void ExpectAscending(Ecosystem e, const std::vector<std::string>& chain) {
  std::vector<Version> parsed;
  for (const std::string& s : chain) parsed.push_back(MustParse(e, s));
  for (size_t i = 0; i < parsed.size(); ++i) {
    EXPECT_EQ(parsed[i].Compare(parsed[i]), 0) << chain[i];
    for (size_t j = i + 1; j < parsed.size(); ++j) {
      EXPECT_LT(parsed[i].Compare(parsed[j]), 0) << chain[i] << " < " << chain[j];
      EXPECT_GT(parsed[j].Compare(parsed[i]), 0) << chain[j] << " > " << chain[i];
    }
  }
}

TEST(VersionTest, SemverSpecPrecedence) {
  // SemVer 2.0 section 11, for npm and (with a "v") Go.
  std::vector<std::string> chain = {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
                                    "1.0.0-beta",  "1.0.0-beta.2",  "1.0.0-beta.11",
                                    "1.0.0-rc.1",  "1.0.0",         "2.0.0",
                                    "2.1.0",       "2.1.1"};
  ExpectAscending(Ecosystem::kNpm, chain);
  for (std::string& s : chain) s = "v" + s;
  ExpectAscending(Ecosystem::kGo, chain);
  // Numeric identifiers compare as numbers (of any length), below words.
  ExpectAscending(Ecosystem::kNpm,
                  {"1.0.0-2", "1.0.0-10", "1.0.0-99999999999999999999999", "1.0.0-a", "1.0.0-a.9",
                   "1.0.0-a.10", "1.0.0-aa", "1.0.0-b", "1.0.0-b-", "1.0.0-ba"});
  ExpectAscending(Ecosystem::kNpm, {"0.0.0", "0.0.1", "0.1.0", "0.255.0", "0.256.0", "1.0.0",
                                    "9007199254740991.0.0"});
}

TEST(VersionTest, Pep440Ordering) {
  ExpectAscending(Ecosystem::kPyPI, {"1.0.dev0",    "1.0a1.dev0",
                                     "1.0a1",       "1.0a1.post1.dev0",
                                     "1.0a1.post1", "1.0b1",
                                     "1.0rc1",      "1.0",
                                     "1.0+abc",     "1.0+abc.5",
                                     "1.0+abc.10",  "1.0+abd",
                                     "1.0+5",       "1.0.post1.dev0",
                                     "1.0.post1",   "1.0.1",
                                     "1.1.dev1",    "1.1",
                                     "2.0",         "2013.10",
                                     "1!0.1",       "1!1.0",
                                     "2!0"});
  // The PEP's own example chain.
  ExpectAscending(Ecosystem::kPyPI, {"1.dev0",
                                     "1.0.dev456",
                                     "1.0a1",
                                     "1.0a2.dev456",
                                     "1.0a12.dev456",
                                     "1.0a12",
                                     "1.0b1.dev456",
                                     "1.0b2",
                                     "1.0b2.post345.dev456",
                                     "1.0b2.post345",
                                     "1.0rc1.dev456",
                                     "1.0rc1",
                                     "1.0",
                                     "1.0+abc.5",
                                     "1.0+abc.7",
                                     "1.0+5",
                                     "1.0.post456.dev34",
                                     "1.0.post456",
                                     "1.0.15",
                                     "1.1.dev1"});
}

TEST(VersionTest, GoPseudoVersions) {
  ExpectAscending(Ecosystem::kGo,
                  {"v0.0.0-20191109021931-daa7c04131f5", "v0.0.0-20200101000000-000000000000",
                   "v0.0.1", "v1.2.3", "v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.4-pre",
                   "v1.2.4-pre.0.20191109021931-daa7c04131f5", "v1.2.4-pre.1", "v1.2.4",
                   "v2.0.0+incompatible", "v2.0.1"});
  struct Row {
    const char* text;
    bool prerelease;
    bool pseudo;
  };
  for (const Row& r : {Row{"v0.0.0-20191109021931-daa7c04131f5", false, true},
                       Row{"v1.2.4-0.20191109021931-daa7c04131f5", false, true},
                       Row{"v1.2.3-pre.0.20191109021931-daa7c04131f5", false, true},
                       Row{"v1.2.3-20191109021931-daa7c04131f5", true, false},  // needs "0."
                       Row{"v1.0.0-2019110902193-daa7c04131f5", true, false},   // 13 digits
                       Row{"v1.2.3-beta", true, false}, Row{"v1.2.3", false, false},
                       Row{"v2.0.0+incompatible", false, false}}) {
    Version v = MustParse(Ecosystem::kGo, r.text);
    EXPECT_EQ(v.IsPrerelease(), r.prerelease) << r.text;
    EXPECT_EQ(v.IsPseudo(), r.pseudo) << r.text;
  }
}

TEST(VersionTest, EqualSpellings) {
  struct Row {
    Ecosystem e;
    const char* a;
    const char* b;
  };
  for (const Row& r : {Row{Ecosystem::kNpm, "1.2.3", "v1.2.3"},
                       Row{Ecosystem::kNpm, "1.2.3", "=1.2.3"},
                       Row{Ecosystem::kNpm, "1.2.3", "=v1.2.3"},
                       Row{Ecosystem::kNpm, "1.2.3", " 1.2.3\n"},
                       Row{Ecosystem::kNpm, "1.2.3-rc.1", "1.2.3-rc.1+build.5"},
                       Row{Ecosystem::kGo, "v1.2.3", "1.2.3"},
                       Row{Ecosystem::kGo, "v2.0.0", "v2.0.0+incompatible"},
                       Row{Ecosystem::kPyPI, "1.0", "1.0.0"},
                       Row{Ecosystem::kPyPI, "1.0", "1"},
                       Row{Ecosystem::kPyPI, "1.0", "V1.0"},
                       Row{Ecosystem::kPyPI, "1.0", "0!1.0"},
                       Row{Ecosystem::kPyPI, "1.0a0", "1.0a"},
                       Row{Ecosystem::kPyPI, "1.0a1", "1.0alpha1"},
                       Row{Ecosystem::kPyPI, "1.0a1", "1.0_a_1"},
                       Row{Ecosystem::kPyPI, "1.0b2", "1.0-beta.2"},
                       Row{Ecosystem::kPyPI, "1.0rc1", "1.0c1"},
                       Row{Ecosystem::kPyPI, "1.0rc1", "1.0pre1"},
                       Row{Ecosystem::kPyPI, "1.0rc1", "1.0preview1"},
                       Row{Ecosystem::kPyPI, "1.0rc1", "1.0.RC.1"},
                       Row{Ecosystem::kPyPI, "1.0.post1", "1.0-1"},
                       Row{Ecosystem::kPyPI, "1.0.post1", "1.0rev1"},
                       Row{Ecosystem::kPyPI, "1.0.post1", "1.0.r1"},
                       Row{Ecosystem::kPyPI, "1.0.post0", "1.0.post"},
                       Row{Ecosystem::kPyPI, "1.0.dev0", "1.0-dev"},
                       Row{Ecosystem::kPyPI, "1.0a0", "1.0a-"},
                       Row{Ecosystem::kPyPI, "1.0+abc.5", "1.0+ABC-5"},
                       Row{Ecosystem::kPyPI, "1.0+abc.5", "1.0+abc_05"},
                       Row{Ecosystem::kPyPI, "01.02", "1.2"}}) {
    Version a = MustParse(r.e, r.a);
    Version b = MustParse(r.e, r.b);
    EXPECT_EQ(a.Compare(b), 0) << r.a << " == " << r.b;
    EXPECT_EQ(b.Compare(a), 0) << r.b << " == " << r.a;
  }
}

TEST(VersionTest, RejectsWhatIsNotAVersion) {
  std::string huge(1 << 20, '1');
  std::string long_release;
  for (int i = 0; i < 200; ++i) long_release += "1.";
  long_release += "1";
  struct Row {
    Ecosystem e;
    std::string text;
  };
  std::vector<Row> rows = {{Ecosystem::kNpm, ""},
                           {Ecosystem::kNpm, "   "},
                           {Ecosystem::kNpm, "latest"},
                           {Ecosystem::kNpm, "1.2"},
                           {Ecosystem::kNpm, "1"},
                           {Ecosystem::kNpm, "1.x"},
                           {Ecosystem::kNpm, "01.2.3"},
                           {Ecosystem::kNpm, "1.2.3-"},
                           {Ecosystem::kNpm, "1.2.3-01"},
                           {Ecosystem::kNpm, "1.2.3-a..b"},
                           {Ecosystem::kNpm, "1.2.3+"},
                           {Ecosystem::kNpm, "1.2.3.4"},
                           {Ecosystem::kNpm, "1.2.3 4"},
                           {Ecosystem::kNpm, "1.2.3-b\xc3\xa9ta"},
                           {Ecosystem::kNpm, "vv1.2.3"},
                           {Ecosystem::kNpm, "99999999999999999999.0.0"},
                           {Ecosystem::kNpm, "9007199254740992.0.0"},  // above 2^53-1, as npm
                           {Ecosystem::kNpm, huge},
                           {Ecosystem::kNpm, "1.2.3-" + std::string(300, 'a')},
                           {Ecosystem::kGo, "v1.2"},
                           {Ecosystem::kGo, "v1"},
                           {Ecosystem::kGo, "=v1.2.3"},
                           {Ecosystem::kGo, "v1.2.3.4"},
                           {Ecosystem::kGo, "v18446744073709551616.0.0"},
                           {Ecosystem::kGo, huge},
                           {Ecosystem::kPyPI, ""},
                           {Ecosystem::kPyPI, "abc"},
                           {Ecosystem::kPyPI, "1.0."},
                           {Ecosystem::kPyPI, "1..0"},
                           {Ecosystem::kPyPI, "1.0-"},
                           {Ecosystem::kPyPI, "1.0+"},
                           {Ecosystem::kPyPI, "1.0+a..b"},
                           {Ecosystem::kPyPI, "1.0+a-"},
                           {Ecosystem::kPyPI, "1.0a1.2"},
                           {Ecosystem::kPyPI, "1!"},
                           {Ecosystem::kPyPI, "!1"},
                           {Ecosystem::kPyPI, "1.0 1"},
                           {Ecosystem::kPyPI, "99999999999999999999"},
                           {Ecosystem::kPyPI, "1.0a99999999999999999999"},
                           {Ecosystem::kPyPI, "1.0.post99999999999999999999"},
                           {Ecosystem::kPyPI, long_release},
                           {Ecosystem::kPyPI, huge},
                           {Ecosystem::kPyPI, "1.0+\xff"}};
  for (const Row& r : rows) {
    EXPECT_FALSE(Version::Parse(r.e, r.text).has_value())
        << model::EcosystemName(r.e) << " \"" << r.text.substr(0, 40) << "\"";
  }
  // The largest numbers that fit still parse.
  EXPECT_TRUE(Version::Parse(Ecosystem::kGo, "v18446744073709551615.0.0"));
  EXPECT_TRUE(Version::Parse(Ecosystem::kPyPI, "18446744073709551615"));
}

TEST(VersionTest, PrereleaseFlag) {
  struct Row {
    Ecosystem e;
    const char* text;
    bool prerelease;
  };
  for (const Row& r :
       {Row{Ecosystem::kNpm, "1.0.0-0", true}, Row{Ecosystem::kNpm, "1.0.0+b", false},
        Row{Ecosystem::kPyPI, "1.0a1", true}, Row{Ecosystem::kPyPI, "1.0.dev1", true},
        Row{Ecosystem::kPyPI, "1.0.post1.dev1", true}, Row{Ecosystem::kPyPI, "1.0.post1", false},
        Row{Ecosystem::kPyPI, "1.0+a", false}}) {
    EXPECT_EQ(MustParse(r.e, r.text).IsPrerelease(), r.prerelease) << r.text;
  }
}

TEST(VersionTest, VersionsOfDifferentEcosystemsOrderByEcosystem) {
  Version npm = MustParse(Ecosystem::kNpm, "1.0.0");
  Version pypi = MustParse(Ecosystem::kPyPI, "1.0.0");
  EXPECT_NE(npm.Compare(pypi), 0);
  EXPECT_EQ(npm.Compare(pypi), -pypi.Compare(npm));
}

struct NpmRow {
  const char* range;
  const char* version;
  std::optional<bool> want;
};

TEST(VersionTest, NpmRanges) {
  const NpmRow rows[] = {
      // Carets.
      {"^1.2.3", "1.2.3", true},
      {"^1.2.3", "1.8.1", true},
      {"^1.2.3", "2.0.0", false},
      {"^1.2.3", "1.2.2", false},
      {"^0.1.2", "0.1.9", true},
      {"^0.1.2", "0.2.0", false},
      {"^0.0.3", "0.0.3", true},
      {"^0.0.3", "0.0.4", false},
      {"^1.2", "1.4.2", true},
      {"^1", "1.9.9", true},
      {"^1", "2.0.0", false},
      {"^0.x", "0.9.0", true},
      {"^0.0", "0.0.5", true},
      {"^0.0", "0.1.0", false},
      {"^ 1.2.3", "1.3.0", true},
      {"^v1.2.3", "1.3.0", true},
      // Tildes.
      {"~1.2.3", "1.2.9", true},
      {"~1.2.3", "1.3.0", false},
      {"~1.2", "1.2.0", true},
      {"~1.2", "1.3.0", false},
      {"~1", "1.9.0", true},
      {"~1", "2.0.0", false},
      {"~>1.2.3", "1.2.5", true},
      {"~ 1.2.3", "1.2.5", true},
      {"~0.0.1", "0.0.9", true},
      // X-ranges and partial versions.
      {"1.x", "1.5.0", true},
      {"1.x", "2.0.0", false},
      {"1.2.x", "1.2.7", true},
      {"1.2.X", "1.3.0", false},
      {"1.2.*", "1.2.0", true},
      {"1", "1.9.0", true},
      {"1.2", "1.3.0", false},
      {"*", "3.0.0", true},
      {"x", "0.0.1", true},
      {"", "1.0.0", true},
      {">1", "2.0.0", true},
      {">1", "1.9.9", false},
      {">1.2", "1.3.0", true},
      {">1.2", "1.2.9", false},
      {"<=1.2", "1.2.9", true},
      {"<=1.2", "1.3.0", false},
      {">=1.x", "1.0.0", true},
      {"<1.x", "1.0.0", false},
      {"<1", "0.9.0", true},
      {"<*", "1.0.0", false},
      {">=*", "1.0.0", true},
      {"=1.2", "1.2.5", true},
      // Primitive comparators.
      {">=1.0.0", "1.0.0", true},
      {">=1.0.0", "0.9.9", false},
      {">1.0.0", "1.0.0", false},
      {">1.0.0", "1.0.1", true},
      {"<=2.0.0", "2.0.0", true},
      {"<2.0.0", "2.0.0", false},
      {"<2.0.0", "1.9.9", true},
      {"=1.2.3", "1.2.3", true},
      {"=1.2.3", "1.2.4", false},
      {"1.2.3", "v1.2.3", true},
      {"v1.2.3", "1.2.3", true},
      {"=v1.2.3", "1.2.3", true},
      {"1.2.3+build", "1.2.3", true},
      {">= 1.0.0  < 2", "1.5.0", true},
      {"<2 >=1", "1.5.0", true},
      {">=1.0.0 <2.0.0", "2.0.0", false},
      // Unions and hyphens.
      {"1.2.3 || 2.x", "2.4.0", true},
      {"1.2.3 || 2.x", "3.0.0", false},
      {"1.2.3||2.x", "1.2.3", true},
      {"1.x || ", "1.0.0", true},
      {"1.x || ", "7.0.0", true},
      {"1.0.0 - 2.0.0", "1.2.3", true},
      {"1.0.0 - 2.0.0", "2.0.0", true},
      {"1.2.3 - 2.3.4", "2.3.5", false},
      {"1.2.3 - 2.3.4", "1.2.2", false},
      {"1.2 - 2.3", "2.3.9", true},
      {"1.2 - 2.3", "2.4.0", false},
      {"1.2 - 2", "2.9.0", true},
      {"1.2 - 2", "1.1.9", false},
      {"* - 2", "0.0.1", true},
      // npm's pre-release rule.
      {"^1.2.3-beta.2", "1.2.3-beta.4", true},
      {"^1.2.3-beta.2", "1.2.3-beta.1", false},
      {"^1.2.3-beta.2", "1.2.4-beta.4", false},
      {">=1.3.0-alpha <2", "1.3.0-beta", true},
      {"^1.2.0", "1.3.0-beta", false},
      {"*", "1.0.0-beta", false},
      {"", "1.0.0-beta", false},
      {">=1.0.0-alpha", "1.0.1-alpha", false},
      {"^1.2.3", "2.0.0-alpha", false},
      {"1.0.0-rc.1 - 1.0.0", "1.0.0-rc.2", true},
      {"~1.2.3-rc.1", "1.2.3-rc.2", true},
      {"1.0.0 - 1.0.0-rc.9 || 1.0.0-rc.5", "1.0.0-rc.5", true},
      // Not ranges, or not versions.
      {"latest", "1.0.0", std::nullopt},
      {"git+https://github.com/a/b.git", "1.0.0", std::nullopt},
      {"file:../x", "1.0.0", std::nullopt},
      {"npm:lodash@^4", "4.0.0", std::nullopt},
      {"workspace:*", "1.0.0", std::nullopt},
      {"1.2.3.4", "1.0.0", std::nullopt},
      {"^", "1.0.0", std::nullopt},
      {">=", "1.0.0", std::nullopt},
      {"1.2.3 -", "1.0.0", std::nullopt},
      {"==1.2.3", "1.2.3", std::nullopt},
      {"01.2.3", "1.2.3", std::nullopt},
      {"1 | 2", "1.0.0", std::nullopt},
      {"^1.2.3 junk", "1.2.3", std::nullopt},
      {"^99999999999999999999", "1.0.0", std::nullopt},
      {"^1.2.3", "1.2", std::nullopt},
      {"^1.2.3", "latest", std::nullopt},
      {"^1.2.3", "", std::nullopt},
  };
  for (const NpmRow& r : rows) {
    EXPECT_EQ(Show(SatisfiesNpmRange(r.version, r.range)), Show(r.want))
        << "\"" << r.version << "\" in \"" << r.range << "\"";
  }
}

TEST(VersionTest, Pep440Specifiers) {
  struct Row {
    const char* specifier;
    const char* version;
    std::optional<bool> want;
  };
  const Row rows[] = {
      {">=2.0,<3", "2.5", true},
      {">=2.0,<3", "3.0", false},
      {">=2.0,<3", "1.9", false},
      {" >= 1.0 , < 2 ", "1.5", true},
      {"", "1.0", true},
      {">=1.0,,", "1.0", true},
      {"~=1.4.2", "1.4.5", true},
      {"~=1.4.2", "1.5.0", false},
      {"~=1.4.2", "1.4.1", false},
      {"~=1.4", "1.9", true},
      {"~=1.4", "2.0", false},
      {"~=2.2.post3", "2.3", true},
      {"~=2.2.post3", "2.2", false},
      {"~=1.4.5a4", "1.4.5", true},
      {"~=1.4.5a4", "1.5", false},
      {"~=1.4.5.0", "1.4.5.7", true},
      {"~=1.4.5.0", "1.4.6", false},
      {"==1.*", "1.7.2", true},
      {"==1.*", "2.0", false},
      {"==1.0.*", "1", true},
      {"==1.0.*", "1.0.0rc1", true},
      {"==1.0.*", "1.1", false},
      {"!=1.*", "2.0", true},
      {"!=1.*", "1.9", false},
      {"==1!1.*", "1!1.2", true},
      {"==1.*", "1!1.2", false},
      {"!=1.5", "1.6", true},
      {"!=1.5", "1.5.0", false},
      {"== 1.0", "1.0.0", true},
      {"==1.0", "1.0+local", true},
      {"==1.0+local", "1.0+LOCAL", true},
      {"==1.0+local", "1.0", false},
      {"==1.0+abc", "1.0+abd", false},
      {"==1!1.0", "1!1.0", true},
      {"==1!1.0", "1.0", false},
      {"==v1.0", "1.0", true},
      {">=1.0", "1.0+local", true},
      {"<=1.0", "1.0+local", true},
      {"<=1.0", "1.0.post1", false},
      {">=1.0", "1.0.dev1", false},
      {">=1.0", "2.0b1", true},  // an installed pre-release
      {">1.7", "1.7.1", true},
      {">1.7", "1.7.post1", false},
      {">1.7", "1.7+local", false},
      {">1.7", "1.7.1+local", true},
      {">1.7.post2", "1.7.post3", true},
      {">1.7", "1.8.dev0", true},
      {"<1.7", "1.6", true},
      {"<1.7", "1.7", false},
      {"<1.7", "1.7rc1", false},
      {"<1.7", "1.7.dev1", false},
      {"<1.7rc2", "1.7rc1", true},
      {"<1.7", "1.6+local", true},
      {"<1.7", "1.7.0a1", false},
      {"<1.7.1", "1.7.1rc1", false},
      {"<1.7.1", "1.7.0rc1", true},
      {"===1.0", "1.0", true},
      {"===1.0", "1.0.0", false},
      {"===1.0", "V1.0", true},
      {"===foobar", "foobar", true},
      {"===foobar", "foobaz", false},
      // Not specifiers, or not versions.
      {"1.0", "1.0", std::nullopt},
      {">=1.0+local", "1.0", std::nullopt},
      {"~=1", "1.0", std::nullopt},
      {"~=1.0.*", "1.0", std::nullopt},
      {"==1.*.*", "1.0", std::nullopt},
      {"==1.0a1.*", "1.0", std::nullopt},
      {"=>1.0", "1.0", std::nullopt},
      {"latest", "1.0", std::nullopt},
      {">=", "1.0", std::nullopt},
      {">=1", "not a version", std::nullopt},
      {"", "not a version", std::nullopt},
      {"===a b", "a", std::nullopt},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(Show(SatisfiesPep440(r.version, r.specifier)), Show(r.want))
        << "\"" << r.version << "\" in \"" << r.specifier << "\"";
  }
}

TEST(VersionTest, NormalizeName) {
  EXPECT_EQ(NormalizeName(Ecosystem::kPyPI, "PyYAML"), "pyyaml");
  EXPECT_EQ(NormalizeName(Ecosystem::kPyPI, "zope.interface"), "zope-interface");
  EXPECT_EQ(NormalizeName(Ecosystem::kPyPI, "Foo__Bar.-_baz"), "foo-bar-baz");
  EXPECT_EQ(NormalizeName(Ecosystem::kNpm, "@Scope/Pkg_x"), "@Scope/Pkg_x");
  EXPECT_EQ(NormalizeName(Ecosystem::kGo, "github.com/BurntSushi/toml"),
            "github.com/BurntSushi/toml");
}

// --- OSV ranges ------------------------------------------------------------

Range R(Range::Type type, std::vector<RangeEvent> events) { return Range{type, std::move(events)}; }
RangeEvent Introduced(const char* v) { return {Kind::kIntroduced, v}; }
RangeEvent Fixed(const char* v) { return {Kind::kFixed, v}; }
RangeEvent LastAffected(const char* v) { return {Kind::kLastAffected, v}; }
RangeEvent Limit(const char* v) { return {Kind::kLimit, v}; }
constexpr Range::Type kSemver = Range::Type::kSemver;
constexpr Range::Type kEco = Range::Type::kEcosystem;

struct OsvCase {
  const char* name;
  Ecosystem ecosystem;
  std::vector<Range> ranges;
  std::vector<std::string> versions;
  std::vector<std::string> in;
  std::vector<std::string> out;
};

void ExpectCase(const OsvCase& c) {
  AffectedVersions a = AffectedVersions::Compile(c.ecosystem, c.ranges, c.versions);
  for (const std::string& v : c.in) {
    EXPECT_TRUE(a.Contains(v)) << c.name << ": " << v << " should be affected";
    if (std::optional<Version> parsed = Version::Parse(c.ecosystem, v)) {
      EXPECT_TRUE(a.Contains(*parsed)) << c.name << ": " << v;
    }
  }
  for (const std::string& v : c.out) {
    EXPECT_FALSE(a.Contains(v)) << c.name << ": " << v << " should not be affected";
    if (std::optional<Version> parsed = Version::Parse(c.ecosystem, v)) {
      EXPECT_FALSE(a.Contains(*parsed)) << c.name << ": " << v;
    }
  }
}

TEST(AffectedVersionsTest, OsvEvaluation) {
  const OsvCase cases[] = {
      {"introduced 0, fixed",
       Ecosystem::kNpm,
       {R(kSemver, {Introduced("0"), Fixed("1.2.3")})},
       {},
       {"0.0.0", "0.0.1", "1.2.2", "1.2.3-beta"},
       {"1.2.3", "1.2.4", "2.0.0"}},
      {"last_affected is inclusive",
       Ecosystem::kNpm,
       {R(kEco, {Introduced("1.0.0"), LastAffected("1.2.0")})},
       {},
       {"1.0.0", "1.1.0", "1.2.0"},
       {"0.9.0", "1.2.1", "1.0.0-rc.1"}},
      {"limit bounds the range",
       Ecosystem::kNpm,
       {R(kSemver, {Introduced("0"), Limit("2.0.0")})},
       {},
       {"1.9.9"},
       {"2.0.0", "3.0.0"}},
      {"limit * is no limit",
       Ecosystem::kNpm,
       {R(kSemver, {Introduced("1.0.0"), Limit("*")})},
       {},
       {"1.0.0", "99.0.0"},
       {"0.1.0"}},
      {"one of several limits",
       Ecosystem::kNpm,
       {R(kSemver, {Introduced("1.0.0"), Limit("2.0.0"), Limit("3.0.0")})},
       {},
       {"2.5.0"},
       {"3.0.0"}},
      // The schema's multiple-range example, its events out of order.
      {"events are sorted",
       Ecosystem::kNpm,
       {R(kSemver, {Fixed("3.2.5"), Introduced("1.0.0"), Introduced("3.0.0"), Fixed("1.0.2")})},
       {},
       {"1.0.0", "1.0.1", "3.0.0", "3.2.4"},
       {"0.9.0", "1.0.2", "2.0.0", "3.2.5"}},
      {"ranges are or-ed",
       Ecosystem::kNpm,
       {R(kSemver, {Introduced("1.0.0"), Fixed("1.1.0")}),
        R(kEco, {Introduced("2.0.0"), Fixed("2.1.0")})},
       {},
       {"1.0.5", "2.0.5"},
       {"1.1.0", "1.5.0", "2.1.0"}},
      {"introduced and fixed at one version: empty",
       Ecosystem::kNpm,
       {R(kSemver, {Introduced("1.0.0"), Fixed("1.0.0")})},
       {},
       {},
       {"1.0.0", "1.0.1"}},
      {"no introduced: nothing",
       Ecosystem::kNpm,
       {R(kSemver, {Fixed("1.0.0")})},
       {},
       {},
       {"0.1.0", "1.0.0"}},
      {"versions list",
       Ecosystem::kNpm,
       {},
       {"5.0.0", "not-a-version", "5.1.0-rc.1"},
       {"5.0.0", "v5.0.0", "5.0.0+build", "not-a-version", " not-a-version ", "5.1.0-rc.1"},
       {"5.0.1", "Not-A-Version", "5.1.0"}},
      {"an unparsable event disables its range only",
       Ecosystem::kNpm,
       {R(kSemver, {Introduced("0"), Fixed("banana")}),
        R(kSemver, {Introduced("3.0.0"), Fixed("3.1.0")})},
       {},
       {"3.0.1"},
       {"1.0.0", "2.0.0", "banana"}},
      {"an unparsable version matches no range",
       Ecosystem::kNpm,
       {R(kSemver, {Introduced("0")})},
       {},
       {"0.0.1"},
       {"latest", "", "1.2"}},
      {"GIT ranges are ignored",
       Ecosystem::kNpm,
       {R(Range::Type::kGit, {Introduced("0"), Fixed("3f786850e387550fdab836ed7e6dc881de23001b")})},
       {},
       {},
       {"0.0.1", "1.0.0"}},
      {"PyPI ecosystem ordering",
       Ecosystem::kPyPI,
       {R(kEco, {Introduced("1.0"), Fixed("2.0.0")})},
       {"3.0+ubuntu1", "Weird-Version"},
       {"1", "1.0.0", "1.5.post1", "2.0rc1", "2.0.dev1", "3.0+UBUNTU1", "weird-version"},
       {"1.0rc1", "0.9", "2", "2.0.post1", "3.0", "3.0+ubuntu2"}},
      {"PyPI SEMVER range compares as SemVer",
       Ecosystem::kPyPI,
       {R(kSemver, {Introduced("1.0.0"), Fixed("1.2.0")})},
       {},
       {"1.0", "1.1", "1.1.9", "1.2.0rc1"},
       {"0.9", "1.2", "1.1.0.post1", "1.1.dev1", "1!1.1"}},
      {"Go versions with or without v",
       Ecosystem::kGo,
       {R(kSemver, {Introduced("0"), Fixed("0.17.0")})},
       {},
       {"v0.16.0", "0.16.0", "v0.0.0-20210226172049-e18ecbb05110", "v0.17.0-rc.1"},
       {"v0.17.0", "0.17.0", "v0.17.1-0.20230101000000-abcdef123456", "v1.0.0"}},
      {"Go introduced with v",
       Ecosystem::kGo,
       {R(kEco, {Introduced("v1.2.0"), LastAffected("v1.3.0")})},
       {},
       {"v1.2.0", "v1.3.0", "v1.3.0+incompatible"},
       {"v1.1.9", "v1.3.1"}},
  };
  for (const OsvCase& c : cases) ExpectCase(c);
}

TEST(AffectedVersionsTest, MatchesNothing) {
  EXPECT_TRUE(AffectedVersions::Compile(Ecosystem::kNpm, {}, {}).MatchesNothing());
  EXPECT_TRUE(AffectedVersions::Compile(Ecosystem::kNpm,
                                        {R(Range::Type::kGit, {Introduced("0")}),
                                         R(kSemver, {Introduced("0"), Fixed("x.y")})},
                                        {})
                  .MatchesNothing());
  EXPECT_FALSE(AffectedVersions::Compile(Ecosystem::kNpm, {}, {"junk"}).MatchesNothing());
}

TEST(AffectedVersionsTest, OtherEcosystemsVersionsAreNotContained) {
  AffectedVersions a =
      AffectedVersions::Compile(Ecosystem::kNpm, {R(kSemver, {Introduced("0")})}, {});
  EXPECT_TRUE(a.Contains(MustParse(Ecosystem::kNpm, "1.0.0")));
  EXPECT_FALSE(a.Contains(MustParse(Ecosystem::kPyPI, "1.0.0")));
  EXPECT_EQ(a.FixedAfter(MustParse(Ecosystem::kPyPI, "1.0.0")), "");
}

TEST(AffectedVersionsTest, FixedAfter) {
  AffectedVersions a = AffectedVersions::Compile(
      Ecosystem::kPyPI,
      {R(kEco, {Introduced("0"), Fixed("1.5"), Introduced("2.0"), Fixed("2.4.1"),
                Fixed("2.3.0")}),  // a second fix on the branch, as written
       R(kEco, {Introduced("4.0"), LastAffected("4.2")})},
      {"9.0"});
  struct Row {
    const char* version;
    const char* fixed;
  };
  for (const Row& r : {Row{"1.0", "1.5"}, Row{"2.1", "2.3.0"}, Row{"2.3.0", ""}, Row{"4.1", ""},
                       Row{"9.0", ""}, Row{"1.7", ""}}) {
    EXPECT_EQ(a.FixedAfter(MustParse(Ecosystem::kPyPI, r.version)), r.fixed) << r.version;
  }
  AffectedVersions written = AffectedVersions::Compile(
      Ecosystem::kGo, {R(kSemver, {Introduced("0"), Fixed("0.3.8")})}, {});
  EXPECT_EQ(written.FixedAfter(MustParse(Ecosystem::kGo, "v0.3.7")), "0.3.8");
}

// Real advisories (github/advisory-database, pypa/advisory-database,
// golang/vulndb): their ranges and listed versions, checked against
// versions published before and after the fix.
TEST(AffectedVersionsTest, RealAdvisories) {
  // GHSA-p6mc-m468-83gw (lodash prototype pollution): ECOSYSTEM introduced 0, fixed 4.17.20.
  ExpectCase({"GHSA-p6mc-m468-83gw",
              Ecosystem::kNpm,
              {R(kEco, {Introduced("0"), Fixed("4.17.20")})},
              {},
              {"0.1.0", "3.10.1", "4.17.15", "4.17.19"},
              {"4.17.20", "4.17.21", "5.0.0"}});
  // GHSA-xvch-5gv4-984h (minimist): two affected entries, [1.0.0, 1.2.6) and [0, 0.2.4).
  ExpectCase(
      {"GHSA-xvch-5gv4-984h",
       Ecosystem::kNpm,
       {R(kEco, {Introduced("1.0.0"), Fixed("1.2.6")}), R(kEco, {Introduced("0"), Fixed("0.2.4")})},
       {},
       {"0.0.8", "0.2.3", "1.0.0", "1.2.5"},
       {"0.2.4", "0.2.5", "1.2.6", "1.2.8"}});
  // PYSEC-2021-142 (= GHSA-8q59-q68h-6hv4, PyYAML): introduced 0, fixed 5.4, and its list.
  std::vector<std::string> pyyaml = {
      "3.01",  "3.02",  "3.03",  "3.04",  "3.05",  "3.06",   "3.07",    "3.08",
      "3.09",  "3.10",  "3.11",  "3.12",  "3.13",  "3.13b1", "3.13rc1", "4.2b1",
      "4.2b2", "4.2b4", "5.1",   "5.1.1", "5.1.2", "5.1b1",  "5.1b3",   "5.1b5",
      "5.1b7", "5.2",   "5.2b1", "5.3",   "5.3.1", "5.3b1",  "5.4b1",   "5.4b2"};
  std::vector<std::string> fixed_pyyaml = {"5.4", "5.4.0", "5.4.1", "6.0", "6.0.1"};
  ExpectCase({"PYSEC-2021-142",
              Ecosystem::kPyPI,
              {R(kEco, {Introduced("0"), Fixed("5.4")})},
              pyyaml,
              pyyaml,
              fixed_pyyaml});
  // The list alone says the same.
  ExpectCase({"PYSEC-2021-142 versions", Ecosystem::kPyPI, {}, pyyaml, pyyaml, fixed_pyyaml});
  // GO-2022-1059 (= GHSA-69ch-w2m2-3vjp, golang.org/x/text): SEMVER introduced 0, fixed 0.3.8.
  ExpectCase({"GO-2022-1059",
              Ecosystem::kGo,
              {R(kSemver, {Introduced("0"), Fixed("0.3.8")})},
              {},
              {"v0.3.0", "v0.3.7", "v0.0.0-20170915032832-14c0d48ead0c",
               "v0.3.8-0.20211004164453-cc2d2b8d0e51"},
              {"v0.3.8", "v0.4.0", "v0.14.0"}});
}

}  // namespace
}  // namespace fnwarden::analysis::deps
