// OSV database speed, on data of osv.dev's shape generated into a temporary
// folder: ADVISORIES advisories (npm 60%, PyPI 30%, Go 10%: GHSA records of
// realistic size with CVSS vectors, CVE aliases, 1 to 3 ranges, some
// `versions` lists, PYSEC and GO twins of some GHSAs) written as one
// `all.zip` per ecosystem, as osv.dev serves them, and a package-lock.json
// v3 of PACKAGES packages (about 5 MB), a quarter of them named in the
// advisories. Measured, medians of RUNS runs:
// - index build: AdvisoryDb::Load of the folder + Finish, beside the time to
//   only inflate every archive entry (libarchive, nothing parsed), and the
//   peak RSS while building (VmHWM, reset before); targets < 10 s and < 1 GB;
// - lockfile: load::lockfile::ReadNpmLock + MatchPackages, beside the time to
//   only parse the lockfile's JSON (simdjson DOM); target < 0.3 s.
//
//   osv_bench [--advisories N] [--packages N] [--runs N] [--dir DIR]
#include <archive.h>
#include <archive_entry.h>
#include <simdjson.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/deps/osv.h"
#include "bench_util.h"
#include "load/lockfile/lockfile.h"
#include "model/packages.h"
#include "util/diagnostic.h"
#include "util/fs.h"
#include "util/memory.h"
#include "util/source.h"

