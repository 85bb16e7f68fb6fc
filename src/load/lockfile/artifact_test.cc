#include "load/lockfile/artifact.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <locale.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "util/diagnostic.h"
#include "util/fs.h"
#include "util/source.h"

namespace fnwarden::load::lockfile {
namespace {

// --- Building zips at run time ----------------------------------------------

struct ZipEntry {
  enum Kind { kFile, kDir, kLink };
  std::string name;
  std::string data;  // the link's target for kLink
  Kind kind = kFile;
  bool size_unknown = false;  // streamed: the size follows the data (a data descriptor)
};

la_ssize_t AppendToString(archive*, void* out, const void* buf, size_t n) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(buf), n);
  return static_cast<la_ssize_t>(n);
}

// A zip as libarchive's writer makes it (deflate; encrypted with ZipCrypto
// when `passphrase` is given).
std::string WriteZip(const std::vector<ZipEntry>& entries, const char* passphrase = nullptr) {
  std::string out;
  archive* a = archive_write_new();
  archive_write_set_format_zip(a);
  if (passphrase != nullptr) {
    EXPECT_EQ(archive_write_set_options(a, "zip:encryption=zipcrypt"), ARCHIVE_OK);
    archive_write_set_passphrase(a, passphrase);
  }
  archive_write_set_bytes_in_last_block(a, 1);
  archive_write_open(a, &out, nullptr, AppendToString, nullptr);
  for (const ZipEntry& e : entries) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, e.name.c_str());
    archive_entry_set_filetype(entry, e.kind == ZipEntry::kFile  ? AE_IFREG
                                      : e.kind == ZipEntry::kDir ? AE_IFDIR
                                                                 : AE_IFLNK);
    archive_entry_set_perm(entry, e.kind == ZipEntry::kDir ? 0755 : 0644);
    if (e.kind == ZipEntry::kLink) archive_entry_set_symlink(entry, e.data.c_str());
    if (e.kind == ZipEntry::kFile && !e.size_unknown) archive_entry_set_size(entry, e.data.size());
    EXPECT_EQ(archive_write_header(a, entry), ARCHIVE_OK) << archive_error_string(a);
    if (e.kind == ZipEntry::kFile) archive_write_data(a, e.data.data(), e.data.size());
    archive_entry_free(entry);
  }
  archive_write_close(a);
  archive_write_free(a);
  return out;
}

// A zip crafted byte by byte, for what libarchive's writer will not write:
// names with NUL bytes, sizes that lie, wrong checksums.
struct RawEntry {
  std::string name;
  std::string data;
  bool deflate = false;        // method 8, written as stored deflate blocks
  int64_t declared_size = -1;  // the uncompressed size the headers claim; -1: the real one
  bool wrong_crc = false;
  uint16_t flags = 0;  // 0x800: the name is UTF-8
};

void Put16(std::string* out, uint32_t v) {
  out->push_back(static_cast<char>(v & 0xff));
  out->push_back(static_cast<char>((v >> 8) & 0xff));
}

void Put32(std::string* out, uint32_t v) {
  Put16(out, v & 0xffff);
  Put16(out, v >> 16);
}

uint32_t Crc32(const std::string& data) {
  uint32_t c = 0xffffffff;
  for (unsigned char b : data) {
    c ^= b;
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
  }
  return ~c;
}

// Deflate without compression: stored blocks of at most 65535 bytes.
std::string StoredDeflate(const std::string& data) {
  std::string out;
  size_t i = 0;
  do {
    size_t n = std::min<size_t>(65535, data.size() - i);
    out.push_back(i + n >= data.size() ? 1 : 0);  // BFINAL, BTYPE 00
    Put16(&out, static_cast<uint32_t>(n));
    Put16(&out, static_cast<uint32_t>(~n & 0xffff));
    out += data.substr(i, n);
    i += n;
  } while (i < data.size());
  return out;
}

std::string RawZip(const std::vector<RawEntry>& entries) {
  std::string out, central;
  for (const RawEntry& e : entries) {
    std::string body = e.deflate ? StoredDeflate(e.data) : e.data;
    uint32_t crc = Crc32(e.data) ^ (e.wrong_crc ? 1u : 0u);
    uint32_t size = e.declared_size >= 0 ? static_cast<uint32_t>(e.declared_size)
                                         : static_cast<uint32_t>(e.data.size());
    uint32_t offset = static_cast<uint32_t>(out.size());
    auto common = [&](std::string* to) {
      Put16(to, 20);  // version needed
      Put16(to, e.flags);
      Put16(to, e.deflate ? 8 : 0);  // method
      Put16(to, 0);                  // time
      Put16(to, 0x21);               // date
      Put32(to, crc);
      Put32(to, static_cast<uint32_t>(body.size()));
      Put32(to, size);
      Put16(to, static_cast<uint32_t>(e.name.size()));
      Put16(to, 0);  // extra length
    };
    Put32(&out, 0x04034b50);
    common(&out);
    out += e.name;
    out += body;
    Put32(&central, 0x02014b50);
    Put16(&central, 0x0314);  // made by: Unix
    common(&central);
    Put16(&central, 0);  // comment length
    Put16(&central, 0);  // disk
    Put16(&central, 0);  // internal attributes
    Put32(&central, 0);  // external attributes
    Put32(&central, offset);
    central += e.name;
  }
  uint32_t central_offset = static_cast<uint32_t>(out.size());
  out += central;
  Put32(&out, 0x06054b50);
  Put16(&out, 0);
  Put16(&out, 0);
  Put16(&out, static_cast<uint32_t>(entries.size()));
  Put16(&out, static_cast<uint32_t>(entries.size()));
  Put32(&out, static_cast<uint32_t>(central.size()));
  Put32(&out, central_offset);
  Put16(&out, 0);
  return out;
}

