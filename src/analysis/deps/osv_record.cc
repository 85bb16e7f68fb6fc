// Reading one OSV record with simdjson's On-Demand API: it touches only the
// fields fnwarden keeps (skipping `details`, `credits`, `ecosystem_specific`
// and the entries of other ecosystems without building them), and every
// value it reads knows its byte offset, so a problem points into the record.
#include <simdjson.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/deps/osv_internal.h"

namespace fnwarden::analysis::deps::osv_internal {
namespace {

namespace od = simdjson::ondemand;
using util::DiagLevel;

constexpr size_t kMaxAdvisoryUrls = 16;
constexpr size_t kMaxShortField = 64;  // `modified`, `withdrawn`, a range or severity type

// Advisory ID characters: letters, digits and "-_.:".
bool IsIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == ':';
}

bool IsHttpUrl(std::string_view url) {
  if (url.size() > kMaxUrlBytes) return false;
  if (!url.starts_with("https://") && !url.starts_with("http://")) return false;
  return std::none_of(url.begin(), url.end(), [](char c) {
    return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>' ||
           c == '\\';
  });
}

// "npm", "PyPI", "Go", also with a ":suffix"; false for other ecosystems.
bool EcosystemOf(std::string_view name, model::Ecosystem* out) {
  name = name.substr(0, name.find(':'));
  for (model::Ecosystem e :
       {model::Ecosystem::kNpm, model::Ecosystem::kPyPI, model::Ecosystem::kGo}) {
    if (name == model::EcosystemName(e)) {
      *out = e;
      return true;
    }
  }
  return false;
}

// Where brackets stop matching: the first closing bracket that does not
// close the innermost open one, else the innermost bracket left open; for
// the errors simdjson finds before it has a position (a root object whose
// last bracket is wrong). kNoOffset when the brackets match.
size_t FindUnbalanced(std::string_view json) {
  std::vector<size_t> open;
  bool in_string = false;
  for (size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      open.push_back(i);
    } else if (c == '}' || c == ']') {
      if (open.empty() || json[open.back()] != (c == '}' ? '{' : '[')) return i;
      open.pop_back();
    }
  }
  return open.empty() ? Problem::kNoOffset : open.back();
}

// One record being read: its text, its problems, and whether the JSON broke
// (after which nothing more is read from it).
class Walker {
 public:
  Walker(std::string_view json, std::vector<Problem>* problems)
      : json_(json), problems_(problems) {}

  bool broken() const { return broken_; }
  size_t problem_count() const { return problems_->size(); }
  // Forgets the problems reported since problem_count() was `count`.
  void DropProblems(size_t count) { problems_->resize(std::min(count, problems_->size())); }

  size_t OffsetOf(od::value& v) {
    const char* at = v.raw_json_token().data();
    if (at < json_.data() || at > json_.data() + json_.size()) return Problem::kNoOffset;
    return static_cast<size_t>(at - json_.data());
  }

  void Report(size_t offset, std::string message, DiagLevel level = DiagLevel::kError) {
    problems_->push_back({offset, level, std::move(message)});
  }

  // Records a broken document (not a type mismatch): the record is dropped.
  void Break(simdjson::error_code error, size_t offset) {
    if (broken_) return;
    broken_ = true;
    if (offset == Problem::kNoOffset && error != simdjson::UTF8_ERROR &&
        error != simdjson::UNCLOSED_STRING && error != simdjson::STRING_ERROR &&
        error != simdjson::EMPTY) {
      offset = FindUnbalanced(json_);
    }
    // The record is dropped: what else was wrong with it no longer matters.
    problems_->clear();
    std::string reason;
    switch (error) {
      case simdjson::UTF8_ERROR:
        reason = "invalid UTF-8";
        break;
      case simdjson::UNCLOSED_STRING:
        reason = "unclosed string";
        break;
      case simdjson::STRING_ERROR:
        reason = "invalid string escape";
        break;
      case simdjson::DEPTH_ERROR:
        reason = "nested too deeply";
        break;
      case simdjson::EMPTY:
        reason = "empty document";
        break;
      default:
        reason = "malformed JSON structure";
        break;
    }
    Report(offset, "OSV record is not valid JSON: " + reason);
  }