namespace {

using fnwarden::bench::Clock;
using fnwarden::bench::Median;
using fnwarden::bench::Seconds;
namespace deps = fnwarden::analysis::deps;
namespace fs = std::filesystem;

const char* const kWords[] = {
    "react", "vue",    "express", "lodash", "webpack",   "babel",   "eslint", "next",   "node",
    "json",  "yaml",   "http",    "fs",     "path",      "async",   "chalk",  "debug",  "mime",
    "uuid",  "jwt",    "crypto",  "stream", "buffer",    "url",     "query",  "parse",  "string",
    "array", "object", "date",    "time",   "log",       "config",  "env",    "cli",    "test",
    "mock",  "dev",    "build",   "core",   "util",      "plugin",  "loader", "server", "client",
    "api",   "auth",   "session", "cookie", "body",      "form",    "file",   "image",  "html",
    "css",   "dom",    "router",  "state",  "store",     "cache",   "db",     "sql",    "mongo",
    "redis", "queue",  "event",   "socket", "proxy",     "request", "fetch",  "xml",    "ws",
    "mark",  "down",   "color",   "glob",   "minimatch", "semver",  "tar",    "zip",    "ini"};
const char* const kSuffixes[] = {"",        "-js",    "-utils", "-core",   "-parser", "-loader",
                                 "-plugin", "-cli",   "-tools", "-helper", "-lite",   "-next",
                                 "-compat", "-types", "2",      "-sdk",    "-client", "-server"};
const char* const kOrgs[] = {"hashicorp",  "aws",      "gorilla",    "gin-gonic", "labstack",
                             "prometheus", "grafana",  "kubernetes", "docker",    "spf13",
                             "sirupsen",   "stretchr", "golang-jwt", "go-chi",    "valyala"};
const char* const kCvss[] = {
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
    "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N"};
const char* const kWordsOfText[] = {"the",       "function",  "allows",    "attacker",  "to",
                                    "input",     "crafted",   "remote",    "denial",    "service",
                                    "pollution", "prototype", "injection", "arbitrary", "code",
                                    "execution", "via",       "version",   "before",    "request"};

std::string Version(std::mt19937_64& rng) {
  return std::to_string(rng() % 6) + "." + std::to_string(rng() % 20) + "." +
         std::to_string(rng() % 15);
}

std::string Text(std::mt19937_64& rng, size_t words) {
  std::string out;
  for (size_t i = 0; i < words; ++i) {
    if (i) out += ' ';
    out += kWordsOfText[rng() % std::size(kWordsOfText)];
  }
  return out;
}

std::string GhsaId(std::mt19937_64& rng) {
  const char* chars = "23456789cfghjmpqrvwx";
  std::string id = "GHSA";
  for (int part = 0; part < 3; ++part) {
    id += '-';
    for (int i = 0; i < 4; ++i) id += chars[rng() % 20];
  }
  return id;
}

// Package names of each ecosystem: distinct, realistic.
std::vector<std::string> Names(fnwarden::model::Ecosystem e, size_t n, std::mt19937_64& rng) {
  std::vector<std::string> out;
  size_t w = std::size(kWords), s = std::size(kSuffixes);
  for (size_t i = 0; out.size() < n; ++i) {
    std::string a = kWords[i % w], b = kWords[(i / w) % w], suffix = kSuffixes[(i / w / w) % s];
    std::string tail = i / w / w / s ? std::to_string(i / w / w / s) : "";
    switch (e) {
      case fnwarden::model::Ecosystem::kNpm:
        out.push_back((rng() % 7 == 0 ? "@" + b + "/" : "") + a + "-" + b + suffix + tail);
        break;
      case fnwarden::model::Ecosystem::kPyPI:
        out.push_back((rng() % 3 == 0 ? "python-" : "") + a + (rng() % 2 ? "_" : "-") + b + suffix +
                      tail);
        break;
      case fnwarden::model::Ecosystem::kGo:
        out.push_back("github.com/" + std::string(kOrgs[rng() % std::size(kOrgs)]) + "/" + a + "-" +
                      b + suffix + tail);
        break;
    }
  }
  return out;
}

// One GHSA-shaped record (about 2 KB).
std::string Advisory(const std::string& id, const std::vector<std::string>& aliases,
                     fnwarden::model::Ecosystem e, const std::string& name, std::mt19937_64& rng) {
  std::string eco(fnwarden::model::EcosystemName(e));
  std::string out = "{\n  \"schema_version\": \"1.4.0\",\n  \"id\": \"" + id + "\",\n";
  out += "  \"modified\": \"2024-0" + std::to_string(1 + rng() % 9) + "-1" +
         std::to_string(rng() % 10) + "T12:00:00Z\",\n  \"published\": \"2023-05-01T00:00:00Z\",\n";
  out += "  \"aliases\": [";
  for (size_t i = 0; i < aliases.size(); ++i) out += (i ? ", \"" : "\"") + aliases[i] + "\"";
  out += "],\n  \"summary\": \"" + Text(rng, 6) + " in " + name + "\",\n";
  out += "  \"details\": \"" + Text(rng, 60) + "\\n\\n" + Text(rng, 40) + "\",\n";
  if (rng() % 10 < 7) {
    out += "  \"severity\": [{\"type\": \"CVSS_V3\", \"score\": \"" +
           std::string(kCvss[rng() % std::size(kCvss)]) + "\"}],\n";
  } else {
    out += "  \"severity\": [],\n";
  }
  out += "  \"affected\": [";
  size_t entries = 1 + (rng() % 5 == 0);
  for (size_t a = 0; a < entries; ++a) {
    out += a ? ",\n    {" : "\n    {";
    out += "\"package\": {\"ecosystem\": \"" + eco + "\", \"name\": \"" + name + "\"},\n";
    out += "     \"ranges\": [";
    size_t ranges = 1 + rng() % 3;
    for (size_t r = 0; r < ranges; ++r) {
      std::string introduced = r == 0 ? "0" : std::to_string(r) + ".0.0";
      std::string fixed = std::to_string(r) + "." + std::to_string(1 + rng() % 20) + "." +
                          std::to_string(rng() % 10);
      out += std::string(r ? ", " : "") + "{\"type\": \"" +
             (e == fnwarden::model::Ecosystem::kGo ? "SEMVER" : "ECOSYSTEM") +
             "\", \"events\": [{\"introduced\": \"" + introduced + "\"}, {\"fixed\": \"" + fixed +
             "\"}]}";
    }
    out += "]";
    if (rng() % 5 == 0) {
      out += ",\n     \"versions\": [";
      size_t n = 5 + rng() % 30;
      for (size_t v = 0; v < n; ++v) {
        out += std::string(v ? ", " : "") + "\"0." + std::to_string(v / 10) + "." +
               std::to_string(v % 10) + "\"";
      }
      out += "]";
    }
    out += ",\n     \"database_specific\": {\"source\": \"https://github.com/advisories/" + id +
           "\"}}";
  }
  out += "\n  ],\n  \"references\": [\n";
  out += "    {\"type\": \"ADVISORY\", \"url\": \"https://nvd.nist.gov/vuln/detail/" +
         (aliases.empty() ? id : aliases[0]) + "\"},\n";
  size_t refs = 3 + rng() % 5;
  for (size_t r = 0; r < refs; ++r) {
    out += "    {\"type\": \"WEB\", \"url\": \"https://github.com/example/" + name + "/issues/" +
           std::to_string(rng() % 10000) + "\"},\n";
  }
  out += "    {\"type\": \"PACKAGE\", \"url\": \"https://github.com/example/" + name + "\"}\n";
  const char* severities[] = {"LOW", "MODERATE", "HIGH", "CRITICAL"};
  out += "  ],\n  \"database_specific\": {\"cwe_ids\": [\"CWE-" + std::to_string(20 + rng() % 900) +
         "\"], \"severity\": \"" + severities[rng() % 4] +
         "\", \"github_reviewed\": true, \"nvd_published_at\": \"2023-05-01T00:00:00Z\"}\n}\n";
  return out;
}

// A zip writer appending to a file.
class ZipWriter {
 public:
  explicit ZipWriter(const fs::path& path) : a_(archive_write_new()) {
    archive_write_set_format_zip(a_);
    archive_write_open_filename(a_, path.c_str());
  }
  ~ZipWriter() {
    archive_write_close(a_);
    archive_write_free(a_);
  }
  void Add(const std::string& name, const std::string& contents) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_size(e, static_cast<la_int64_t>(contents.size()));
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_write_header(a_, e);
    archive_write_data(a_, contents.data(), contents.size());
    archive_entry_free(e);
  }