// The archive without its central directory, as a cut-off upload leaves it.
std::string WithoutCentralDirectory(const std::string& zip) {
  size_t central = zip.find("PK\x01\x02");
  EXPECT_NE(central, std::string::npos);
  return zip.substr(0, central);
}

std::string PackageJson(const std::string& name, const std::string& version) {
  return "{\n  \"name\": \"" + name + "\",\n  \"version\": \"" + version + "\"\n}\n";
}

std::string Metadata(const std::string& name, const std::string& version) {
  return "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version +
         "\nSummary: x\n\nA long description.\n";
}

// --- Compact dumps --------------------------------------------------------------

std::string Dump(const InstalledPackages& in) {
  std::string out;
  for (const model::PackageSet& set : in.sets) {
    out += std::string(model::EcosystemName(set.ecosystem)) + " " + set.format + " " + set.path +
           (set.locked ? "" : " unlocked") + "\n";
    for (const model::Package& p : set.packages) {
      out += "  " + p.name + "@" + p.version;
      if (!p.installed_as.empty()) out += " as " + p.installed_as;
      if (p.direct) out += " direct";
      out += " " + std::string(p.loc.path()) + ":" + std::to_string(p.loc.line) + ":" +
             std::to_string(p.loc.col) + "\n";
    }
  }
  for (const auto& [dist, names] : in.import_names) {
    out += "import " + dist + ":";
    for (const std::string& n : names) out += " " + n;
    out += "\n";
  }
  return out;
}

std::string Headlines(const util::DiagnosticSink& diags) {
  std::string out;
  for (const util::Diagnostic& d : diags.Sorted()) out += util::RenderHeadline(d) + "\n";
  return out;
}

struct ZipResult {
  bool ok = false;
  std::string packages;
  std::string diags;
};

ZipResult ReadZip(const std::string& bytes, const ArtifactLimits& limits = {}) {
  util::SourceSet sources;
  util::DiagnosticSink diags;
  InstalledPackages out;
  ZipResult r;
  r.ok = ReadZipArtifact(bytes, "fn.zip", limits, &sources, &diags, &out);
  r.packages = Dump(out);
  r.diags = Headlines(diags);
  return r;
}

// --- Well-formed zips -----------------------------------------------------------

TEST(ZipArtifactTest, ReadsNodeModulesScopedNestedAndAliased) {
  std::string zip = WriteZip({
      {"index.js", "exports.handler = async () => 1;\n"},
      {"node_modules/", "", ZipEntry::kDir},
      {"node_modules/lodash/package.json", PackageJson("lodash", "4.17.21")},
      {"node_modules/@aws-sdk/client-s3/package.json",
       PackageJson("@aws-sdk/client-s3", "3.450.0")},
      {"node_modules/a/package.json", PackageJson("a", "1.0.0")},
      {"node_modules/a/node_modules/b/package.json", PackageJson("b", "2.0.0")},
      // Not packages: a package.json inside a package, the lockfile, .bin.
      {"node_modules/a/lib/package.json", PackageJson("not-a-package", "9.9.9")},
      {"node_modules/.package-lock.json", "{}"},
      {"node_modules/.bin/b", "../b/cli.js", ZipEntry::kLink},
      // An npm alias: installed as `old-uuid`, really `uuid`.
      {"./node_modules/old-uuid/package.json", PackageJson("uuid", "3.4.0")},
      // The same package twice (two paths): one package.
      {"node_modules/c/node_modules/lodash/package.json", PackageJson("lodash", "4.17.21")},
  });
  ZipResult r = ReadZip(zip);
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(
      r.packages,
      "npm Lambda zip (node_modules) fn.zip\n"
      "  @aws-sdk/client-s3@3.450.0 fn.zip!node_modules/@aws-sdk/client-s3/package.json:3:14\n"
      "  a@1.0.0 fn.zip!node_modules/a/package.json:3:14\n"
      "  b@2.0.0 fn.zip!node_modules/a/node_modules/b/package.json:3:14\n"
      "  lodash@4.17.21 fn.zip!node_modules/lodash/package.json:3:14\n"
      "  uuid@3.4.0 as old-uuid fn.zip!node_modules/old-uuid/package.json:3:14\n");
  EXPECT_EQ(r.diags, "");
}

TEST(ZipArtifactTest, PointsIntoTheMetadataText) {
  std::string zip =
      WriteZip({{"node_modules/lodash/package.json", PackageJson("lodash", "4.17.21")}});
  util::SourceSet sources;
  util::DiagnosticSink diags;
  InstalledPackages out;
  ASSERT_TRUE(ReadZipArtifact(zip, "fn.zip", {}, &sources, &diags, &out));
  ASSERT_EQ(out.sets.size(), 1u);
  const model::Package& p = out.sets[0].packages.at(0);
  ASSERT_TRUE(p.loc.known());
  EXPECT_EQ(p.loc.file->text(), PackageJson("lodash", "4.17.21"));
  EXPECT_EQ(p.loc.file->Line(p.loc.line).substr(p.loc.col - 1), "\"4.17.21\"");
  EXPECT_TRUE(out.sets[0].locked);
  EXPECT_FALSE(p.direct);
}

TEST(ZipArtifactTest, ReadsANodeLayer) {
  std::string zip = WriteZip({
      {"nodejs/node_modules/axios/package.json", PackageJson("axios", "1.6.0")},
      {"nodejs/node18/node_modules/@smithy/types/package.json",
       PackageJson("@smithy/types", "2.0.0")},
  });
  ZipResult r = ReadZip(zip);
  EXPECT_EQ(
      r.packages,
      "npm Lambda layer zip (node_modules) fn.zip\n"
      "  @smithy/types@2.0.0 fn.zip!nodejs/node18/node_modules/@smithy/types/package.json:3:14\n"
      "  axios@1.6.0 fn.zip!nodejs/node_modules/axios/package.json:3:14\n");
  EXPECT_EQ(r.diags, "");
}