  // The value's type, or false (the document broke).
  bool TypeOf(od::value& v, od::json_type* type) {
    if (auto error = v.type().get(*type); error != simdjson::SUCCESS) {
      Break(error, OffsetOf(v));
      return false;
    }
    return true;
  }

  // True with `*present` false for null. A value of another type than
  // `want` is reported as "<what> must be <want_name>" and skipped.
  bool Expect(od::value& v, od::json_type want, std::string_view what, std::string_view want_name,
              bool* present) {
    *present = false;
    od::json_type type;
    if (!TypeOf(v, &type)) return false;
    if (type == od::json_type::null) return true;
    if (type != want) {
      Report(OffsetOf(v),
             std::string(what) + " must be " + std::string(want_name) + "; it is skipped");
      return true;
    }
    *present = true;
    return true;
  }

  // A string value, or false (null, another type: reported; a broken
  // document).
  bool String(od::value& v, std::string_view what, std::string_view* out) {
    bool present;
    if (!Expect(v, od::json_type::string, what, "a string", &present) || !present) return false;
    if (auto error = v.get_string().get(*out); error != simdjson::SUCCESS) {
      Break(error, OffsetOf(v));
      return false;
    }
    return true;
  }

  bool Array(od::value& v, std::string_view what, od::array* out) {
    bool present;
    if (!Expect(v, od::json_type::array, what, "an array", &present) || !present) return false;
    if (auto error = v.get_array().get(*out); error != simdjson::SUCCESS) {
      Break(error, OffsetOf(v));
      return false;
    }
    return true;
  }

  bool Object(od::value& v, std::string_view what, od::object* out) {
    bool present;
    if (!Expect(v, od::json_type::object, what, "an object", &present) || !present) return false;
    if (auto error = v.get_object().get(*out); error != simdjson::SUCCESS) {
      Break(error, OffsetOf(v));
      return false;
    }
    return true;
  }

  // Calls fn(key, value) for each field; false when the document broke.
  template <class Fn>
  bool ForEachField(od::object& object, const Fn& fn) {
    for (auto field_result : object) {
      od::field field;
      std::string_view key;
      if (auto error = std::move(field_result).get(field); error != simdjson::SUCCESS) {
        Break(error, Problem::kNoOffset);
        return false;
      }
      if (auto error = field.unescaped_key().get(key); error != simdjson::SUCCESS) {
        Break(error, Problem::kNoOffset);
        return false;
      }
      od::value value = field.value();
      fn(key, value);
      if (broken_) return false;
    }
    return true;
  }

  // Calls fn(index, value) for each element while fn returns true; false
  // when the document broke.
  template <class Fn>
  bool ForEachElement(od::array& array, const Fn& fn) {
    size_t index = 0;
    for (auto element_result : array) {
      od::value value;
      if (auto error = std::move(element_result).get(value); error != simdjson::SUCCESS) {
        Break(error, Problem::kNoOffset);
        return false;
      }
      bool more = fn(index++, value);
      if (broken_) return false;
      if (!more) break;
    }
    return !broken_;
  }

 private:
  std::string_view json_;
  std::vector<Problem>* problems_;
  bool broken_ = false;
};

// Reads the fields of one record into a ParsedRecord.
class RecordParser {
 public:
  RecordParser(Walker* w, ParsedRecord* out) : w_(*w), out_(*out) {}

  void Field(std::string_view key, od::value& v) {
    std::string_view text;
    if (key == "id") {
      id_offset_ = w_.OffsetOf(v);
      if (w_.String(v, "\"id\"", &text)) out_.id = text;
      has_id_ = true;
    } else if (key == "modified") {
      if (w_.String(v, "\"modified\"", &text)) out_.modified = text.substr(0, kMaxShortField);
    } else if (key == "withdrawn") {
      if (w_.String(v, "\"withdrawn\"", &text)) out_.withdrawn = true;
    } else if (key == "aliases") {
      Aliases(v);
    } else if (key == "summary") {
      w_.String(v, "\"summary\"", &summary_);
    } else if (key == "details") {
      w_.String(v, "\"details\"", &details_);
    } else if (key == "severity") {
      Severities(v);
    } else if (key == "affected") {
      AffectedList(v);
    } else if (key == "references") {
      References(v);
    } else if (key == "database_specific") {
      DatabaseSeverity(v, &out_.severity);
    }
  }

