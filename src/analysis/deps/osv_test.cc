#include "analysis/deps/osv.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "test_util.h"
#include "util/diagnostic.h"
#include "util/fs.h"
#include "util/source.h"
#include "util/strings.h"
#include "util/thread_pool.h"

namespace fnwarden::analysis::deps {
namespace {

using model::Ecosystem;

std::string DataDir() { return testing::SourceDir() + "/tests/data/osv"; }

// "ID [aliases] severity score fixed=… url", one advisory a line.
std::string Dump(const std::vector<model::Advisory>& advisories, bool with_url = false) {
  std::string out;
  for (const model::Advisory& a : advisories) {
    if (!out.empty()) out += "\n";
    out +=
        a.id + " [" + util::Join(a.aliases, ",") + "] " + (a.severity.empty() ? "-" : a.severity);
    char score[16];
    std::snprintf(score, sizeof score, " %.1f", a.cvss_score);
    out += a.cvss_score < 0 ? " -" : score;
    if (!a.fixed.empty()) out += " fixed=" + a.fixed;
    if (with_url) out += " " + a.url;
  }
  return out;
}

// "path:line:col: level: message", one diagnostic a line.
std::string Diags(const util::DiagnosticSink& sink) {
  std::string out;
  for (const util::Diagnostic& d : sink.Sorted()) {
    if (!out.empty()) out += "\n";
    out += util::RenderHeadline(d);
  }
  return out;
}

// A zip archive in memory, written with libarchive.
std::string MakeZip(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out;
  archive* a = archive_write_new();
  archive_write_set_format_zip(a);
  archive_write_set_bytes_in_last_block(a, 1);
  archive_write_open(
      a, &out, nullptr,
      [](archive*, void* data, const void* buffer, size_t length) -> la_ssize_t {
        static_cast<std::string*>(data)->append(static_cast<const char*>(buffer), length);
        return static_cast<la_ssize_t>(length);
      },
      nullptr);
  for (const auto& [name, contents] : entries) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_size(e, static_cast<la_int64_t>(contents.size()));
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_write_header(a, e);
    archive_write_data(a, contents.data(), contents.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
  return out;
}

// The test data as (file name, text), the withdrawn record included.
std::vector<std::pair<std::string, std::string>> DataFiles() {
  std::vector<std::pair<std::string, std::string>> files;
  for (const char* name :
       {"GHSA-69ch-w2m2-3vjp.json", "GHSA-8q59-q68h-6hv4.json", "GHSA-h5c8-rqwp-cp95.json",
        "GHSA-p6mc-m468-83gw.json", "GHSA-v845-jxx5-vc9f.json", "GHSA-wf5p-g6vw-rhxx.json",
        "GHSA-xvch-5gv4-984h.json", "GO-2022-1059.json", "PYSEC-2021-142.json",
        "PYSEC-2021-66.json", "withdrawn/PYSEC-2019-217.json"}) {
    files.emplace_back(name, testing::ReadFileOrDie(DataDir() + "/" + name));
  }
  return files;
}

// A minimal record: `id`, extra top-level members, one npm entry for
// package `name` from `introduced` to `fixed`.
std::string Record(const std::string& id, const std::string& extra, const std::string& name,
                   const std::string& introduced, const std::string& fixed) {
  return R"({"id": ")" + id + R"(", )" + extra + (extra.empty() ? "" : ", ") +
         R"("affected": [{"package": {"ecosystem": "npm", "name": ")" + name +
         R"("}, "ranges": [{"type": "SEMVER", "events": [{"introduced": ")" + introduced +
         R"("}, {"fixed": ")" + fixed + R"("}]}]}]})";
}

class RealAdvisoriesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new AdvisoryDb();
    util::DiskFileSystem fs;
    util::DiagnosticSink diags;
    loaded_ = db_->Load(fs, DataDir(), &diags);
    diags_ = new std::string(Diags(diags));
    db_->Finish();
  }
  static void TearDownTestSuite() {
    delete db_;
    delete diags_;
  }
  static AdvisoryDb* db_;
  static bool loaded_;
  static std::string* diags_;
};
AdvisoryDb* RealAdvisoriesTest::db_ = nullptr;
bool RealAdvisoriesTest::loaded_ = false;
std::string* RealAdvisoriesTest::diags_ = nullptr;

TEST_F(RealAdvisoriesTest, LoadsFolderWithoutProblems) {
  EXPECT_TRUE(loaded_);
  EXPECT_EQ(*diags_, "");
  EXPECT_EQ(db_->size(), 10u);  // 11 records, one withdrawn
  EXPECT_EQ(db_->newest_modified(), "2024-01-11T15:20:48Z");
}

struct MatchCase {
  const char* label;
  Ecosystem ecosystem;
  const char* name;
  const char* version;
  const char* expected;
};

void PrintTo(const MatchCase& c, std::ostream* os) { *os << c.label; }

class RealMatchTest : public RealAdvisoriesTest, public ::testing::WithParamInterface<MatchCase> {};