TEST(ZipArtifactTest, ReadsAPythonLayerWithImportNames) {
  std::string site = "python/lib/python3.12/site-packages/";
  std::string zip = WriteZip({
      {site + "requests-2.31.0.dist-info/METADATA", Metadata("requests", "2.31.0")},
      {site + "requests-2.31.0.dist-info/top_level.txt", "requests\n"},
      {site + "requests/__init__.py", ""},
      // No top_level.txt (hatchling, flit): the import names come from RECORD.
      {"python/PyYAML-6.0.1.dist-info/METADATA", Metadata("PyYAML", "6.0.1")},
      {"python/PyYAML-6.0.1.dist-info/RECORD",
       "PyYAML-6.0.1.dist-info/METADATA,sha256=x,100\n"
       "_yaml/__init__.py,sha256=x,10\n"
       "yaml/__init__.py,sha256=x,10\n"
       "yaml/composer.py,sha256=x,10\n"
       "\"yaml/odd,name.py\",sha256=x,10\n"
       "yaml/__pycache__/composer.cpython-312.pyc,,\n"
       "../../bin/yaml-tool,sha256=x,10\n"
       "_yaml_ext.cpython-312-x86_64-linux-gnu.so,sha256=x,10\n"},
      // setuptools' egg-info folder, with CRLF line ends and a namespace package.
      {"python/zope.interface-6.0-py3.12.egg-info/PKG-INFO",
       "Metadata-Version: 1.2\r\nName: zope.interface\r\nVersion: 6.0\r\n\r\nText\r\n"},
      {"python/zope.interface-6.0-py3.12.egg-info/top_level.txt", "zope/interface\n\n"},
      // distutils' egg-info file.
      {"python/six-1.16.0-py3.12.egg-info", Metadata("six", "1.16.0")},
  });
  util::SourceSet sources;
  util::DiagnosticSink diags;
  InstalledPackages out;
  ASSERT_TRUE(ReadZipArtifact(zip, "layer.zip", {}, &sources, &diags, &out));
  EXPECT_EQ(
      Dump(out),
      "PyPI Lambda layer zip (site-packages) layer.zip\n"
      "  PyYAML@6.0.1 layer.zip!python/PyYAML-6.0.1.dist-info/METADATA:3:10\n"
      "  requests@2.31.0 "
      "layer.zip!python/lib/python3.12/site-packages/requests-2.31.0.dist-info/METADATA:3:10\n"
      "  six@1.16.0 layer.zip!python/six-1.16.0-py3.12.egg-info:3:10\n"
      "  zope.interface@6.0 layer.zip!python/zope.interface-6.0-py3.12.egg-info/PKG-INFO:3:10\n"
      "import pyyaml: _yaml _yaml_ext yaml\n"
      "import requests: requests\n"
      "import zope-interface: zope\n");
  EXPECT_EQ(Headlines(diags), "");
  // Only the header block is kept: the description is not.
  EXPECT_EQ(out.sets.at(0).packages.at(0).loc.file->text(),
            "Metadata-Version: 2.1\nName: PyYAML\nVersion: 6.0.1\nSummary: x\n");
}

TEST(ZipArtifactTest, ReadsBothEcosystemsOfOneZipAsTwoSets) {
  std::string zip = WriteZip({
      {"requests-2.31.0.dist-info/METADATA", Metadata("requests", "2.31.0")},
      {"six-1.16.0-py3.12.egg-info", Metadata("six", "1.16.0")},
      {"node_modules/lodash/package.json", PackageJson("lodash", "4.17.21")},
  });
  ZipResult r = ReadZip(zip);
  EXPECT_EQ(r.packages,
            "npm Lambda zip (node_modules) fn.zip\n"
            "  lodash@4.17.21 fn.zip!node_modules/lodash/package.json:3:14\n"
            "PyPI Lambda zip (site-packages) fn.zip\n"
            "  requests@2.31.0 fn.zip!requests-2.31.0.dist-info/METADATA:3:10\n"
            "  six@1.16.0 fn.zip!six-1.16.0-py3.12.egg-info:3:10\n");
}

TEST(ZipArtifactTest, LeavesTheThreadsLocaleAsItWas) {
  locale_t before = uselocale(static_cast<locale_t>(0));
  ZipResult r = ReadZip(WriteZip({{"node_modules/x/package.json", PackageJson("x", "1.0.0")}}));
  EXPECT_EQ(uselocale(static_cast<locale_t>(0)), before);
  EXPECT_NE(r.packages, "");
}

TEST(ZipArtifactTest, AnEmptyZipHasNoPackages) {
  ZipResult r = ReadZip(WriteZip({}));
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.packages, "");
  EXPECT_EQ(r.diags, "");
}

TEST(ZipArtifactTest, ReadsTheZipThroughTheFileSystemInsideTheRootsOnly) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/fn.zip", WriteZip({{"node_modules/x/package.json", PackageJson("x", "1.0.0")}}));
  fs.AddFile("elsewhere/other.zip",
             WriteZip({{"node_modules/y/package.json", PackageJson("y", "1.0.0")}}));
  fs.AddSymlink("app/link.zip", "../elsewhere/other.zip");
  util::ScanRoots roots(fs, {"app"}, false);
  util::SourceSet sources;
  util::DiagnosticSink diags;
  InstalledPackages out;
  EXPECT_TRUE(ReadZipArtifactFile(fs, roots, "app/fn.zip", "fn.zip", {}, &sources, &diags, &out));
  EXPECT_FALSE(
      ReadZipArtifactFile(fs, roots, "app/link.zip", "link.zip", {}, &sources, &diags, &out));
  EXPECT_EQ(Dump(out),
            "npm Lambda zip (node_modules) fn.zip\n"
            "  x@1.0.0 fn.zip!node_modules/x/package.json:3:14\n");
  EXPECT_EQ(Headlines(diags),
            "link.zip: error: cannot read the deployment package: outside the scanned folders\n");
  for (const std::string& read : fs.reads()) EXPECT_EQ(read.find("elsewhere"), std::string::npos);
}

