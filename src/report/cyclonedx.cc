// CycloneDX 1.5 JSON (https://cyclonedx.org/docs/1.5/json/).
#include "report/cyclonedx.h"

#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <string_view>
#include <utility>

#include "model/package_names.h"
#include "report/json_writer.h"
#include "report/report.h"
#include "util/strings.h"

namespace fnwarden::report {
namespace {

constexpr std::string_view kApplicationRef = "application";

// Percent-encodes a purl component: everything but letters, digits, ".-_~"
// and ":" (the purl spec's canonical form).
void AppendPurlEncoded(std::string_view s, std::string* out) {
  static const char kHex[] = "0123456789ABCDEF";
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '.' || c == '-' || c == '_' || c == '~' || c == ':';
    if (keep) {
      out->push_back(ch);
    } else {
      out->push_back('%');
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 0xF]);
    }
  }
}

std::string PurlEncoded(std::string_view s) {
  std::string out;
  AppendPurlEncoded(s, &out);
  return out;
}


// An npm name "@scope/name" split in its scope and name; a name without a
// scope has an empty scope.
std::pair<std::string_view, std::string_view> SplitNpmScope(std::string_view name) {
  size_t slash = name.find('/');
  if (name.size() > 1 && name.front() == '@' && slash != std::string_view::npos && slash > 1 &&
      slash + 1 < name.size()) {
    return {name.substr(0, slash), name.substr(slash + 1)};
  }
  return {{}, name};
}

// The hash algorithms and digest lengths (in hex digits) CycloneDX 1.5
// accepts.
bool AcceptedHash(std::string_view alg, std::string_view hex) {
  static const std::set<std::string_view> kAlgorithms = {
      "MD5",      "SHA-1",    "SHA-256",     "SHA-384",     "SHA-512",     "SHA3-256",
      "SHA3-384", "SHA3-512", "BLAKE2b-256", "BLAKE2b-384", "BLAKE2b-512", "BLAKE3"};
  if (!kAlgorithms.count(alg)) return false;
  size_t n = hex.size();
  if (n != 32 && n != 40 && n != 64 && n != 96 && n != 128) return false;
  for (char c : hex) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  }
  return true;
}

// The form under which a package name and the name an import gives compare.
std::string ImportName(model::Ecosystem e, std::string_view name) {
  return e == model::Ecosystem::kPyPI ? model::PypiName(name) : std::string(name);
}

std::string_view SourceName(model::PackageSource s) {
  switch (s) {
    case model::PackageSource::kRegistry:
      return "";
    case model::PackageSource::kGit:
      return "git";
    case model::PackageSource::kFile:
      return "file";
    case model::PackageSource::kUrl:
      return "url";
    case model::PackageSource::kWorkspace:
      return "workspace";
  }
  return "";
}

// One library component: every shipped copy of one purl, merged.
struct Library {
  model::Ecosystem ecosystem = model::Ecosystem::kNpm;
  const model::Package* first = nullptr;  // name and version come from the first copy
  bool required = false;                  // some copy is not optional
  bool direct = false;
  bool imported = false;
  bool edges_known = false;  // some copy's set records requirements
  std::set<std::string> lockfiles;
  std::set<std::pair<std::string, std::string>> hashes;              // algorithm, hex
  std::set<std::pair<std::string_view, std::string>> external_refs;  // type, url
  std::set<std::string_view> sources;
  std::set<std::string> installed_as;
  std::set<std::string> depends_on;
};

struct Function {
  const SbomFunction* in = nullptr;
  std::set<std::string> depends_on;
};

// One advisory over every package it affects.
struct Vulnerability {
  const model::Advisory* first = nullptr;  // summary, ratings and URL come from the first copy
  std::set<std::string> aliases;
  std::map<std::string, std::string> affects;  // purl -> version ("" unknown)
  // "name@version" -> the fixed version, for the recommendation.
  std::map<std::string, std::string> fixes;
};

struct Bom {
  std::map<std::string, Function> functions;             // by bom-ref
  std::map<std::string, Library> libraries;              // by purl
  std::map<std::string, Vulnerability> vulnerabilities;  // by ID
};