TEST_P(RealMatchTest, Matches) {
  const MatchCase& c = GetParam();
  EXPECT_EQ(Dump(db_->Match(c.ecosystem, c.name, c.version)), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Osv, RealMatchTest,
    ::testing::Values(
        MatchCase{"lodash affected", Ecosystem::kNpm, "lodash", "4.17.15",
                  "GHSA-p6mc-m468-83gw [CVE-2020-8203] high 7.4 fixed=4.17.20"},
        MatchCase{"lodash fixed", Ecosystem::kNpm, "lodash", "4.17.20", ""},
        MatchCase{"lodash-es second entry", Ecosystem::kNpm, "lodash-es", "4.17.19",
                  "GHSA-p6mc-m468-83gw [CVE-2020-8203] high 7.4 fixed=4.17.20"},
        MatchCase{"minimist 1.x range", Ecosystem::kNpm, "minimist", "1.2.5",
                  "GHSA-xvch-5gv4-984h [CVE-2021-44906] critical 9.8 fixed=1.2.6"},
        MatchCase{"minimist 0.x range", Ecosystem::kNpm, "minimist", "0.0.8",
                  "GHSA-xvch-5gv4-984h [CVE-2021-44906] critical 9.8 fixed=0.2.4"},
        MatchCase{"minimist fixed 1.x", Ecosystem::kNpm, "minimist", "1.2.6", ""},
        MatchCase{"minimist fixed 0.x", Ecosystem::kNpm, "minimist", "0.2.4", ""},
        MatchCase{"axios database severity", Ecosystem::kNpm, "axios", "1.5.1",
                  "GHSA-wf5p-g6vw-rhxx [CVE-2023-45857] medium - fixed=1.6.0"},
        MatchCase{"axios before introduced", Ecosystem::kNpm, "axios", "0.8.0", ""},
        MatchCase{"axios fixed", Ecosystem::kNpm, "axios", "1.6.0", ""},
        MatchCase{"PyYAML GHSA and PYSEC merged", Ecosystem::kPyPI, "PyYAML", "5.3.1",
                  "GHSA-8q59-q68h-6hv4 [CVE-2020-14343,PYSEC-2021-142] critical 9.8 fixed=5.4"},
        MatchCase{"pyyaml lower case", Ecosystem::kPyPI, "pyyaml", "5.3.1",
                  "GHSA-8q59-q68h-6hv4 [CVE-2020-14343,PYSEC-2021-142] critical 9.8 fixed=5.4"},
        MatchCase{"PYYAML upper case", Ecosystem::kPyPI, "PYYAML", "5.1",
                  "GHSA-8q59-q68h-6hv4 [CVE-2020-14343,PYSEC-2021-142] critical 9.8 fixed=5.4"},
        MatchCase{"PyYAML pre-release of the fix", Ecosystem::kPyPI, "PyYAML", "5.4b2",
                  "GHSA-8q59-q68h-6hv4 [CVE-2020-14343,PYSEC-2021-142] critical 9.8 fixed=5.4"},
        MatchCase{"PyYAML fixed", Ecosystem::kPyPI, "PyYAML", "5.4", ""},
        MatchCase{"PyYAML as npm", Ecosystem::kNpm, "pyyaml", "5.3.1", ""},
        MatchCase{"jinja2 two advisories, withdrawn one left out", Ecosystem::kPyPI, "Jinja2",
                  "2.10",
                  "GHSA-h5c8-rqwp-cp95 [CVE-2024-22195] medium 5.4 fixed=3.1.3\n"
                  "PYSEC-2021-66 [CVE-2020-28493,SNYK-PYTHON-JINJA2-1012994] - - fixed=2.11.3"},
        MatchCase{"jinja2 one advisory", Ecosystem::kPyPI, "jinja2", "3.1.2",
                  "GHSA-h5c8-rqwp-cp95 [CVE-2024-22195] medium 5.4 fixed=3.1.3"},
        MatchCase{"jinja2 fixed", Ecosystem::kPyPI, "jinja2", "3.1.3", ""},
        MatchCase{"urllib3 1.x", Ecosystem::kPyPI, "urllib3", "1.26.16",
                  "GHSA-v845-jxx5-vc9f [CVE-2023-43804] medium 5.9 fixed=1.26.17"},
        MatchCase{"urllib3 2.x", Ecosystem::kPyPI, "urllib3", "2.0.5",
                  "GHSA-v845-jxx5-vc9f [CVE-2023-43804] medium 5.9 fixed=2.0.6"},
        MatchCase{"urllib3 fixed 1.x", Ecosystem::kPyPI, "urllib3", "1.26.17", ""},
        MatchCase{"urllib3 fixed 2.x", Ecosystem::kPyPI, "urllib3", "2.0.6", ""},
        MatchCase{"Go module with v", Ecosystem::kGo, "golang.org/x/text", "v0.3.7",
                  "GO-2022-1059 [CVE-2022-32149,GHSA-69ch-w2m2-3vjp] - - fixed=v0.3.8"},
        MatchCase{"Go module without v", Ecosystem::kGo, "golang.org/x/text", "0.3.7",
                  "GO-2022-1059 [CVE-2022-32149,GHSA-69ch-w2m2-3vjp] - - fixed=v0.3.8"},
        MatchCase{"Go pseudo-version", Ecosystem::kGo, "golang.org/x/text",
                  "v0.0.0-20170915032832-14c0d48ead0c",
                  "GO-2022-1059 [CVE-2022-32149,GHSA-69ch-w2m2-3vjp] - - fixed=v0.3.8"},
        MatchCase{"Go fixed", Ecosystem::kGo, "golang.org/x/text", "v0.3.8", ""},
        MatchCase{"Go package path", Ecosystem::kGo, "golang.org/x/text/language", "v0.3.0",
                  "GHSA-69ch-w2m2-3vjp [CVE-2022-32149] high 7.5 fixed=v0.3.8"},
        MatchCase{"unknown package", Ecosystem::kNpm, "left-pad", "1.0.0", ""},
        MatchCase{"version that does not parse", Ecosystem::kNpm, "lodash", "latest", ""},
        MatchCase{"empty version", Ecosystem::kNpm, "lodash", "", ""}));

TEST_F(RealAdvisoriesTest, Urls) {
  // First ADVISORY reference; one that names the record's own ID first
  // (none of these); osv.dev when there is none.
  EXPECT_EQ(db_->Match(Ecosystem::kNpm, "lodash", "4.17.15").at(0).url,
            "https://nvd.nist.gov/vuln/detail/CVE-2020-8203");
  EXPECT_EQ(db_->Match(Ecosystem::kGo, "golang.org/x/text", "v0.3.7").at(0).url,
            "https://osv.dev/vulnerability/GO-2022-1059");
  EXPECT_EQ(db_->Match(Ecosystem::kPyPI, "jinja2", "2.10").at(1).url,
            "https://snyk.io/vuln/SNYK-PYTHON-JINJA2-1012994");
}

TEST_F(RealAdvisoriesTest, SummariesAndVectors) {
  model::Advisory pyyaml = db_->Match(Ecosystem::kPyPI, "PyYAML", "5.3.1").at(0);
  EXPECT_EQ(pyyaml.summary, "Improper Input Validation in PyYAML");
  EXPECT_EQ(pyyaml.cvss_vector, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  // No summary: the first line of `details`, cut with "…".
  model::Advisory go = db_->Match(Ecosystem::kGo, "golang.org/x/text", "v0.3.7").at(0);
  EXPECT_EQ(go.summary,
            "An attacker may cause a denial of service by crafting an Accept-Language header "
            "which ParseAcceptLanguage will take…");
  EXPECT_LE(go.summary.size(), 120u);
  EXPECT_EQ(go.cvss_vector, "");
}

TEST_F(RealAdvisoriesTest, MatchIsThreadSafe) {
  struct Query {
    Ecosystem e;
    const char* name;
    const char* version;
  };
  const Query queries[] = {{Ecosystem::kNpm, "lodash", "4.17.15"},
                           {Ecosystem::kPyPI, "PyYAML", "5.3.1"},
                           {Ecosystem::kGo, "golang.org/x/text", "v0.3.7"},
                           {Ecosystem::kPyPI, "jinja2", "2.10"}};
  std::vector<std::string> expected;
  for (const Query& q : queries) expected.push_back(Dump(db_->Match(q.e, q.name, q.version)));
  std::vector<std::string> got(400);
  util::ParallelFor(got.size(), 4, [&](size_t i) {
    const Query& q = queries[i % 4];
    got[i] = Dump(db_->Match(q.e, q.name, q.version));
  });
  for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i], expected[i % 4]) << i;
}