// --- Metadata problems ---------------------------------------------------------

TEST(ZipArtifactTest, ReportsMetadataItCannotUseAndKeepsTheRest) {
  std::string zip = WriteZip({
      // No Version header: taken from the folder name, else unknown.
      {"attrs-23.1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: attrs\n"},
      {"mylib.egg-info/PKG-INFO", "Metadata-Version: 1.0\nName: mylib\n"},
      // No Name header: taken from the folder name.
      {"idna-3.4.dist-info/METADATA", "Metadata-Version: 2.1\nVersion: 3.4\n"},
      // Not a distribution name.
      {"evil-1.0.dist-info/METADATA", "Name: ../../evil\x1b[0m\nVersion: 1.0\n"},
      // package.json: not JSON, not an object, no version, an invalid name.
      {"node_modules/broken/package.json", "{\"name\": \"broken\",,}"},
      {"node_modules/array/package.json", "[1, 2]"},
      {"node_modules/noversion/package.json", "{\"name\": \"noversion\"}"},
      {"node_modules/bad/package.json", "{\"name\": \"bad name\", \"version\": \"1.0.0\"}"},
      {"node_modules/ok/package.json", PackageJson("ok", "1.0.0")},
  });
  ZipResult r = ReadZip(zip);
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.packages,
            "npm Lambda zip (node_modules) fn.zip\n"
            "  noversion@ fn.zip!node_modules/noversion/package.json:1:1\n"
            "  ok@1.0.0 fn.zip!node_modules/ok/package.json:3:14\n"
            "PyPI Lambda zip (site-packages) fn.zip\n"
            "  attrs@23.1.0 fn.zip!attrs-23.1.0.dist-info/METADATA:2:7\n"
            "  idna@3.4 fn.zip!idna-3.4.dist-info/METADATA:2:10\n"
            "  mylib@ fn.zip!mylib.egg-info/PKG-INFO:2:7\n");
  EXPECT_EQ(
      r.diags,
      "fn.zip!attrs-23.1.0.dist-info/METADATA:2:7: warning: METADATA has no Version header; the "
      "version of attrs is taken from its folder\n"
      "fn.zip!evil-1.0.dist-info/METADATA:1:7: warning: distribution name "
      "\"../../evil\\x1b[0m\" in METADATA is not valid; skipped\n"
      "fn.zip!idna-3.4.dist-info/METADATA:1:1: warning: METADATA has no Name header; the name is "
      "taken from its folder\n"
      "fn.zip!mylib.egg-info/PKG-INFO:2:7: warning: PKG-INFO has no Version header; the version "
      "of mylib is unknown\n"
      "fn.zip!node_modules/array/package.json:1:1: warning: package.json is not a JSON object; "
      "the package is skipped\n"
      "fn.zip!node_modules/bad/package.json:1:10: warning: package name \"bad name\" is not a "
      "valid npm name; the package is skipped\n"
      "fn.zip!node_modules/broken/package.json:1:19: error: expected a member name in double "
      "quotes, found ','\n"
      "fn.zip!node_modules/noversion/package.json:1:1: warning: package.json has no \"version\" "
      "string; the version of noversion is unknown\n");
}

// --- Hostile archives, one kind per case -----------------------------------------

struct HostileCase {
  const char* name;
  std::function<std::string()> zip;
  std::function<void(ArtifactLimits*)> limits;  // may be empty
  bool ok;
  const char* packages;
  const char* diags;
};

std::string Big(size_t n) {
  return "{\"name\": \"big\", \"version\": \"1.0.0\", \"x\": \"" + std::string(n, 'a') + "\"}";
}