// Adds the shipped packages of `set` to `bom`; returns each package's purl,
// "" for the ones left out (development-only, nameless).
std::vector<std::string> AddSet(const model::PackageSet& set, Bom* bom) {
  const std::vector<model::Package>& packages = set.packages;
  std::vector<std::string> refs(packages.size());
  bool edges_known = false;
  for (size_t i = 0; i < packages.size(); ++i) {
    const model::Package& p = packages[i];
    edges_known |= !p.dependencies.empty();
    if (p.dev || p.name.empty()) continue;
    refs[i] = PackageUrl(set.ecosystem, p);
  }
  for (size_t i = 0; i < packages.size(); ++i) {
    if (refs[i].empty()) continue;
    const model::Package& p = packages[i];
    Library& lib = bom->libraries[refs[i]];
    if (lib.first == nullptr) {
      lib.first = &p;
      lib.ecosystem = set.ecosystem;
    }
    lib.required |= !p.optional;
    lib.direct |= p.direct;
    lib.edges_known |= edges_known;
    if (!set.path.empty()) lib.lockfiles.insert(set.path);
    for (const model::PackageHash& h : p.hashes) {
      if (AcceptedHash(h.algorithm, h.hex)) lib.hashes.emplace(h.algorithm, util::ToLower(h.hex));
    }
    if (!p.source_ref.empty() && p.source == model::PackageSource::kGit) {
      lib.external_refs.emplace("vcs", p.source_ref);
    } else if (!p.source_ref.empty() && p.source == model::PackageSource::kUrl) {
      lib.external_refs.emplace("distribution", p.source_ref);
    }
    if (p.source != model::PackageSource::kRegistry) lib.sources.insert(SourceName(p.source));
    if (!p.installed_as.empty()) lib.installed_as.insert(p.installed_as);
    for (uint32_t d : p.dependencies) {
      if (d < refs.size() && !refs[d].empty() && refs[d] != refs[i]) lib.depends_on.insert(refs[d]);
    }
    for (const model::Advisory& a : p.advisories) {
      if (a.id.empty()) continue;
      Vulnerability& v = bom->vulnerabilities[a.id];
      if (v.first == nullptr) v.first = &a;
      v.aliases.insert(a.aliases.begin(), a.aliases.end());
      v.affects.emplace(refs[i], p.version);
      if (!a.fixed.empty()) {
        v.fixes.emplace(p.version.empty() ? p.name : p.name + "@" + p.version, a.fixed);
      }
    }
  }
  return refs;
}

void AddFunction(const SbomFunction& f,
                 std::map<const model::PackageSet*, std::vector<std::string>>* sets, Bom* bom) {
  Function& fn = bom->functions["function:" + f.project + "#" + f.id];
  if (fn.in == nullptr) fn.in = &f;
  for (const model::PackageSet* set : f.sets) {
    if (set == nullptr) continue;
    auto it = sets->find(set);
    if (it == sets->end()) it = sets->emplace(set, AddSet(*set, bom)).first;
    const std::vector<std::string>& refs = it->second;
    bool any_direct = false;
    for (const model::Package& p : set->packages) any_direct |= p.direct;
    std::set<std::string> imported;
    for (const std::string& name : f.imported) imported.insert(ImportName(set->ecosystem, name));
    for (size_t i = 0; i < refs.size(); ++i) {
      if (refs[i].empty()) continue;
      const model::Package& p = set->packages[i];
      if (p.direct || !any_direct) fn.depends_on.insert(refs[i]);
      if (imported.count(ImportName(set->ecosystem, p.name)) ||
          (!p.installed_as.empty() && imported.count(p.installed_as))) {
        bom->libraries[refs[i]].imported = true;
      }
    }
  }
}

void WriteProperties(const std::vector<std::pair<std::string_view, std::string_view>>& props,
                     JsonWriter* w) {
  if (props.empty()) return;
  w->Key("properties");
  w->BeginArray();
  for (const auto& [name, value] : props) {
    w->BeginObject();
    w->Field("name", name);
    w->Field("value", value);
    w->EndObject();
  }
  w->EndArray();
}