TEST_F(RealAdvisoriesTest, MatchPackagesSkipsUnpinnedAndNonRegistry) {
  model::PackageSet set;
  set.ecosystem = Ecosystem::kNpm;
  set.packages.resize(4);
  set.packages[0].name = "lodash";
  set.packages[0].version = "4.17.15";
  set.packages[1].name = "lodash";  // unpinned
  set.packages[2].name = "lodash";
  set.packages[2].version = "4.17.15";
  set.packages[2].source = model::PackageSource::kGit;
  set.packages[3].name = "minimist";
  set.packages[3].version = "1.2.5";
  set.packages[3].dev = true;
  set.packages[3].advisories.resize(3);  // replaced
  MatchPackages(*db_, &set);
  EXPECT_EQ(Dump(set.packages[0].advisories),
            "GHSA-p6mc-m468-83gw [CVE-2020-8203] high 7.4 fixed=4.17.20");
  EXPECT_TRUE(set.packages[1].advisories.empty());
  EXPECT_TRUE(set.packages[2].advisories.empty());
  EXPECT_EQ(Dump(set.packages[3].advisories),
            "GHSA-xvch-5gv4-984h [CVE-2021-44906] critical 9.8 fixed=1.2.6");
}

TEST(OsvZipTest, LoadsArchiveLikeFolder) {
  util::MemoryFileSystem fs;
  fs.AddFile("db/npm/all.zip", MakeZip(DataFiles()));
  util::DiagnosticSink diags;
  AdvisoryDb db;
  EXPECT_TRUE(db.Load(fs, "db/npm/all.zip", &diags));
  db.Finish();
  EXPECT_EQ(Diags(diags), "");
  EXPECT_EQ(db.size(), 10u);
  EXPECT_EQ(Dump(db.Match(Ecosystem::kPyPI, "pyyaml", "5.3.1")),
            "GHSA-8q59-q68h-6hv4 [CVE-2020-14343,PYSEC-2021-142] critical 9.8 fixed=5.4");
  EXPECT_EQ(Dump(db.Match(Ecosystem::kPyPI, "jinja2", "2.10")).find("PYSEC-2019-217"),
            std::string::npos);
}