  // After the fields: what needs several of them.
  bool Finish() {
    if (!has_id_ || out_.id.empty()) {
      w_.Report(has_id_ ? id_offset_ : 0, "OSV record has no \"id\"; it is skipped");
      return false;
    }
    if (!IsValidId(out_.id)) {
      w_.Report(id_offset_, "OSV record's \"id\" " + Quoted(out_.id) +
                                " is not an advisory ID; the record is skipped");
      return false;
    }
    out_.summary = OneLineSummary(summary_, details_);
    for (const std::string& url : advisory_urls_) {
      if (url.find(out_.id) != std::string::npos) {
        out_.url = url;
        break;
      }
    }
    if (out_.url.empty() && !advisory_urls_.empty()) out_.url = advisory_urls_.front();
    std::sort(out_.aliases.begin(), out_.aliases.end());
    out_.aliases.erase(std::unique(out_.aliases.begin(), out_.aliases.end()), out_.aliases.end());
    std::erase(out_.aliases, out_.id);
    return true;
  }

 private:
  void Aliases(od::value& v) {
    od::array array;
    if (!w_.Array(v, "\"aliases\"", &array)) return;
    w_.ForEachElement(array, [&](size_t i, od::value& alias) {
      if (i == kMaxAliases) {
        w_.Report(w_.OffsetOf(alias),
                  "more than " + std::to_string(kMaxAliases) + " aliases; the rest are skipped");
        return false;
      }
      std::string_view text;
      if (!w_.String(alias, "an alias", &text)) return true;
      if (!IsValidId(text)) {
        w_.Report(w_.OffsetOf(alias),
                  "alias " + Quoted(text) + " is not an advisory ID; it is skipped",
                  DiagLevel::kWarning);
        return true;
      }
      out_.aliases.emplace_back(text);
      return true;
    });
  }

  void Severities(od::value& v) {
    od::array array;
    if (!w_.Array(v, "\"severity\"", &array)) return;
    w_.ForEachElement(array, [&](size_t i, od::value& item) {
      if (i == 16) return false;  // nobody publishes more; the first of each type counts
      od::object object;
      if (!w_.Object(item, "a severity", &object)) return true;
      std::string_view type, score;
      w_.ForEachField(object, [&](std::string_view key, od::value& value) {
        if (key == "type") w_.String(value, "a severity's \"type\"", &type);
        if (key == "score") w_.String(value, "a severity's \"score\"", &score);
      });
      if (score.empty() || score.size() > 512) return true;
      std::string* slot = type == "CVSS_V3"           ? &out_.cvss_v3
                          : type == "CVSS_V2"         ? &out_.cvss_v2
                          : type.starts_with("CVSS_") ? &out_.cvss_other
                                                      : nullptr;
      if (slot != nullptr && slot->empty()) *slot = score;
      return true;
    });
  }

  void References(od::value& v) {
    od::array array;
    if (!w_.Array(v, "\"references\"", &array)) return;
    w_.ForEachElement(array, [&](size_t, od::value& item) {
      od::object object;
      if (!w_.Object(item, "a reference", &object)) return true;
      std::string_view type, url;
      w_.ForEachField(object, [&](std::string_view key, od::value& value) {
        if (key == "type") w_.String(value, "a reference's \"type\"", &type);
        if (key == "url") w_.String(value, "a reference's \"url\"", &url);
      });
      if (type == "ADVISORY" && IsHttpUrl(url) && advisory_urls_.size() < kMaxAdvisoryUrls) {
        advisory_urls_.emplace_back(url);
      }
      return true;
    });
  }