void WriteFunction(std::string_view ref, const SbomFunction& f, JsonWriter* w) {
  w->BeginObject();
  w->Field("type", "application");
  w->Field("bom-ref", ref);
  w->Field("name", f.name.empty() ? f.id : f.name);
  std::vector<std::pair<std::string_view, std::string_view>> props = {
      {"fnwarden:logical-id", f.id}, {"fnwarden:project", f.project}};
  if (!f.runtime.empty()) props.emplace_back("fnwarden:runtime", f.runtime);
  WriteProperties(props, w);
  w->EndObject();
}

void WriteLibrary(std::string_view purl, const Library& lib, JsonWriter* w) {
  const model::Package& p = *lib.first;
  w->BeginObject();
  w->Field("type", "library");
  w->Field("bom-ref", purl);
  auto [scope, name] = lib.ecosystem == model::Ecosystem::kNpm
                           ? SplitNpmScope(p.name)
                           : std::pair<std::string_view, std::string_view>({}, p.name);
  if (!scope.empty()) w->Field("group", scope);
  w->Field("name", name);
  if (!p.version.empty()) w->Field("version", p.version);
  w->Field("scope", lib.required ? "required" : "optional");
  if (!lib.hashes.empty()) {
    w->Key("hashes");
    w->BeginArray();
    for (const auto& [alg, hex] : lib.hashes) {
      w->BeginObject();
      w->Field("alg", alg);
      w->Field("content", hex);
      w->EndObject();
    }
    w->EndArray();
  }
  w->Field("purl", purl);
  if (!lib.external_refs.empty()) {
    w->Key("externalReferences");
    w->BeginArray();
    for (const auto& [type, url] : lib.external_refs) {
      w->BeginObject();
      w->Field("type", type);
      w->Field("url", url);
      w->EndObject();
    }
    w->EndArray();
  }
  std::vector<std::pair<std::string_view, std::string_view>> props;
  if (lib.direct) props.emplace_back("fnwarden:direct", "true");
  if (lib.imported) props.emplace_back("fnwarden:imported", "true");
  for (const std::string& alias : lib.installed_as)
    props.emplace_back("fnwarden:installed-as", alias);
  for (const std::string& path : lib.lockfiles) props.emplace_back("fnwarden:lockfile", path);
  for (std::string_view source : lib.sources) props.emplace_back("fnwarden:source", source);
  WriteProperties(props, w);
  w->EndObject();
}

// The database that publishes an advisory ID, and the ID's page there.
void WriteVulnerabilitySource(std::string_view id, JsonWriter* w) {
  struct Database {
    std::string_view prefix, name, url;
  };
  static constexpr Database kDatabases[] = {
      {"GHSA-", "GitHub Advisory Database", "https://github.com/advisories/"},
      {"CVE-", "NVD", "https://nvd.nist.gov/vuln/detail/"},
      {"PYSEC-", "PyPA", "https://osv.dev/vulnerability/"},
      {"GO-", "Go Vulnerability Database", "https://pkg.go.dev/vuln/"},
  };
  Database db = {"", "OSV", "https://osv.dev/vulnerability/"};
  for (const Database& d : kDatabases) {
    if (id.starts_with(d.prefix)) db = d;
  }
  w->Key("source");
  w->BeginObject();
  w->Field("name", db.name);
  w->Field("url", std::string(db.url) + PurlEncoded(id));
  w->EndObject();
}

// The CycloneDX scoring method of a CVSS vector, by its version prefix.
std::string_view CvssMethod(std::string_view vector) {
  if (vector.starts_with("CVSS:3.1/")) return "CVSSv31";
  if (vector.starts_with("CVSS:3.0/")) return "CVSSv3";
  if (vector.starts_with("CVSS:4.0/")) return "CVSSv4";
  if (vector.starts_with("AV:") || vector.starts_with("(AV:")) return "CVSSv2";
  return "other";
}

// The advisory's severity if CycloneDX has it, else "".
std::string_view Severity(std::string_view s) {
  static const std::set<std::string_view> kSeverities = {"critical", "high", "medium", "low",
                                                         "info",     "none", "unknown"};
  return kSeverities.count(s) ? s : std::string_view();
}