TEST(OsvZipTest, FolderWithArchivesAndRecords) {
  util::MemoryFileSystem fs;
  auto files = DataFiles();
  fs.AddFile("db/PyPI/all.zip", MakeZip({files[1], files[8]}));  // the PyYAML twins
  fs.AddFile("db/npm/GHSA-p6mc-m468-83gw.json", files[3].second);
  fs.AddFile("db/npm/README.md", "not read");
  fs.AddFile("db/.git/objects/x.json", "{ not read");
  util::DiagnosticSink diags;
  AdvisoryDb db;
  EXPECT_TRUE(db.Load(fs, "db", &diags));
  db.Finish();
  EXPECT_EQ(Diags(diags), "");
  EXPECT_EQ(db.size(), 3u);
  EXPECT_EQ(Dump(db.Match(Ecosystem::kNpm, "lodash", "4.0.0")),
            "GHSA-p6mc-m468-83gw [CVE-2020-8203] high 7.4 fixed=4.17.20");
  for (const std::string& read : fs.reads()) EXPECT_EQ(read.find(".git"), std::string::npos);
}

TEST(OsvZipTest, BadEntriesAreReportedAndTheRestLoaded) {
  OsvLimits limits;
  limits.max_record_bytes = 4096;
  auto files = DataFiles();
  std::string large =
      Record("GHSA-aaaa-bbbb-cccc", R"("details": ")" + std::string(5000, 'x') + R"(")", "big", "0",
             "1.0.0");
  util::MemoryFileSystem fs;
  fs.AddFile("all.zip",
             MakeZip({{"../../evil.json", Record("GHSA-evil-evil-evil", "", "evil", "0", "1.0.0")},
                      {"/abs.json", Record("GHSA-abso-lute-path", "", "abs", "0", "1")},
                      {"inner.zip", MakeZip({files[3]})},
                      {"big.json", large},
                      {"broken.json", "{\n  \"id\": \"GHSA-brok-en00-0000\",\n  ]"},
                      {"notes.txt", "ignored"},
                      files[6]}));
  util::SourceSet sources;
  util::DiagnosticSink diags;
  AdvisoryDb db(&sources, limits);
  EXPECT_TRUE(db.Load(fs, "all.zip", &diags));
  db.Finish();
  EXPECT_EQ(Diags(diags),
            "all.zip/../../evil.json: error: archive entry name leaves the archive's folder; "
            "skipped\n"
            "all.zip//abs.json: error: archive entry name leaves the archive's folder; skipped\n"
            "all.zip/big.json: error: archive entry is larger than 0 MB; skipped\n"
            "all.zip/broken.json:3:3: error: OSV record is not valid JSON: malformed JSON "
            "structure\n"
            "all.zip/inner.zip: error: archive inside the archive is not read");
  EXPECT_EQ(db.size(), 1u);
  EXPECT_EQ(Dump(db.Match(Ecosystem::kNpm, "minimist", "1.2.5")),
            "GHSA-xvch-5gv4-984h [CVE-2021-44906] critical 9.8 fixed=1.2.6");
  EXPECT_TRUE(db.Match(Ecosystem::kNpm, "evil", "0.5.0").empty());
  EXPECT_TRUE(db.Match(Ecosystem::kNpm, "lodash", "4.0.0").empty());
}

TEST(OsvZipTest, DamagedArchive) {
  std::string zip = MakeZip(DataFiles());
  util::MemoryFileSystem fs;
  fs.AddFile("cut.zip", zip.substr(0, zip.size() / 2));
  fs.AddFile("junk.zip", "PK\x03\x04 this is not a zip archive");
  for (const char* path : {"cut.zip", "junk.zip"}) {
    util::DiagnosticSink diags;
    AdvisoryDb db;
    db.Load(fs, path, &diags);
    EXPECT_TRUE(diags.has_errors()) << path;
    for (const util::Diagnostic& d : diags.Sorted()) {
      EXPECT_TRUE(d.path.starts_with(path)) << d.path;
      EXPECT_FALSE(d.message.empty());
      EXPECT_NE(d.message.back(), '.') << d.message;
    }
  }
}