 private:
  archive* a_;
};

struct Generated {
  std::vector<std::string> npm_names_in_advisories;
  size_t advisories = 0;
};

Generated WriteDatabase(const fs::path& dir, size_t total, std::mt19937_64& rng) {
  using fnwarden::model::Ecosystem;
  Generated g;
  struct Share {
    Ecosystem e;
    double fraction;
    size_t names;
  };
  for (const Share& share :
       {Share{Ecosystem::kNpm, 0.6, 40'000}, Share{Ecosystem::kPyPI, 0.3, 20'000},
        Share{Ecosystem::kGo, 0.1, 8'000}}) {
    size_t n = static_cast<size_t>(total * share.fraction);
    std::vector<std::string> names = Names(share.e, share.names, rng);
    fs::create_directories(dir / std::string(fnwarden::model::EcosystemName(share.e)));
    ZipWriter zip(dir / std::string(fnwarden::model::EcosystemName(share.e)) / "all.zip");
    size_t cve = 10000;
    for (size_t i = 0; i < n; ++i) {
      // Popular packages have more advisories: a skewed pick.
      double u = std::uniform_real_distribution<double>(0, 1)(rng);
      const std::string& name = names[static_cast<size_t>(u * u * u * names.size())];
      if (share.e == Ecosystem::kNpm && g.npm_names_in_advisories.size() < 20'000) {
        g.npm_names_in_advisories.push_back(name);
      }
      std::string cve_id = "CVE-20" + std::to_string(18 + i % 7) + "-" + std::to_string(cve++);
      std::string ghsa = GhsaId(rng);
      // A third of the PyPI and Go advisories come as a GHSA and its twin.
      bool twin = share.e != Ecosystem::kNpm && i % 3 == 0 && i + 1 < n;
      zip.Add(ghsa + ".json", Advisory(ghsa, {cve_id}, share.e, name, rng));
      ++g.advisories;
      if (twin) {
        std::string own = share.e == Ecosystem::kPyPI ? "PYSEC-2023-" + std::to_string(i)
                                                      : "GO-2023-" + std::to_string(1000 + i);
        zip.Add(own + ".json", Advisory(own, {cve_id, ghsa}, share.e, name, rng));
        ++g.advisories;
        ++i;
      }
    }
  }
  return g;
}

// A package-lock.json v3 of `count` packages; a quarter named in advisories.
std::string Lockfile(size_t count, const Generated& g, std::mt19937_64& rng) {
  std::vector<std::string> names;
  for (size_t i = 0; i < count / 4 && i < g.npm_names_in_advisories.size(); ++i) {
    names.push_back(g.npm_names_in_advisories[rng() % g.npm_names_in_advisories.size()]);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  for (size_t i = 0; names.size() < count; ++i) {
    names.push_back(std::string(kWords[i % std::size(kWords)]) + "-lib" + std::to_string(i));
  }
  std::string out =
      "{\n  \"name\": \"bench-app\",\n  \"version\": \"1.0.0\",\n  \"lockfileVersion\": 3,\n"
      "  \"requires\": true,\n  \"packages\": {\n    \"\": {\n      \"name\": \"bench-app\",\n"
      "      \"version\": \"1.0.0\",\n      \"dependencies\": {\n";
  for (size_t i = 0; i < 30; ++i) {
    out += "        \"" + names[i] + "\": \"^1.0.0\"" + (i + 1 < 30 ? ",\n" : "\n");
  }
  out += "      }\n    }";
  const char* b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (size_t i = 0; i < names.size(); ++i) {
    const std::string& name = names[i];
    std::string version = Version(rng);
    std::string base = name.substr(name.rfind('/') + 1);
    std::string path = rng() % 20 == 0
                           ? "node_modules/" + names[rng() % names.size()] + "/node_modules/" + name
                           : "node_modules/" + name;
    out += ",\n    \"" + path + "\": {\n      \"version\": \"" + version +
           "\",\n      \"resolved\": \"https://registry.npmjs.org/" + name + "/-/" + base + "-" +
           version + ".tgz\",\n      \"integrity\": \"sha512-";
    for (int k = 0; k < 86; ++k) out += b64[rng() % 64];
    out += "==\"";
    if (rng() % 4 == 0) out += ",\n      \"dev\": true";
    size_t dependencies = rng() % 4;
    if (dependencies) {
      out += ",\n      \"dependencies\": {\n";
      for (size_t d = 0; d < dependencies; ++d) {
        out += "        \"" + names[rng() % names.size()] + "\": \"^" + Version(rng) + "\"" +
               (d + 1 < dependencies ? ",\n" : "\n");
      }
      out += "      }";
    }
    out += "\n    }";
  }
  out += "\n  }\n}\n";
  return out;
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Inflates every entry of the zip at `path`; returns the bytes inflated.
size_t InflateOnly(const fs::path& path) {
  std::string bytes = ReadAll(path);
  archive* a = archive_read_new();
  archive_read_support_format_zip(a);
  archive_read_open_memory(a, bytes.data(), bytes.size());
  archive_entry* entry;
  std::vector<char> block(256 << 10);
  size_t total = 0;
  while (archive_read_next_header(a, &entry) == ARCHIVE_OK) {
    la_ssize_t n;
    while ((n = archive_read_data(a, block.data(), block.size())) > 0) total += n;
  }
  archive_read_free(a);
  return total;
}

// Peak resident memory since the last reset, from /proc/self/status, in MB.
double PeakRssMb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atof(line.c_str() + 6) / 1024;
  }
  return 0;
}

void ResetPeakRss() { std::ofstream("/proc/self/clear_refs") << "5"; }

}  // namespace

int main(int argc, char** argv) {
  fnwarden::util::KeepFreedMemory();  // as the fnwarden executable does
  size_t advisories = 200'000;
  size_t packages = 15'000;
  int runs = 3;
  std::string dir_arg;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--advisories" && i + 1 < argc) {
      advisories = std::strtoull(argv[++i], nullptr, 10);
    } else if (arg == "--packages" && i + 1 < argc) {
      packages = std::max<size_t>(100, std::strtoull(argv[++i], nullptr, 10));
    } else if (arg == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--dir" && i + 1 < argc) {
      dir_arg = argv[++i];
    } else {
      std::fprintf(stderr,
                   "usage: osv_bench [--advisories N] [--packages N] [--runs N] [--dir DIR]\n");
      return 2;
    }
  }
  fs::path dir = dir_arg.empty() ? fs::temp_directory_path() /
                                       ("fnwarden_osv_bench_" + std::to_string(getpid()))
                                 : fs::path(dir_arg);
  fs::create_directories(dir / "db");
  std::mt19937_64 rng(12);
  Clock::time_point generating = Clock::now();
  Generated generated = WriteDatabase(dir / "db", advisories, rng);
  std::string lock_text = Lockfile(packages, generated, rng);
  std::ofstream(dir / "package-lock.json", std::ios::binary) << lock_text;
  size_t zip_bytes = 0;
  for (const char* e : {"npm", "PyPI", "Go"})
    zip_bytes += fs::file_size(dir / "db" / e / "all.zip");
  std::printf("osv: %zu advisories in 3 all.zip (%.1f MB), lockfile %.1f MB; generated in %.1f s\n",
              generated.advisories, zip_bytes / 1e6, lock_text.size() / 1e6, Seconds(generating));

  // (a) The index, from the archives.
  std::vector<double> inflate_times, build_times;
  size_t inflated = 0, kept = 0, diag_count = 0;
  double peak = 0;
  for (int r = 0; r < runs; ++r) {
    Clock::time_point start = Clock::now();
    inflated = 0;
    for (const char* e : {"npm", "PyPI", "Go"}) inflated += InflateOnly(dir / "db" / e / "all.zip");
    inflate_times.push_back(Seconds(start));

    ResetPeakRss();
    start = Clock::now();
    fnwarden::util::DiskFileSystem disk;
    fnwarden::util::DiagnosticSink diags;
    deps::AdvisoryDb db;
    db.Load(disk, (dir / "db").string(), &diags);
    db.Finish();
    build_times.push_back(Seconds(start));
    peak = std::max(peak, PeakRssMb());
    kept = db.size();
    diag_count = diags.size();
  }
  double inflate = Median(inflate_times), build = Median(build_times);
  std::printf("  inflate only (libarchive)  %6.2f s  %6.0f MB/s of JSON\n", inflate,
              inflated / 1e6 / inflate);
  std::printf(
      "  index build (Load+Finish)  %6.2f s  %6.0f MB/s, %.0f records/s, %zu kept, %zu "
      "diagnostics  = %.1fx inflate only (target < 10 s)\n",
      build, inflated / 1e6 / build, generated.advisories / build, kept, diag_count,
      build / inflate);
  std::printf("  peak RSS while building    %6.0f MB (target < 1 GB)\n", peak);

  // (b) The lockfile, matched against the database.
  fnwarden::util::DiskFileSystem disk;
  fnwarden::util::DiagnosticSink db_diags;
  deps::AdvisoryDb db;
  db.Load(disk, (dir / "db").string(), &db_diags);
  db.Finish();
  std::vector<double> json_times, read_times, match_times, total_times;
  size_t vulnerable = 0, found = 0, read_packages = 0;
  for (int r = 0; r < std::max(runs, 5); ++r) {
    Clock::time_point start = Clock::now();
    simdjson::dom::parser parser;
    simdjson::padded_string padded(lock_text);
    simdjson::dom::element root;
    if (parser.parse(padded).get(root) != simdjson::SUCCESS) return 1;
    json_times.push_back(Seconds(start));

    start = Clock::now();
    fnwarden::util::SourceFile file("package-lock.json", lock_text);
    fnwarden::util::DiagnosticSink diags;
    fnwarden::model::PackageSet set;
    fnwarden::load::lockfile::ReadNpmLock(file, {}, &diags, &set);
    Clock::time_point matching = Clock::now();
    read_times.push_back(std::chrono::duration<double>(matching - start).count());
    deps::MatchPackages(db, &set);
    match_times.push_back(Seconds(matching));
    total_times.push_back(Seconds(start));
    vulnerable = found = 0;
    read_packages = set.packages.size();
    for (const fnwarden::model::Package& p : set.packages) {
      vulnerable += !p.advisories.empty();
      found += p.advisories.size();
    }
  }
  double json = Median(json_times), total = Median(total_times);
  std::printf("  lockfile JSON only (simdjson DOM)  %6.1f ms\n", json * 1e3);
  std::printf("  ReadNpmLock                        %6.1f ms  (%zu packages)\n",
              Median(read_times) * 1e3, read_packages);
  std::printf(
      "  MatchPackages                      %6.1f ms  (%zu vulnerable packages, %zu "
      "advisories)\n",
      Median(match_times) * 1e3, vulnerable, found);
  std::printf(
      "  read + match                       %6.1f ms  = %.1fx JSON only (target < 300 ms)\n",
      total * 1e3, total / json);
  if (dir_arg.empty()) fs::remove_all(dir);
  return 0;
}