const HostileCase kHostileCases[] = {
    {"PathTraversal",
     [] {
       return WriteZip(
           {{"../../evil/node_modules/x/package.json", PackageJson("x", "1.0.0")},
            {"node_modules/../../y/node_modules/y/package.json", PackageJson("y", "1.0.0")},
            {"node_modules/ok/package.json", PackageJson("ok", "1.0.0")}});
     },
     nullptr, true,
     "npm Lambda zip (node_modules) fn.zip\n"
     "  ok@1.0.0 fn.zip!node_modules/ok/package.json:3:14\n",
     "fn.zip: warning: 2 entries with unsafe names are skipped (the first: "
     "\"../../evil/node_modules/x/package.json\")\n"},
    {"AbsolutePath",
     [] {
       return WriteZip({{"/node_modules/x/package.json", PackageJson("x", "1.0.0")},
                        {"C:/node_modules/y/package.json", PackageJson("y", "1.0.0")}});
     },
     nullptr, true, "",
     "fn.zip: warning: 2 entries with unsafe names are skipped (the first: "
     "\"/node_modules/x/package.json\")\n"},
    {"Backslashes",
     // libarchive reads a backslash as '/', as Windows tools mean it: the
     // name is then checked as a path.
     [] {
       return WriteZip({{"node_modules\\..\\..\\x\\package.json", PackageJson("x", "1.0.0")},
                        {"node_modules\\y\\package.json", PackageJson("y", "1.0.0")}});
     },
     nullptr, true,
     "npm Lambda zip (node_modules) fn.zip\n"
     "  y@1.0.0 fn.zip!node_modules/y/package.json:3:14\n",
     "fn.zip: warning: an entry with an unsafe name is skipped: "
     "\"node_modules/../../x/package.json\"\n"},
    {"ControlCharacters",
     [] {
       return WriteZip({{"node_modules/\x1b]0;pwned\x07/package.json", PackageJson("x", "1.0.0")},
                        {"node_modules/y\n/package.json", PackageJson("y", "1.0.0")}});
     },
     nullptr, true, "",
     "fn.zip: warning: 2 entries with unsafe names are skipped (the first: "
     "\"node_modules/\\x1b]0;pwned\\x07/package.json\")\n"},
    {"NulInName",
     // libarchive ends the name at the NUL: "node_modules/x", not metadata.
     [] {
       return RawZip(
           {{std::string("node_modules/x\0/package.json", 27), PackageJson("x", "1.0.0")}});
     },
     nullptr, true, "", ""},
    {"Utf8Names",
     // Read whatever the process's locale; a name flagged UTF-8 that is not
     // UTF-8 is skipped.
     [] {
       RawEntry good{"node_modules/caf\xc3\xa9/package.json", PackageJson("caf\xc3\xa9", "1.0.0")};
       good.flags = 0x800;
       RawEntry bad{"node_modules/\xff\xfe/package.json", PackageJson("x", "1.0.0")};
       bad.flags = 0x800;
       return RawZip({good, bad});
     },
     nullptr, true,
     "npm Lambda zip (node_modules) fn.zip\n"
     "  caf\xc3\xa9@1.0.0 fn.zip!node_modules/caf\xc3\xa9/package.json:3:14\n",
     "fn.zip: warning: an entry with an unsafe name is skipped: \"\" (not valid UTF-8)\n"},
    {"SymlinkEntries",
     [] {
       return WriteZip({{"node_modules/lodash", "../../../etc", ZipEntry::kLink},
                        {"node_modules/a/package.json", "/etc/passwd", ZipEntry::kLink},
                        {"node_modules/.bin/tool", "../a/tool.js", ZipEntry::kLink},
                        {"node_modules/b/package.json", PackageJson("b", "1.0.0")}});
     },
     nullptr, true,
     "npm Lambda zip (node_modules) fn.zip\n"
     "  b@1.0.0 fn.zip!node_modules/b/package.json:3:14\n",
     "fn.zip: warning: 2 symbolic links to packages or their metadata are not followed (the "
     "first: \"node_modules/lodash\")\n"},
    {"NestedArchives",
     [] {
       return WriteZip(
           {{"lib/dep.jar", "PK..."},
            {"layer.ZIP", WriteZip({{"node_modules/x/package.json", PackageJson("x", "1.0.0")}})}});
     },
     nullptr, true, "",
     "fn.zip: warning: 2 nested archives are not read (the first: \"lib/dep.jar\")\n"},
    {"EncryptedEntries",
     [] {
       return WriteZip({{"node_modules/x/package.json", PackageJson("x", "1.0.0")}}, "secret");
     },
     nullptr, true, "",
     "fn.zip: warning: an encrypted entry is not read: \"node_modules/x/package.json\"\n"},
    {"DuplicateEntries",
     [] {
       return WriteZip({{"node_modules/x/package.json", PackageJson("x", "1.0.0")},
                        {"node_modules/x/package.json", PackageJson("x", "6.6.6")},
                        {"./node_modules//x/package.json", PackageJson("x", "7.7.7")}});
     },
     nullptr, true,
     "npm Lambda zip (node_modules) fn.zip\n"
     "  x@1.0.0 fn.zip!node_modules/x/package.json:3:14\n",
     "fn.zip: warning: 2 entries appear twice; the first copy of each is read (the first: "
     "\"node_modules/x/package.json\")\n"},
    {"BombDeclaredSize",
     // A central directory that claims 4 GB for a package.json.
     [] {
       RawEntry e{"node_modules/x/package.json", PackageJson("x", "1.0.0")};
       e.deflate = true;
       e.declared_size = 0xfffffff0;
       return RawZip({e, {"node_modules/ok/package.json", PackageJson("ok", "1.0.0")}});
     },
     nullptr, true,
     "npm Lambda zip (node_modules) fn.zip\n"
     "  ok@1.0.0 fn.zip!node_modules/ok/package.json:3:14\n",
     "fn.zip: error: a package metadata file is too large and is skipped: "
     "\"node_modules/x/package.json\" (declares 4294967280 bytes)\n"},
    {"CompressibleLargeEntry",
     // 2 MB that deflate to a few KB; its header says 2 MB.
     [] {
       return WriteZip({{"node_modules/big/package.json", Big(2 << 20)}});
     },
     nullptr, true, "",
     "fn.zip: error: a package metadata file is too large and is skipped: "
     "\"node_modules/big/package.json\" (declares 2097196 bytes)\n"},
    {"LyingSize",
     // The headers say 10 bytes; the data inflates to 2 MB.
     [] {
       RawEntry e{"node_modules/big/package.json", Big(2 << 20)};
       e.deflate = true;
       e.declared_size = 10;
       return RawZip({e, {"node_modules/ok/package.json", PackageJson("ok", "1.0.0")}});
     },
     nullptr, true,
     "npm Lambda zip (node_modules) fn.zip\n"
     "  ok@1.0.0 fn.zip!node_modules/ok/package.json:3:14\n",
     "fn.zip: error: a package metadata file is too large and is skipped: "
     "\"node_modules/big/package.json\" (more than 1048576 bytes)\n"},
    {"LyingSizeWithoutCentralDirectory",
     [] {
       RawEntry e{"node_modules/big/package.json", Big(2 << 20)};
       e.deflate = true;
       e.declared_size = 10;
       return WithoutCentralDirectory(
           RawZip({e, {"node_modules/ok/package.json", PackageJson("ok", "1.0.0")}}));
     },
     nullptr, true,
     "npm Lambda zip (node_modules) fn.zip\n"
     "  ok@1.0.0 fn.zip!node_modules/ok/package.json:3:14\n",
     "fn.zip: error: a package metadata file is too large and is skipped: "
     "\"node_modules/big/package.json\" (more than 1048576 bytes)\n"
     "fn.zip: error: the archive is damaged after 2 entries (unexpected end of the archive); the "
     "packages read before are kept\n"
     "fn.zip: error: the zip's central directory cannot be read (Unrecognized archive format); "
     "its entries were read from their local headers\n"},
    {"StreamedBombWithoutCentralDirectory",
     // Without the central directory an entry's size is only known at its
     // end: passing over it means decompressing it, under the budget.
     [] {
       ZipEntry bomb{"data.bin", std::string(8 << 20, '\0')};
       bomb.size_unknown = true;
       return WithoutCentralDirectory(
           WriteZip({{"node_modules/a/package.json", PackageJson("a", "1.0.0")},
                     bomb,
                     {"node_modules/b/package.json", PackageJson("b", "1.0.0")}}));
     },
     [](ArtifactLimits* l) { l->max_total_bytes = 1 << 20; }, true,
     "npm Lambda zip (node_modules) fn.zip\n"
     "  a@1.0.0 fn.zip!node_modules/a/package.json:3:14\n",
     "fn.zip: error: more than 1048576 bytes would be decompressed; the rest of the archive is "
     "not read\n"
     "fn.zip: error: the zip's central directory cannot be read (Unrecognized archive format); "
     "its entries were read from their local headers\n"},
    {"Truncated",
     [] {
       std::string zip = WriteZip({{"node_modules/a/package.json", PackageJson("a", "1.0.0")},
                                   {"node_modules/b/package.json", PackageJson("b", "1.0.0")},
                                   {"node_modules/c/package.json", PackageJson("c", "1.0.0")}});
       size_t third = zip.find("PK\x03\x04", zip.find("node_modules/b/package.json"));
       return zip.substr(0, third + 40);
     },
     nullptr, true,
     "npm Lambda zip (node_modules) fn.zip\n"
     "  a@1.0.0 fn.zip!node_modules/a/package.json:3:14\n"
     "  b@1.0.0 fn.zip!node_modules/b/package.json:3:14\n",
     "fn.zip: error: the archive is damaged after 2 entries (Truncated ZIP file header); the "
     "packages read before are kept\n"
     "fn.zip: error: the zip's central directory cannot be read (Unrecognized archive format); "
     "its entries were read from their local headers\n"},
    {"WrongChecksum",
     [] {
       RawEntry e{"node_modules/x/package.json", PackageJson("x", "1.0.0")};
       e.wrong_crc = true;
       return RawZip({e, {"node_modules/ok/package.json", PackageJson("ok", "1.0.0")}});
     },
     nullptr, true,
     "npm Lambda zip (node_modules) fn.zip\n"
     "  ok@1.0.0 fn.zip!node_modules/ok/package.json:3:14\n",
     "fn.zip: error: a package folder or metadata file cannot be read: "
     "\"node_modules/x/package.json\" "
     "(ZIP bad CRC: 0xf87a6aa6 should be 0xf87a6aa7)\n"},
    {"NotAZip", [] { return std::string("#!/bin/sh\nrm -rf /\n"); }, nullptr, false, "",
     "fn.zip: error: not a zip archive: Unrecognized archive format\n"},
    {"Empty", [] { return std::string(); }, nullptr, false, "",
     "fn.zip: error: not a zip archive: Unrecognized archive format\n"},
    {"LargerThanTheArchiveCap",
     [] {
       return WriteZip({{"node_modules/x/package.json", PackageJson("x", "1.0.0")}});
     },
     [](ArtifactLimits* l) { l->max_archive_bytes = 100; }, false, "",
     "fn.zip: error: the archive is larger than 100 bytes; it is not read\n"},
    {"TooManyEntries",
     [] {
       std::vector<ZipEntry> entries;
       for (char c = 'a'; c <= 'e'; ++c) {
         std::string n(1, c);
         entries.push_back({"node_modules/" + n + "/package.json", PackageJson(n, "1.0.0")});
       }
       return WriteZip(entries);
     },
     [](ArtifactLimits* l) { l->max_entries = 3; }, true,
     "npm Lambda zip (node_modules) fn.zip\n"
     "  a@1.0.0 fn.zip!node_modules/a/package.json:3:14\n"
     "  b@1.0.0 fn.zip!node_modules/b/package.json:3:14\n"
     "  c@1.0.0 fn.zip!node_modules/c/package.json:3:14\n",
     "fn.zip: error: the archive has more than 3 entries; the rest is not read\n"},
    {"MetadataTooLarge",
     [] {
       return WriteZip({{"node_modules/big/package.json", Big(100)},
                        {"node_modules/ok/package.json", PackageJson("ok", "1.0.0")}});
     },
     [](ArtifactLimits* l) { l->max_metadata_bytes = 64; }, true,
     "npm Lambda zip (node_modules) fn.zip\n"
     "  ok@1.0.0 fn.zip!node_modules/ok/package.json:3:14\n",
     "fn.zip: error: a package metadata file is too large and is skipped: "
     "\"node_modules/big/package.json\" (declares 144 bytes)\n"},
    {"TotalBudget",
     [] {
       return WriteZip({{"node_modules/a/package.json", PackageJson("a", "1.0.0")},
                        {"node_modules/b/package.json", PackageJson("b", "1.0.0")}});
     },
     [](ArtifactLimits* l) { l->max_total_bytes = 60; }, true,
     "npm Lambda zip (node_modules) fn.zip\n"
     "  a@1.0.0 fn.zip!node_modules/a/package.json:3:14\n",
     "fn.zip: error: more than 60 bytes would be decompressed; the rest of the archive is not "
     "read\n"},
    {"NestedTooDeep",
     [] {
       return WriteZip({{"node_modules/a/node_modules/b/node_modules/c/package.json",
                         PackageJson("c", "1.0.0")},
                        {"node_modules/a/node_modules/b/package.json", PackageJson("b", "1.0.0")}});
     },
     [](ArtifactLimits* l) { l->max_depth = 2; }, true,
     "npm Lambda zip (node_modules) fn.zip\n"
     "  b@1.0.0 fn.zip!node_modules/a/node_modules/b/package.json:3:14\n",
     "fn.zip: error: a package is nested too deeply in node_modules and is skipped: "
     "\"node_modules/a/node_modules/b/node_modules/c/package.json\"\n"},
};