TEST(OsvZipTest, EntryAndByteCaps) {
  auto files = DataFiles();
  util::MemoryFileSystem fs;
  fs.AddFile("all.zip", MakeZip(files));
  {
    OsvLimits limits;
    limits.max_archive_entries = 3;
    util::DiagnosticSink diags;
    AdvisoryDb db(nullptr, limits);
    EXPECT_TRUE(db.Load(fs, "all.zip", &diags));
    EXPECT_EQ(Diags(diags),
              "all.zip: error: the archive has more than 3 entries; the rest are "
              "not read");
    EXPECT_EQ(db.size(), 3u);
  }
  {
    OsvLimits limits;
    limits.max_total_bytes = files[0].second.size() + files[1].second.size();
    util::DiagnosticSink diags;
    AdvisoryDb db(nullptr, limits);
    EXPECT_TRUE(db.Load(fs, "all.zip", &diags));
    EXPECT_EQ(Diags(diags),
              "all.zip: error: the OSV database holds more than 0 MB of records; "
              "the rest is not read");
    EXPECT_EQ(db.size(), 2u);
  }
}

TEST(OsvZipTest, DiagnosticsAreCappedPerLoad) {
  std::vector<std::pair<std::string, std::string>> entries;
  for (int i = 0; i < 5; ++i) entries.emplace_back("bad" + std::to_string(i) + ".json", "[]");
  util::MemoryFileSystem fs;
  fs.AddFile("all.zip", MakeZip(entries));
  OsvLimits limits;
  limits.max_diagnostics = 2;
  util::DiagnosticSink diags;
  AdvisoryDb db(nullptr, limits);
  EXPECT_FALSE(db.Load(fs, "all.zip", &diags));
  EXPECT_EQ(Diags(diags),
            "all.zip: error: 3 more problems in the OSV database not shown\n"
            "all.zip/bad0.json: error: OSV record is not a JSON object\n"
            "all.zip/bad1.json: error: OSV record is not a JSON object");
}

TEST(OsvLoadTest, NothingToRead) {
  util::MemoryFileSystem fs;
  fs.AddFile("empty/README.md", "no records");
  fs.AddFile("db/x.json", "[]");
  struct Case {
    const char* path;
    const char* diags;
  };
  for (const Case& c : {
           Case{"missing", "missing: error: cannot read the OSV database: no such file or folder"},
           Case{"empty", "empty: error: no OSV records found"},
           Case{"db", "db/x.json: error: OSV record is not a JSON object"},
       }) {
    util::DiagnosticSink diags;
    AdvisoryDb db;
    EXPECT_FALSE(db.Load(fs, c.path, &diags)) << c.path;
    EXPECT_EQ(Diags(diags), c.diags) << c.path;
  }
}

TEST(OsvLoadTest, OversizeFileAndUnreadableFile) {
  OsvLimits limits;
  limits.max_record_bytes = 1024;
  util::MemoryFileSystem fs;
  fs.AddFile("db/big.json",
             Record("GHSA-aaaa-bbbb-cccc", R"("details": ")" + std::string(2000, 'x') + "\"", "big",
                    "0", "1"));
  fs.AddUnreadable("db/locked.json", "permission denied");
  fs.AddFile("db/ok.json", Record("GHSA-good-good-good", "", "good", "0", "1.0.0"));
  util::DiagnosticSink diags;
  AdvisoryDb db(nullptr, limits);
  EXPECT_TRUE(db.Load(fs, "db", &diags));
  db.Finish();
  EXPECT_EQ(Diags(diags),
            "db/big.json: error: OSV record is larger than 0 MB; skipped\n"
            "db/locked.json: error: cannot read the file: permission denied");
  EXPECT_EQ(db.size(), 1u);
}

// Bad records: whether AddRecord reads them, and the diagnostics, pointing
// into the record.
struct BadCase {
  const char* label;
  std::string json;
  bool read;
  const char* diags;
};

void PrintTo(const BadCase& c, std::ostream* os) { *os << c.label; }

class BadRecordTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadRecordTest, IsReported) {
  const BadCase& c = GetParam();
  util::SourceSet sources;
  util::DiagnosticSink diags;
  AdvisoryDb db(&sources);
  EXPECT_EQ(db.AddRecord(c.json, "r.json", &diags), c.read);
  EXPECT_EQ(Diags(diags), c.diags);
  // The good record after it is still read.
  util::DiagnosticSink more;
  EXPECT_TRUE(
      db.AddRecord(Record("GHSA-good-good-good", "", "good", "0", "2.0.0"), "g.json", &more));
  db.Finish();
  EXPECT_EQ(Diags(more), "");
  EXPECT_EQ(db.Match(Ecosystem::kNpm, "good", "1.0.0").size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(
    Osv, BadRecordTest,
    ::testing::Values(
        BadCase{"not JSON", "id: GHSA-x", false,
                "r.json:1:1: error: OSV record is not a JSON object"},
        BadCase{"empty", "", false, "r.json: error: OSV record is not valid JSON: empty document"},
        BadCase{"unclosed string", "{\"id\": \"GHSA-x", false,
                "r.json: error: OSV record is not valid JSON: unclosed string"},
        BadCase{"invalid UTF-8", "{\"id\": \"GHSA-\xff\"}", false,
                "r.json: error: OSV record is not valid JSON: invalid UTF-8"},
        BadCase{"array", "[{\"id\": \"GHSA-x\"}]", false,
                "r.json:1:1: error: OSV record is not a JSON object"},
        BadCase{"no id", "{\"summary\": \"x\"}", false,
                "r.json:1:1: error: OSV record has no \"id\"; it is skipped"},
        BadCase{"id not a string", "{\n  \"id\": 5\n}", false,
                "r.json:2:9: error: \"id\" must be a string; it is skipped\n"
                "r.json:2:9: error: OSV record has no \"id\"; it is skipped"},
        BadCase{"id not an ID", "{\"id\": \"../../etc/passwd\"}", false,
                "r.json:1:8: error: OSV record's \"id\" \"../../etc/passwd\" is not an advisory "
                "ID; the record is skipped"},
        BadCase{"text after the object", "{\"id\": \"GHSA-1\"} {}", false,
                "r.json:1:18: error: OSV record is not valid JSON: text after the object"},
        BadCase{"broken inside", "{\"id\": \"GHSA-1\", \"affected\": [}", false,
                "r.json:1:31: error: OSV record is not valid JSON: malformed JSON structure"},
        BadCase{"wrong types",
                Record("GHSA-1", R"("aliases": "CVE-1", "summary": 3)", "a", "0", "1.0.0"), true,
                "r.json:1:29: error: \"aliases\" must be an array; it is skipped\n"
                "r.json:1:49: error: \"summary\" must be a string; it is skipped"},
        BadCase{"bad alias",
                Record("GHSA-1", R"("aliases": ["CVE-1", "no spaces", 7])", "a", "0", "1.0.0"),
                true,
                "r.json:1:39: warning: alias \"no spaces\" is not an advisory ID; it is skipped\n"
                "r.json:1:52: error: an alias must be a string; it is skipped"},
        BadCase{"affected not an array", R"({"id": "GHSA-1", "affected": {}})", true,
                "r.json:1:30: error: \"affected\" must be an array; it is skipped"},
        BadCase{"package without ecosystem",
                R"({"id": "GHSA-1", "affected": [{"package": {"name": "a"}}]})", true,
                "r.json:1:43: error: \"package\" has no \"ecosystem\"; the entry is skipped"},
        BadCase{"package without name",
                R"({"id": "GHSA-1", "affected": [{"package": {"ecosystem": "npm"}}]})", true,
                "r.json:1:43: error: \"package\" has no \"name\"; the entry is skipped"},
        BadCase{"entry without package",
                R"({"id": "GHSA-1", "affected": [{"versions": ["1.0.0"]}]})", true,
                "r.json:1:31: error: \"affected\" entry has no \"package\"; it is skipped"},
        BadCase{"unknown range type",
                R"({"id": "GHSA-1", "affected": [{"package": {"ecosystem": "npm", "name": "a"},)"
                R"( "ranges": [{"type": "CALVER", "events": [{"introduced": "0"}]}]}]})",
                true, "r.json:1:98: warning: unknown range type \"CALVER\"; the range is skipped"},
        BadCase{
            "empty event version",
            R"({"id": "GHSA-1", "affected": [{"package": {"ecosystem": "npm", "name": "a"},)"
            R"( "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": ""}]}]}]})",
            true, "r.json:1:150: error: event version is empty; the range is skipped"},
        BadCase{
            "event without a kind",
            R"({"id": "GHSA-1", "affected": [{"package": {"ecosystem": "npm", "name": "a"},)"
            R"( "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixd": "1"}]}]}]})",
            true,
            "r.json:1:140: warning: event has no \"introduced\", \"fixed\", \"last_affected\" or "
            "\"limit\"; it is skipped"},
        BadCase{"event not a string",
                R"({"id": "GHSA-1", "affected": [{"package": {"ecosystem": "npm", "name": "a"},)"
                R"( "ranges": [{"type": "SEMVER", "events": [{"introduced": 0}]}]}]})",
                true, "r.json:1:134: error: an event's version must be a string; it is skipped"},
        BadCase{"bad CVSS vector",
                Record("GHSA-1", R"("severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N"}])",
                       "a", "0", "1"),
                true,
                "r.json: warning: CVSS vector \"CVSS:3.1/AV:N\" cannot be scored; the database's "
                "severity is used"},
        // Members fnwarden does not read are skipped however deep they are.
        BadCase{
            "nested deeply, skipped",
            "{\"id\": \"GHSA-1\", \"x\": " + std::string(5000, '[') + std::string(5000, ']') + "}",
            true, ""},
        BadCase{"nested deeply, read",
                "{\"id\": \"GHSA-1\", \"affected\": " + std::string(5000, '[') +
                    std::string(5000, ']') + "}",
                true, "r.json:1:31: error: an \"affected\" entry must be an object; it is skipped"},
        BadCase{"unclosed object", "{\"id\": \"GHSA-1\",\n \"affected\": [{\"package\": {}]\n}",
                false,
                "r.json:2:29: error: OSV record is not valid JSON: malformed JSON structure"}));

TEST(OsvRecordTest, HugeSummaryIsCut) {
  std::string summary;
  for (int i = 0; i < 20000; ++i) summary += "wörd ";
  AdvisoryDb db;
  util::DiagnosticSink diags;
  ASSERT_TRUE(db.AddRecord(Record("GHSA-1", R"("summary": ")" + summary + "\"", "a", "0", "1.0.0"),
                           "r.json", &diags));
  db.Finish();
  EXPECT_EQ(Diags(diags), "");
  std::vector<model::Advisory> found = db.Match(Ecosystem::kNpm, "a", "0.5.0");
  ASSERT_EQ(found.size(), 1u);
  const std::string& cut = found[0].summary;
  EXPECT_LE(cut.size(), 120u);
  EXPECT_TRUE(cut.ends_with("wörd…")) << cut;
}

TEST(OsvRecordTest, SummaryIsOneLine) {
  AdvisoryDb db;
  util::DiagnosticSink diags;
  ASSERT_TRUE(db.AddRecord(
      Record("GHSA-1", R"("details": "\n\n## Impact\tnow\r\nsecond line")", "a", "0", "1.0.0"),
      "r.json", &diags));
  db.Finish();
  EXPECT_EQ(db.Match(Ecosystem::kNpm, "a", "0.5.0").at(0).summary, "## Impact now");
}

TEST(OsvRecordTest, UnknownEcosystemsAreIgnored) {
  AdvisoryDb db;
  util::DiagnosticSink diags;
  EXPECT_TRUE(db.AddRecord(
      R"({"id": "RUSTSEC-2021-0001", "affected": [{"package": {"ecosystem": "crates.io",)"
      R"( "name": "a"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}]}]}]})",
      "r.json", &diags));
  EXPECT_TRUE(db.AddRecord(
      R"({"id": "GHSA-mixd-mixd-mixd", "affected": [)"
      R"({"ranges": [{"type": "BROKEN"}], "package": {"ecosystem": "Maven", "name": "a"}},)"
      R"({"package": {"ecosystem": "PyPI:3.12", "name": "a"}, "versions": ["1.0"]}]})",
      "r.json", &diags));
  db.Finish();
  EXPECT_EQ(Diags(diags), "");
  EXPECT_EQ(db.size(), 1u);
  EXPECT_EQ(Dump(db.Match(Ecosystem::kPyPI, "A", "1.0")), "GHSA-mixd-mixd-mixd [] - -");
  EXPECT_TRUE(db.Match(Ecosystem::kNpm, "a", "1.0.0").empty());
}

TEST(OsvRecordTest, LaterCopyAndWithdrawalWin) {
  AdvisoryDb db;
  util::DiagnosticSink diags;
  auto add = [&](const std::string& extra, const std::string& fixed) {
    EXPECT_TRUE(db.AddRecord(Record("GHSA-1", extra, "a", "0", fixed), "r.json", &diags));
  };
  add(R"("modified": "2023-01-01T00:00:00Z")", "1.0.0");
  add(R"("modified": "2024-01-01T00:00:00Z")", "2.0.0");  // supersedes
  add(R"("modified": "2022-01-01T00:00:00Z")", "3.0.0");  // older: ignored
  db.Finish();
  EXPECT_EQ(db.size(), 1u);
  EXPECT_EQ(Dump(db.Match(Ecosystem::kNpm, "a", "1.5.0")), "GHSA-1 [] - - fixed=2.0.0");
  add(R"("modified": "2025-01-01T00:00:00Z", "withdrawn": "2025-01-01T00:00:00Z")", "2.0.0");
  add(R"("modified": "2024-06-01T00:00:00Z")", "2.0.0");  // older than the withdrawal
  db.Finish();
  EXPECT_EQ(db.size(), 0u);
  EXPECT_TRUE(db.Match(Ecosystem::kNpm, "a", "1.5.0").empty());
  EXPECT_EQ(db.newest_modified(), "2025-01-01T00:00:00Z");
  EXPECT_EQ(Diags(diags), "");
}

TEST(OsvRecordTest, MergesTransitivelyWithLowestFixAndHighestSeverity) {
  AdvisoryDb db;
  util::DiagnosticSink diags;
  // PYSEC-A and GO-B share nothing; CVE-C names both: all three are one.
  db.AddRecord(Record("PYSEC-2020-1", R"("aliases": ["CVE-2020-1"],
      "database_specific": {"severity": "LOW"}, "summary": "from pysec")",
                      "a", "0", "2.0.0"),
               "1.json", &diags);
  db.AddRecord(Record("GO-2020-2", R"("aliases": ["CVE-2020-2"],
      "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}])",
                      "a", "0", "1.5.0"),
               "2.json", &diags);
  db.AddRecord(
      Record("CVE-2020-3", R"("aliases": ["CVE-2020-1", "CVE-2020-2"])", "a", "0", "3.0.0"),
      "3.json", &diags);
  // Shares nothing: its own advisory.
  db.AddRecord(Record("GHSA-zzzz-zzzz-zzzz", R"("aliases": ["CVE-2020-9"])", "a", "0", "9.0.0"),
               "4.json", &diags);
  db.Finish();
  EXPECT_EQ(Diags(diags), "");
  std::vector<model::Advisory> found = db.Match(Ecosystem::kNpm, "a", "1.0.0");
  EXPECT_EQ(Dump(found, true),
            "GO-2020-2 [CVE-2020-1,CVE-2020-2,CVE-2020-3,PYSEC-2020-1] high 7.5 fixed=1.5.0 "
            "https://osv.dev/vulnerability/GO-2020-2\n"
            "GHSA-zzzz-zzzz-zzzz [CVE-2020-9] - - fixed=9.0.0 "
            "https://osv.dev/vulnerability/GHSA-zzzz-zzzz-zzzz");
  // Above the lowest fix, only the records still affected merge.
  EXPECT_EQ(Dump(db.Match(Ecosystem::kNpm, "a", "1.6.0")),
            "PYSEC-2020-1 [CVE-2020-1,CVE-2020-2,CVE-2020-3] low - fixed=2.0.0\n"
            "GHSA-zzzz-zzzz-zzzz [CVE-2020-9] - - fixed=9.0.0");
}

TEST(OsvRecordTest, UrlPrefersTheRecordsOwnPage) {
  AdvisoryDb db;
  util::DiagnosticSink diags;
  db.AddRecord(Record("GHSA-abcd-efgh-ijkl", R"x("references": [
      {"type": "WEB", "url": "https://example.com/GHSA-abcd-efgh-ijkl"},
      {"type": "ADVISORY", "url": "javascript:alert(1)"},
      {"type": "ADVISORY", "url": "https://nvd.nist.gov/vuln/detail/CVE-1"},
      {"type": "ADVISORY", "url": "https://github.com/advisories/GHSA-abcd-efgh-ijkl"}])x",
                      "a", "0", "1.0.0"),
               "r.json", &diags);
  db.Finish();
  EXPECT_EQ(db.Match(Ecosystem::kNpm, "a", "0.1.0").at(0).url,
            "https://github.com/advisories/GHSA-abcd-efgh-ijkl");
  EXPECT_EQ(Diags(diags), "");
}

