// Test helpers for analysis/iam: policies written as IAM JSON, read into the
// model the way the loaders do (string-or-list fields, numbers and booleans
// as their text), with positions into an in-memory file "policy.json".
//
// An unresolved value is written as a string starting with "?": "?" alone is
// unknown, "?a|b" is unknown with the alternatives a and b (an undecided
// Fn::If). Header-only: used by the *_test.cc files only.
#ifndef FNWARDEN_ANALYSIS_IAM_IAM_TEST_UTIL_H_
#define FNWARDEN_ANALYSIS_IAM_IAM_TEST_UTIL_H_

#include <cctype>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "model/model.h"
#include "util/source.h"
#include "util/strings.h"

namespace fnwarden::analysis::iam::testing {

struct Json {
  // A key and its value. Declared here and defined below, where Json is
  // complete: a std::pair of an incomplete type is ill-formed (clang says so).
  struct Field;
  enum Kind { kNull, kString, kScalar, kArray, kObject } kind = kNull;
  std::string text;  // strings and scalars (numbers, true, false)
  std::vector<Json> items;
  std::vector<Field> fields;
  std::vector<size_t> key_offsets;
  size_t offset = 0;

  const Json* Get(std::string_view key) const;
};

struct Json::Field {
  std::string first;
  Json second;
};

inline const Json* Json::Get(std::string_view key) const {
  for (const auto& [k, v] : fields) {
    if (k == key) return &v;
  }
  return nullptr;
}

class JsonReader {
 public:
  explicit JsonReader(std::string_view text) : s_(text) {}
  Json Read() {
    Json j = Value();
    Space();
    if (i_ != s_.size()) Fail("trailing text");
    return j;
  }

 private:
  [[noreturn]] void Fail(const std::string& why) {
    throw std::runtime_error("test JSON: " + why + " at offset " + std::to_string(i_));
  }
  void Space() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  std::string String() {
    ++i_;  // opening quote
    std::string out;
    while (i_ < s_.size() && s_[i_] != '"') {
      if (s_[i_] == '\\' && i_ + 1 < s_.size()) ++i_;
      out.push_back(s_[i_++]);
    }
    if (i_ == s_.size()) Fail("unterminated string");
    ++i_;
    return out;
  }
  Json Value() {
    Space();
    if (i_ == s_.size()) Fail("unexpected end");
    Json j;
    j.offset = i_;
    char c = s_[i_];
    if (c == '"') {
      j.kind = Json::kString;
      j.text = String();
    } else if (c == '[') {
      j.kind = Json::kArray;
      ++i_;
      Space();
      if (i_ < s_.size() && s_[i_] == ']') {
        ++i_;
        return j;
      }
      while (true) {
        j.items.push_back(Value());
        Space();
        if (i_ < s_.size() && s_[i_] == ',') {
          ++i_;
          continue;
        }
        if (i_ < s_.size() && s_[i_] == ']') {
          ++i_;
          break;
        }
        Fail("expected , or ]");
      }
    } else if (c == '{') {
      j.kind = Json::kObject;
      ++i_;
      Space();
      if (i_ < s_.size() && s_[i_] == '}') {
        ++i_;
        return j;
      }
      while (true) {
        Space();
        if (i_ >= s_.size() || s_[i_] != '"') Fail("expected a key");
        j.key_offsets.push_back(i_);
        std::string key = String();
        Space();
        if (i_ >= s_.size() || s_[i_] != ':') Fail("expected :");
        ++i_;
        j.fields.push_back({std::move(key), Value()});
        Space();
        if (i_ < s_.size() && s_[i_] == ',') {
          ++i_;
          continue;
        }
        if (i_ < s_.size() && s_[i_] == '}') {
          ++i_;
          break;
        }
        Fail("expected , or }");
      }
    } else {
      size_t start = i_;
      while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '.' ||
                                s_[i_] == '-' || s_[i_] == '+')) {
        ++i_;
      }
      if (start == i_) Fail("unexpected character");
      j.text = std::string(s_.substr(start, i_ - start));
      j.kind = j.text == "null" ? Json::kNull : Json::kScalar;
    }
    return j;
  }

  std::string_view s_;
  size_t i_ = 0;
};