  // `database_specific.severity`, a free-form object otherwise.
  void DatabaseSeverity(od::value& v, std::string* out) {
    od::object object;
    if (!w_.Object(v, "\"database_specific\"", &object)) return;
    w_.ForEachField(object, [&](std::string_view key, od::value& value) {
      std::string_view text;
      if (key != "severity") return;
      od::json_type type;
      // GitHub writes a word; other databases may write anything: only a
      // short string counts, without a problem for the rest.
      if (w_.TypeOf(value, &type) && type == od::json_type::string &&
          value.get_string().get(text) == simdjson::SUCCESS && text.size() <= kMaxShortField) {
        *out = text;
      }
    });
  }

  void AffectedList(od::value& v) {
    od::array array;
    if (!w_.Array(v, "\"affected\"", &array)) return;
    w_.ForEachElement(array, [&](size_t i, od::value& item) {
      if (i == kMaxAffected) {
        w_.Report(w_.OffsetOf(item), "more than " + std::to_string(kMaxAffected) +
                                         " \"affected\" entries; the rest are skipped");
        return false;
      }
      Affected(item);
      return true;
    });
  }

  void Affected(od::value& v) {
    od::object object;
    size_t at = w_.OffsetOf(v);
    if (!w_.Object(v, "an \"affected\" entry", &object)) return;
    ParsedAffected affected;
    size_t problems_before = w_.problem_count();
    bool known = false;  // a package of an ecosystem fnwarden reads
    bool other = false;  // a package of another ecosystem: the rest is not read
    bool has_package = false;
    bool usable = true;
    w_.ForEachField(object, [&](std::string_view key, od::value& value) {
      if (other) return;
      if (key == "package") {
        has_package = true;
        Package(value, &affected, &known, &other, &usable);
      } else if (key == "ranges") {
        Ranges(value, &affected);
      } else if (key == "versions") {
        Versions(value, &affected);
      } else if (key == "database_specific") {
        DatabaseSeverity(value, &affected.severity);
      }
    });
    if (w_.broken() || !usable) return;
    if (other) {
      // Entries of other ecosystems are not fnwarden's to judge, even when
      // their ranges came before their package.
      w_.DropProblems(problems_before);
      return;
    }
    if (!has_package || !known) {
      if (!has_package) w_.Report(at, "\"affected\" entry has no \"package\"; it is skipped");
      return;
    }
    out_.affected.push_back(std::move(affected));
  }

  void Package(od::value& v, ParsedAffected* affected, bool* known, bool* other, bool* usable) {
    od::object object;
    size_t at = w_.OffsetOf(v);
    if (!w_.Object(v, "\"package\"", &object)) {
      *usable = false;
      return;
    }
    std::string_view ecosystem, name;
    size_t name_at = at;
    bool has_ecosystem = false;
    w_.ForEachField(object, [&](std::string_view key, od::value& value) {
      if (key == "ecosystem") {
        has_ecosystem = w_.String(value, "\"ecosystem\"", &ecosystem);
      } else if (key == "name") {
        name_at = w_.OffsetOf(value);
        w_.String(value, "a package's \"name\"", &name);
      }
    });
    if (w_.broken()) return;
    if (!has_ecosystem) {
      w_.Report(at, "\"package\" has no \"ecosystem\"; the entry is skipped");
      *usable = false;
      return;
    }
    if (!EcosystemOf(ecosystem, &affected->ecosystem)) {
      *other = true;
      return;
    }
    if (name.empty() || name.size() > kMaxNameBytes) {
      w_.Report(name_at, name.empty()
                             ? "\"package\" has no \"name\"; the entry is skipped"
                             : "package name is longer than " + std::to_string(kMaxNameBytes) +
                                   " bytes; the entry is skipped");
      *usable = false;
      return;
    }
    affected->name = name;
    *known = true;
  }

  void Ranges(od::value& v, ParsedAffected* affected) {
    od::array array;
    if (!w_.Array(v, "\"ranges\"", &array)) return;
    w_.ForEachElement(array, [&](size_t i, od::value& item) {
      if (i == kMaxRanges) {
        w_.Report(w_.OffsetOf(item), "more than " + std::to_string(kMaxRanges) +
                                         " ranges in one entry; the rest are skipped");
        return false;
      }
      OneRange(item, affected);
      return true;
    });
  }