TEST(OsvRecordTest, CvssV2AndV4) {
  AdvisoryDb db;
  util::DiagnosticSink diags;
  db.AddRecord(Record("GHSA-v2",
                      R"("severity": [{"type": "CVSS_V2", "score": "AV:N/AC:L/Au:N/C:P/I:P/A:P"}])",
                      "v2", "0", "1.0.0"),
               "r.json", &diags);
  db.AddRecord(Record("GHSA-v4", R"("severity": [{"type": "CVSS_V4",
      "score": "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"}],
      "database_specific": {"severity": "MODERATE"})",
                      "v4", "0", "1.0.0"),
               "r.json", &diags);
  db.Finish();
  EXPECT_EQ(Diags(diags), "");
  EXPECT_EQ(Dump(db.Match(Ecosystem::kNpm, "v2", "0.1.0")), "GHSA-v2 [] high 7.5 fixed=1.0.0");
  model::Advisory v4 = db.Match(Ecosystem::kNpm, "v4", "0.1.0").at(0);
  EXPECT_EQ(v4.severity, "medium");
  EXPECT_EQ(v4.cvss_score, -1);
  EXPECT_EQ(v4.cvss_vector, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
}

TEST(OsvRecordTest, AddingAfterFinish) {
  AdvisoryDb db;
  util::DiagnosticSink diags;
  db.AddRecord(Record("GHSA-1", "", "a", "0", "1.0.0"), "1.json", &diags);
  db.Finish();
  db.AddRecord(Record("GHSA-2", "", "a", "0", "2.0.0"), "2.json", &diags);
  db.Finish();
  EXPECT_EQ(Dump(db.Match(Ecosystem::kNpm, "a", "0.5.0")),
            "GHSA-1 [] - - fixed=1.0.0\nGHSA-2 [] - - fixed=2.0.0");
}

}  // namespace
}  // namespace fnwarden::analysis::deps