std::string Recommendation(const std::map<std::string, std::string>& fixes) {
  std::set<std::string_view> versions;
  for (const auto& [package, fixed] : fixes) versions.insert(fixed);
  if (versions.empty()) return "";
  if (versions.size() == 1) return "Upgrade to " + std::string(*versions.begin()) + ".";
  std::string out = "Upgrade ";
  bool first = true;
  for (const auto& [package, fixed] : fixes) {
    if (!first) out += "; ";
    out += package + " to " + fixed;
    first = false;
  }
  return out + ".";
}

void WriteVulnerability(std::string_view id, const Vulnerability& v, JsonWriter* w) {
  const model::Advisory& a = *v.first;
  w->BeginObject();
  w->Field("id", id);
  WriteVulnerabilitySource(id, w);
  std::vector<std::string_view> aliases;
  for (const std::string& alias : v.aliases) {
    if (alias != id) aliases.push_back(alias);
  }
  if (!aliases.empty()) {
    w->Key("references");
    w->BeginArray();
    for (std::string_view alias : aliases) {
      w->BeginObject();
      w->Field("id", alias);
      WriteVulnerabilitySource(alias, w);
      w->EndObject();
    }
    w->EndArray();
  }
  std::string_view severity = Severity(a.severity);
  bool scored = a.cvss_score >= 0 && std::isfinite(a.cvss_score);
  if (scored || !severity.empty()) {
    w->Key("ratings");
    w->BeginArray();
    w->BeginObject();
    if (scored) {
      char buf[32];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, a.cvss_score);
      w->Key("score");
      w->Raw(std::string_view(buf, static_cast<size_t>(end - buf)));
    }
    if (!severity.empty()) w->Field("severity", severity);
    w->Field("method", scored ? CvssMethod(a.cvss_vector) : "other");
    if (scored && !a.cvss_vector.empty()) w->Field("vector", a.cvss_vector);
    w->EndObject();
    w->EndArray();
  }
  if (!a.summary.empty()) w->Field("description", a.summary);
  std::string recommendation = Recommendation(v.fixes);
  if (!recommendation.empty()) w->Field("recommendation", recommendation);
  if (!a.url.empty()) {
    w->Key("advisories");
    w->BeginArray();
    w->BeginObject();
    w->Field("title", id);
    w->Field("url", a.url);
    w->EndObject();
    w->EndArray();
  }
  w->Key("affects");
  w->BeginArray();
  for (const auto& [ref, version] : v.affects) {
    w->BeginObject();
    w->Field("ref", ref);
    if (!version.empty()) {
      w->Key("versions");
      w->BeginArray();
      w->BeginObject();
      w->Field("version", version);
      w->Field("status", "affected");
      w->EndObject();
      w->EndArray();
    }
    w->EndObject();
  }
  w->EndArray();
  w->EndObject();
}

void WriteDependency(std::string_view ref, const std::set<std::string>& depends_on, JsonWriter* w) {
  w->BeginObject();
  w->Field("ref", ref);
  w->Key("dependsOn");
  w->BeginArray();
  for (const std::string& d : depends_on) w->String(d);
  w->EndArray();
  w->EndObject();
}