  void OneRange(od::value& v, ParsedAffected* affected) {
    od::object object;
    size_t at = w_.OffsetOf(v);
    if (!w_.Object(v, "a range", &object)) return;
    Range range;
    std::string_view type;
    size_t type_at = at;
    bool valid = true;
    w_.ForEachField(object, [&](std::string_view key, od::value& value) {
      if (key == "type") {
        type_at = w_.OffsetOf(value);
        w_.String(value, "a range's \"type\"", &type);
      } else if (key == "events") {
        valid = Events(value, &range) && valid;
      }
    });
    if (w_.broken()) return;
    if (type == "GIT") return;  // commits, not versions
    if (type == "SEMVER") {
      range.type = Range::Type::kSemver;
    } else if (type == "ECOSYSTEM") {
      range.type = Range::Type::kEcosystem;
    } else {
      w_.Report(type_at,
                type.empty() ? std::string("range has no \"type\"; it is skipped")
                             : "unknown range type " + Quoted(type) + "; the range is skipped",
                DiagLevel::kWarning);
      return;
    }
    // A range with a broken event is dropped whole: without its `fixed`
    // event it would claim every later version.
    if (valid) affected->ranges.push_back(std::move(range));
  }

  // False when an event is not usable (reported).
  bool Events(od::value& v, Range* range) {
    od::array array;
    size_t at = w_.OffsetOf(v);
    if (!w_.Array(v, "\"events\"", &array)) return false;
    bool valid = true;
    w_.ForEachElement(array, [&](size_t i, od::value& item) {
      if (i == kMaxEvents) {
        w_.Report(at, "more than " + std::to_string(kMaxEvents) +
                          " events in one range; the range is skipped");
        valid = false;
        return false;
      }
      od::object object;
      if (!w_.Object(item, "an event", &object)) {
        valid = false;
        return false;
      }
      size_t events_before = range->events.size();
      w_.ForEachField(object, [&](std::string_view key, od::value& value) {
        RangeEvent::Kind kind;
        if (key == "introduced") {
          kind = RangeEvent::Kind::kIntroduced;
        } else if (key == "fixed") {
          kind = RangeEvent::Kind::kFixed;
        } else if (key == "last_affected") {
          kind = RangeEvent::Kind::kLastAffected;
        } else if (key == "limit") {
          kind = RangeEvent::Kind::kLimit;
        } else {
          return;
        }
        std::string_view version;
        size_t version_at = w_.OffsetOf(value);
        if (!w_.String(value, "an event's version", &version)) {
          valid = false;
        } else if (version.empty() || version.size() > kMaxVersionBytes) {
          w_.Report(version_at, version.empty()
                                    ? std::string("event version is empty; the range is skipped")
                                    : "event version is longer than " +
                                          std::to_string(kMaxVersionBytes) +
                                          " bytes; the range is skipped");
          valid = false;
        } else {
          range->events.push_back({kind, std::string(version)});
        }
      });
      if (!w_.broken() && range->events.size() == events_before && valid) {
        w_.Report(w_.OffsetOf(item),
                  "event has no \"introduced\", \"fixed\", "
                  "\"last_affected\" or \"limit\"; it is skipped",
                  DiagLevel::kWarning);
      }
      return valid;
    });
    return valid && !w_.broken();
  }

  void Versions(od::value& v, ParsedAffected* affected) {
    od::array array;
    if (!w_.Array(v, "\"versions\"", &array)) return;
    w_.ForEachElement(array, [&](size_t i, od::value& item) {
      if (i == kMaxVersions) {
        w_.Report(w_.OffsetOf(item), "more than " + std::to_string(kMaxVersions) +
                                         " listed versions; the rest are skipped");
        return false;
      }
      std::string_view version;
      if (w_.String(item, "a listed version", &version) && !version.empty() &&
          version.size() <= kMaxVersionBytes) {
        affected->versions.emplace_back(version);
      }
      return true;
    });
  }