void PrintTo(const HostileCase& c, std::ostream* os) { *os << c.name; }

class HostileZipTest : public ::testing::TestWithParam<HostileCase> {};

TEST_P(HostileZipTest, SkipsWhatItMustAndKeepsTheRest) {
  const HostileCase& c = GetParam();
  ArtifactLimits limits;
  if (c.limits) c.limits(&limits);
  ZipResult r = ReadZip(c.zip(), limits);
  EXPECT_EQ(r.ok, c.ok);
  EXPECT_EQ(r.packages, c.packages);
  EXPECT_EQ(r.diags, c.diags);
}

std::string CaseName(const ::testing::TestParamInfo<HostileCase>& param) {
  return param.param.name;
}

INSTANTIATE_TEST_SUITE_P(Cases, HostileZipTest, ::testing::ValuesIn(kHostileCases), CaseName);

// --- Folders ----------------------------------------------------------------------

struct FolderResult {
  bool ok = false;
  std::string packages;
  std::string diags;
  std::vector<std::string> reads;
};

FolderResult ReadFolder(const util::MemoryFileSystem& fs, const std::string& folder,
                        const ArtifactLimits& limits = {}) {
  util::ScanRoots roots(fs, {"app"}, false);
  util::SourceSet sources;
  util::DiagnosticSink diags;
  InstalledPackages out;
  FolderResult r;
  r.ok = ReadInstalledFolder(fs, roots, folder, folder, limits, &sources, &diags, &out);
  r.packages = Dump(out);
  r.diags = Headlines(diags);
  r.reads = fs.reads();
  return r;
}