std::string Render(const Bom& bom, const SbomInput& in, std::string_view serial,
                   std::string_view timestamp) {
  JsonWriter w;
  w.BeginObject();
  w.Field("$schema", "http://cyclonedx.org/schema/bom-1.5.schema.json");
  w.Field("bomFormat", "CycloneDX");
  w.Field("specVersion", "1.5");
  if (!serial.empty()) w.Field("serialNumber", serial);
  w.Field("version", 1);

  w.Key("metadata");
  w.BeginObject();
  if (!timestamp.empty()) w.Field("timestamp", timestamp);
  w.Key("tools");
  w.BeginObject();
  w.Key("components");
  w.BeginArray();
  w.BeginObject();
  w.Field("type", "application");
  w.Field("name", "fnwarden");
  if (!in.tool_version.empty()) w.Field("version", in.tool_version);
  w.Key("externalReferences");
  w.BeginArray();
  w.BeginObject();
  w.Field("type", "website");
  w.Field("url", kInformationUri);
  w.EndObject();
  w.EndArray();
  w.EndObject();
  w.EndArray();
  w.EndObject();
  w.Key("component");
  w.BeginObject();
  w.Field("type", "application");
  w.Field("bom-ref", kApplicationRef);
  w.Field("name", in.name.empty() ? std::string_view("application") : std::string_view(in.name));
  w.EndObject();
  w.EndObject();

  // Functions and libraries in one list sorted by bom-ref: "function:…"
  // sorts before "pkg:…".
  w.Key("components");
  w.BeginArray();
  for (const auto& [ref, fn] : bom.functions) WriteFunction(ref, *fn.in, &w);
  for (const auto& [purl, lib] : bom.libraries) WriteLibrary(purl, lib, &w);
  w.EndArray();

  w.Key("dependencies");
  w.BeginArray();
  std::set<std::string> functions;
  for (const auto& [ref, fn] : bom.functions) functions.insert(ref);
  WriteDependency(kApplicationRef, functions, &w);
  for (const auto& [ref, fn] : bom.functions) WriteDependency(ref, fn.depends_on, &w);
  for (const auto& [purl, lib] : bom.libraries) {
    if (lib.edges_known) WriteDependency(purl, lib.depends_on, &w);
  }
  w.EndArray();

  if (!bom.vulnerabilities.empty()) {
    w.Key("vulnerabilities");
    w.BeginArray();
    for (const auto& [id, v] : bom.vulnerabilities) WriteVulnerability(id, v, &w);
    w.EndArray();
  }
  w.EndObject();
  return w.Take();
}

// A version-8 UUID (RFC 9562) from two 64-bit FNV-1a hashes of `content`.
std::string ContentSerial(std::string_view content) {
  std::string first = util::StableHash(content);
  std::string hex = first + util::StableHash(first + std::string(content));
  hex[12] = '8';  // the version
  int variant = hex[16] <= '9' ? hex[16] - '0' : hex[16] - 'a' + 10;
  hex[16] = "89ab"[variant & 3];  // the RFC 4122 variant: 0b10xx
  return "urn:uuid:" + hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

}  // namespace

std::string PackageUrl(model::Ecosystem ecosystem, const model::Package& package) {
  std::string out = "pkg:";
  switch (ecosystem) {
    case model::Ecosystem::kNpm: {
      out += "npm/";
      auto [scope, name] = SplitNpmScope(package.name);
      if (!scope.empty()) {
        AppendPurlEncoded(scope, &out);
        out.push_back('/');
      }
      AppendPurlEncoded(name, &out);
      break;
    }
    case model::Ecosystem::kPyPI:
      out += "pypi/";
      AppendPurlEncoded(model::PypiName(package.name), &out);
      break;
    case model::Ecosystem::kGo: {
      out += "golang/";
      bool first = true;
      for (std::string_view segment : util::Split(package.name, '/')) {
        if (segment.empty()) continue;  // no empty segments in a purl
        if (!first) out.push_back('/');
        AppendPurlEncoded(segment, &out);
        first = false;
      }
      break;
    }
  }
  if (!package.version.empty()) {
    out.push_back('@');
    AppendPurlEncoded(package.version, &out);
  }
  if (!package.source_ref.empty()) {
    if (package.source == model::PackageSource::kGit) {
      out += "?vcs_url=";
      AppendPurlEncoded(package.source_ref, &out);
    } else if (package.source == model::PackageSource::kUrl) {
      out += "?download_url=";
      AppendPurlEncoded(package.source_ref, &out);
    }
  }
  return out;
}

std::string RenderCycloneDx(const SbomInput& in) {
  Bom bom;
  std::map<const model::PackageSet*, std::vector<std::string>> sets;
  for (const SbomFunction& f : in.functions) AddFunction(f, &sets, &bom);
  if (!in.serial.empty()) return Render(bom, in, in.serial, in.timestamp);
  // The serial number hashes the document it is part of: render it once
  // without, then with it.
  std::string serial = ContentSerial(Render(bom, in, "", ""));
  return Render(bom, in, serial, in.timestamp);
}

}  // namespace fnwarden::report