  Walker& w_;
  ParsedRecord& out_;
  bool has_id_ = false;
  size_t id_offset_ = 0;
  std::string_view summary_;
  std::string_view details_;
  std::vector<std::string> advisory_urls_;
};

}  // namespace

std::string Quoted(std::string_view s) {
  constexpr size_t kMax = 64;
  size_t cut = s.size();
  if (cut > kMax) {
    cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  }
  std::string out = "\"";
  for (char c : s.substr(0, cut)) {
    unsigned char u = static_cast<unsigned char>(c);
    out.push_back(u < 0x20 || u == 0x7f ? '?' : c);
  }
  if (cut < s.size()) out += "…";
  out += "\"";
  return out;
}

bool IsValidId(std::string_view id) {
  return !id.empty() && id.size() <= kMaxIdBytes && std::all_of(id.begin(), id.end(), IsIdChar);
}

std::string OneLineSummary(std::string_view summary, std::string_view details) {
  auto blank = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
  };
  std::string_view text = summary;
  if (blank(text)) {
    text = details;
    // The first line that is not blank.
    while (!text.empty()) {
      size_t end = text.find('\n');
      std::string_view line = text.substr(0, end);
      if (!blank(line)) {
        text = line;
        break;
      }
      text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    }
  }
  // One line: control characters become spaces, runs of spaces one.
  std::string out;
  out.reserve(std::min(text.size(), kMaxSummaryBytes + 8));
  for (char c : text) {
    if (out.size() > kMaxSummaryBytes + 4) break;  // enough to know it must be cut
    unsigned char u = static_cast<unsigned char>(c);
    bool space = u < 0x20 || u == 0x7f || c == ' ';
    if (space) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.size() <= kMaxSummaryBytes) return out;
  // Cut to leave room for "…" (3 bytes), at a word end when one is near,
  // never inside a UTF-8 sequence.
  size_t cut = kMaxSummaryBytes - 3;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
  size_t space = out.rfind(' ', cut);
  if (space != std::string::npos && space >= kMaxSummaryBytes * 2 / 3) cut = space;
  out.resize(cut);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  out += "…";
  return out;
}

struct RecordReader::State {
  od::parser parser;
};

RecordReader::RecordReader() : state_(std::make_unique<State>()) {}
RecordReader::~RecordReader() = default;

size_t RecordReader::Padding() { return simdjson::SIMDJSON_PADDING; }

bool RecordReader::Read(std::string_view json, ParsedRecord* out, std::vector<Problem>* problems) {
  *out = ParsedRecord();
  problems->clear();
  Walker w(json, problems);
  od::document doc;
  if (auto error =
          state_->parser.iterate(json.data(), json.size(), json.size() + Padding()).get(doc);
      error != simdjson::SUCCESS) {
    w.Break(error, Problem::kNoOffset);
    return false;
  }
  od::object root;
  if (auto error = doc.get_object().get(root); error != simdjson::SUCCESS) {
    if (error == simdjson::INCORRECT_TYPE) {
      w.Report(0, "OSV record is not a JSON object");
    } else {
      // simdjson checks the root's last bracket before it reads anything,
      // and then knows no position.
      const char* at = nullptr;
      bool known = doc.current_location().get(at) == simdjson::SUCCESS && at > json.data() &&
                   at <= json.data() + json.size();
      w.Break(error, known ? static_cast<size_t>(at - json.data()) : Problem::kNoOffset);
    }
    return false;
  }
  RecordParser parser(&w, out);
  w.ForEachField(root, [&](std::string_view key, od::value& value) { parser.Field(key, value); });
  if (w.broken()) return false;
  // Anything after the object but blanks is an error the object's iteration
  // does not see.
  const char* at = nullptr;
  if (doc.current_location().get(at) == simdjson::SUCCESS && at != nullptr && at >= json.data() &&
      at < json.data() + json.size()) {
    w.Report(static_cast<size_t>(at - json.data()),
             "OSV record is not valid JSON: text after the object");
    return false;
  }
  return parser.Finish();
}

}  // namespace fnwarden::analysis::deps::osv_internal