TEST(InstalledFolderTest, ReadsNodeModulesAndVendoredPython) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/fn/index.js", "");
  fs.AddFile("app/fn/node_modules/lodash/package.json", PackageJson("lodash", "4.17.21"));
  fs.AddFile("app/fn/node_modules/lodash/lib/package.json", PackageJson("nope", "0.0.1"));
  fs.AddFile("app/fn/node_modules/@aws-sdk/client-s3/package.json",
             PackageJson("@aws-sdk/client-s3", "3.450.0"));
  fs.AddFile("app/fn/node_modules/a/package.json", PackageJson("a", "1.0.0"));
  fs.AddFile("app/fn/node_modules/a/node_modules/b/package.json", PackageJson("b", "2.0.0"));
  fs.AddFile("app/fn/node_modules/.bin/x", "");
  // pip install -t .
  fs.AddFile("app/fn/requests-2.31.0.dist-info/METADATA", Metadata("requests", "2.31.0"));
  fs.AddFile("app/fn/requests-2.31.0.dist-info/top_level.txt", "requests\n");
  fs.AddFile("app/fn/vendor/six-1.16.0.dist-info/METADATA", Metadata("six", "1.16.0"));
  fs.AddFile("app/fn/vendor/six-1.16.0.dist-info/RECORD", "six.py,sha256=x,10\n");
  fs.AddFile("app/fn/package/attrs-23.1.0.dist-info/METADATA", Metadata("attrs", "23.1.0"));
  fs.AddFile("app/fn/old-1.0-py3.9.egg-info", Metadata("old", "1.0"));  // distutils
  // Not where packages are installed: not read.
  fs.AddFile("app/fn/src/idna-3.4.dist-info/METADATA", Metadata("idna", "3.4"));
  FolderResult r = ReadFolder(fs, "app/fn");
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(
      r.packages,
      "npm folder (node_modules) app/fn\n"
      "  @aws-sdk/client-s3@3.450.0 app/fn/node_modules/@aws-sdk/client-s3/package.json:3:14\n"
      "  a@1.0.0 app/fn/node_modules/a/package.json:3:14\n"
      "  b@2.0.0 app/fn/node_modules/a/node_modules/b/package.json:3:14\n"
      "  lodash@4.17.21 app/fn/node_modules/lodash/package.json:3:14\n"
      "PyPI folder (site-packages) app/fn\n"
      "  attrs@23.1.0 app/fn/package/attrs-23.1.0.dist-info/METADATA:3:10\n"
      "  old@1.0 app/fn/old-1.0-py3.9.egg-info:3:10\n"
      "  requests@2.31.0 app/fn/requests-2.31.0.dist-info/METADATA:3:10\n"
      "  six@1.16.0 app/fn/vendor/six-1.16.0.dist-info/METADATA:3:10\n"
      "import requests: requests\n"
      "import six: six\n");
  EXPECT_EQ(r.diags, "");
  for (const std::string& read : r.reads) {
    EXPECT_EQ(read.find("/lib/"), std::string::npos) << read;
    EXPECT_EQ(read.find("/src/"), std::string::npos) << read;
  }
}

TEST(InstalledFolderTest, ReadsLayerFolders) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/layer/nodejs/node20/node_modules/axios/package.json",
             PackageJson("axios", "1.6.0"));
  fs.AddFile("app/layer/python/lib/python3.11/site-packages/PyYAML-6.0.1.dist-info/METADATA",
             Metadata("PyYAML", "6.0.1"));
  fs.AddFile("app/layer/python/lib/python3.11/site-packages/PyYAML-6.0.1.dist-info/top_level.txt",
             "_yaml\nyaml\n");
  FolderResult r = ReadFolder(fs, "app/layer");
  EXPECT_EQ(r.packages,
            "npm layer folder (node_modules) app/layer\n"
            "  axios@1.6.0 app/layer/nodejs/node20/node_modules/axios/package.json:3:14\n"
            "PyPI layer folder (site-packages) app/layer\n"
            "  PyYAML@6.0.1 "
            "app/layer/python/lib/python3.11/site-packages/PyYAML-6.0.1.dist-info/METADATA:3:10\n"
            "import pyyaml: _yaml yaml\n");
  EXPECT_EQ(r.diags, "");
}