// Reads policy JSON into a PolicyDocument. Keeps the SourceFile alive (locs
// point into it).
class PolicyReader {
 public:
  model::PolicyDocument Read(const std::string& text) {
    files_.push_back(std::make_unique<util::SourceFile>("policy.json", text));
    file_ = files_.back().get();
    Json root = JsonReader(text).Read();
    model::PolicyDocument doc;
    doc.loc = At(root.offset);
    if (const Json* v = root.Get("Version")) doc.version = Str(*v);
    const Json* st = root.Get("Statement");
    if (st != nullptr && st->kind == Json::kArray) {
      for (const Json& s : st->items) doc.statements.push_back(Statement(s));
    } else if (st != nullptr) {
      doc.statements.push_back(Statement(*st));
    }
    return doc;
  }

 private:
  util::Loc At(size_t offset) const {
    util::SourceFile::LineCol lc = file_->Position(offset);
    return util::Loc{file_, lc.line, lc.col};
  }

  model::String Str(const Json& j) const {
    if (j.kind == Json::kString && !j.text.empty() && j.text[0] == '?') {
      model::String v = model::String::Unknown(At(j.offset));
      v.value = j.text;
      if (j.text.size() > 1) {
        for (std::string_view alt : util::Split(std::string_view(j.text).substr(1), '|')) {
          v.alternatives.emplace_back(alt);
        }
      }
      return v;
    }
    return model::String::Literal(j.text, At(j.offset));
  }

  std::vector<model::String> List(const Json& j) const {
    std::vector<model::String> out;
    if (j.kind == Json::kArray) {
      for (const Json& item : j.items) out.push_back(Str(item));
    } else {
      out.push_back(Str(j));
    }
    return out;
  }

  void Principals(const Json& j, std::vector<model::Principal>* out) const {
    if (j.kind == Json::kString && j.text == "*") {
      out->push_back({"*", Str(j)});
    } else if (j.kind == Json::kObject) {
      for (const auto& [kind, ids] : j.fields) {
        for (model::String& id : List(ids)) out->push_back({kind, std::move(id)});
      }
    } else {
      model::Principal p;
      p.id = Str(j);
      if (p.id.known()) p.kind = "AWS";
      out->push_back(std::move(p));
    }
  }

  model::Statement Statement(const Json& j) const {
    model::Statement s;
    s.loc = At(j.offset);
    if (j.kind == Json::kString && !j.text.empty() && j.text[0] == '?') {
      s.known = false;
      return s;
    }
    if (const Json* v = j.Get("Sid")) s.sid = Str(*v);
    if (const Json* v = j.Get("Effect")) {
      model::String e = Str(*v);
      s.effect = e.With(e.value == "Deny" ? model::Effect::kDeny : model::Effect::kAllow);
      for (const std::string& alt : e.alternatives) {
        s.effect.alternatives.push_back(alt == "Deny" ? model::Effect::kDeny : model::Effect::kAllow);
      }
    }
    if (const Json* v = j.Get("Action")) {
      s.actions = List(*v);
    } else if (const Json* nv = j.Get("NotAction")) {
      s.not_action = true;
      s.actions = List(*nv);
    }
    if (const Json* v = j.Get("Resource")) {
      s.has_resource = true;
      s.resources = List(*v);
    } else if (const Json* nv = j.Get("NotResource")) {
      s.has_resource = s.not_resource = true;
      s.resources = List(*nv);
    }
    if (const Json* v = j.Get("Principal")) {
      s.has_principal = true;
      Principals(*v, &s.principals);
    } else if (const Json* nv = j.Get("NotPrincipal")) {
      s.has_principal = s.not_principal = true;
      Principals(*nv, &s.principals);
    }
    if (const Json* c = j.Get("Condition")) {
      for (size_t i = 0; i < c->fields.size(); ++i) {
        const auto& [op, block] = c->fields[i];
        for (size_t k = 0; k < block.fields.size(); ++k) {
          model::Condition cond;
          cond.op = op;
          cond.key = block.fields[k].first;
          cond.loc = At(block.key_offsets[k]);
          cond.values = List(block.fields[k].second);
          s.conditions.push_back(std::move(cond));
        }
      }
    }
    return s;
  }

  std::vector<std::unique_ptr<util::SourceFile>> files_;
  const util::SourceFile* file_ = nullptr;
};

}  // namespace fnwarden::analysis::iam::testing

#endif  // FNWARDEN_ANALYSIS_IAM_IAM_TEST_UTIL_H_