TEST(InstalledFolderTest, ReadsPnpmStoreWithoutWarningAboutItsLinks) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/node_modules/.pnpm/lodash@4.17.21/node_modules/lodash/package.json",
             PackageJson("lodash", "4.17.21"));
  fs.AddSymlink("app/node_modules/lodash", ".pnpm/lodash@4.17.21/node_modules/lodash");
  FolderResult r = ReadFolder(fs, "app");
  EXPECT_EQ(r.packages,
            "npm folder (node_modules) app\n"
            "  lodash@4.17.21 "
            "app/node_modules/.pnpm/lodash@4.17.21/node_modules/lodash/package.json:3:14\n");
  EXPECT_EQ(r.diags, "");
}

TEST(InstalledFolderTest, NeverFollowsLinks) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/node_modules/ok/package.json", PackageJson("ok", "1.0.0"));
  fs.AddSymlink("app/node_modules/evil", "/home/user/.npm/evil");
  fs.AddSymlink("app/node_modules/@s/inner", "../../../secret");
  fs.AddSymlink("app/node_modules/leak/package.json", "../../../secret/package.json");
  fs.AddSymlink("app/node_modules/nested", "../../secret");
  fs.AddSymlink("app/boto3-1.0.dist-info", "../secret/boto3-1.0.dist-info");
  fs.AddFile("secret/package.json", PackageJson("secret", "1.0.0"));
  fs.AddFile("secret/boto3-1.0.dist-info/METADATA", Metadata("boto3", "1.0"));
  fs.AddFile("/home/user/.npm/evil/package.json", PackageJson("evil", "1.0.0"));
  FolderResult r = ReadFolder(fs, "app");
  EXPECT_EQ(r.packages,
            "npm folder (node_modules) app\n"
            "  ok@1.0.0 app/node_modules/ok/package.json:3:14\n");
  EXPECT_EQ(r.diags,
            "app: warning: 5 symbolic links to packages or their metadata are not followed (the "
            "first: \"node_modules/@s/inner\")\n");
  for (const std::string& read : r.reads) EXPECT_EQ(read.find("secret"), std::string::npos) << read;
}

TEST(InstalledFolderTest, RefusesAFolderOutsideTheRoots) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/index.js", "");
  fs.AddFile("other/node_modules/x/package.json", PackageJson("x", "1.0.0"));
  fs.AddSymlink("app/linked", "../other");
  FolderResult r = ReadFolder(fs, "app/linked");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.packages, "");
  EXPECT_EQ(r.diags,
            "app/linked: error: cannot read the installed packages: outside the scanned folders\n");
  EXPECT_TRUE(r.reads.empty());
}

TEST(InstalledFolderTest, ReportsUnreadableAndTooLargeMetadata) {
  util::MemoryFileSystem fs;
  fs.AddUnreadable("app/node_modules/locked/package.json", "Permission denied");
  fs.AddFile("app/node_modules/big/package.json", Big(100));
  fs.AddSpecial("app/x-1.0.dist-info/METADATA");  // a FIFO: never opened
  fs.AddFile("app/node_modules/ok/package.json", PackageJson("ok", "1.0.0"));
  ArtifactLimits limits;
  limits.max_metadata_bytes = 64;
  FolderResult r = ReadFolder(fs, "app", limits);
  EXPECT_EQ(r.packages,
            "npm folder (node_modules) app\n"
            "  ok@1.0.0 app/node_modules/ok/package.json:3:14\n");
  EXPECT_EQ(r.diags,
            "app: error: a package folder or metadata file cannot be read: "
            "\"node_modules/locked/package.json\" (Permission denied)\n"
            "app: error: a package metadata file is too large and is skipped: "
            "\"node_modules/big/package.json\" (file is larger than 64 bytes)\n");
  for (const std::string& read : r.reads) EXPECT_EQ(read.find("x-1.0"), std::string::npos) << read;
}

TEST(InstalledFolderTest, CapsEntriesAndDepth) {
  util::MemoryFileSystem fs;
  for (char c = 'a'; c <= 'z'; ++c) {
    std::string n(1, c);
    fs.AddFile("app/node_modules/" + n + "/package.json", PackageJson(n, "1.0.0"));
  }
  ArtifactLimits few;
  few.max_entries = 10;
  FolderResult r = ReadFolder(fs, "app", few);
  EXPECT_EQ(r.packages, "");
  EXPECT_EQ(r.diags,
            "app: error: the folder has more than 10 entries where packages are installed; the "
            "rest is not read\n");

  util::MemoryFileSystem deep;
  deep.AddFile("app/node_modules/a/node_modules/b/node_modules/c/package.json",
               PackageJson("c", "1.0.0"));
  deep.AddFile("app/node_modules/a/package.json", PackageJson("a", "1.0.0"));
  ArtifactLimits shallow;
  shallow.max_depth = 2;
  r = ReadFolder(deep, "app", shallow);
  EXPECT_EQ(r.packages,
            "npm folder (node_modules) app\n"
            "  a@1.0.0 app/node_modules/a/package.json:3:14\n");
  EXPECT_EQ(r.diags,
            "app: error: a package is nested too deeply in node_modules and is skipped: "
            "\"node_modules/a/node_modules/b/node_modules\"\n");
}

}  // namespace
}  // namespace fnwarden::load::lockfile
