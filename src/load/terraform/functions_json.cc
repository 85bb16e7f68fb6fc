// jsonencode, jsondecode and yamldecode, and DecodeJson (functions.h).

#include "load/terraform/functions_internal.h"

namespace fnwarden::load::terraform {
namespace fn {
namespace {

// ---------------------------------------------------------------------------
// JSON and YAML.

class JsonReader {
 public:
  JsonReader(std::string_view text, util::Loc loc) : s_(text), loc_(loc) {}

  ValuePtr Document() {
    SkipSpace();
    ValuePtr v = Read(0);
    SkipSpace();
    return v && i_ == s_.size() ? v : nullptr;
  }

 private:
  static constexpr int kMaxDepth = 256;

  void SkipSpace() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r'))
      ++i_;
  }
  bool Eat(char c) {
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool Word(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }

  ValuePtr Read(int depth) {
    if (depth > kMaxDepth || i_ >= s_.size()) return nullptr;
    char c = s_[i_];
    if (c == '{') return ReadObject(depth);
    if (c == '[') return ReadArray(depth);
    if (c == '"') {
      std::string text;
      return ReadString(&text) ? String(std::move(text), loc_) : nullptr;
    }
    if (Word("true")) return Bool(true, loc_);
    if (Word("false")) return Bool(false, loc_);
    if (Word("null")) return Null(loc_);
    return ReadNumber();
  }

  ValuePtr ReadObject(int depth) {
    ++i_;
    Fields fields;
    SkipSpace();
    if (Eat('}')) return Object(std::move(fields), loc_);
    while (true) {
      SkipSpace();
      std::string key;
      if (!ReadString(&key)) return nullptr;
      SkipSpace();
      if (!Eat(':')) return nullptr;
      SkipSpace();
      ValuePtr v = Read(depth + 1);
      // Terraform rejects a key given twice.
      if (!v || !fields.emplace(std::move(key), std::move(v)).second) return nullptr;
      SkipSpace();
      if (Eat('}')) return Object(std::move(fields), loc_);
      if (!Eat(',')) return nullptr;
    }
  }

  ValuePtr ReadArray(int depth) {
    ++i_;
    Items items;
    SkipSpace();
    if (Eat(']')) return Tuple(std::move(items), loc_);
    while (true) {
      SkipSpace();
      ValuePtr v = Read(depth + 1);
      if (!v) return nullptr;
      items.push_back(std::move(v));
      SkipSpace();
      if (Eat(']')) return Tuple(std::move(items), loc_);
      if (!Eat(',')) return nullptr;
    }
  }

  bool ReadHex4(char32_t* out) {
    if (i_ + 4 > s_.size()) return false;
    char32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      int d = util::HexDigitValue(s_[i_ + k]);
      if (d < 0) return false;
      v = v * 16 + static_cast<char32_t>(d);
    }
    i_ += 4;
    *out = v;
    return true;
  }

  bool ReadString(std::string* out) {
    if (!Eat('"')) return false;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == '"') {
        ++i_;
        return IsValidUtf8(*out);
      }
      if (static_cast<unsigned char>(c) < 0x20) return false;
      ++i_;
      if (c != '\\') {
        out->push_back(c);
        continue;
      }
      if (i_ >= s_.size()) return false;
      char e = s_[i_++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out->push_back(e);
          break;
        case 'b':
          out->push_back('\b');
          break;
        case 'f':
          out->push_back('\f');
          break;
        case 'n':
          out->push_back('\n');
          break;
        case 'r':
          out->push_back('\r');
          break;
        case 't':
          out->push_back('\t');
          break;
        case 'u': {
          char32_t cp = 0;
          if (!ReadHex4(&cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF && s_.substr(i_, 2) == "\\u") {
            size_t save = i_;
            i_ += 2;
            char32_t low = 0;
            if (ReadHex4(&low) && low >= 0xDC00 && low <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else {
              i_ = save;
            }
          }
          // A lone surrogate decodes to U+FFFD, as Go's decoder does.
          if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
          util::AppendUtf8(cp, out);
          break;
        }
        default:
          return false;
      }
    }
    return false;
  }

  ValuePtr ReadNumber() {
    size_t start = i_;
    auto digit = [&] { return i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9'; };
    Eat('-');
    if (Eat('0')) {
      if (digit()) return nullptr;
    } else {
      if (!digit()) return nullptr;
      while (digit()) ++i_;
    }
    if (Eat('.')) {
      if (!digit()) return nullptr;
      while (digit()) ++i_;
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      if (!Eat('+')) Eat('-');
      if (!digit()) return nullptr;
      while (digit()) ++i_;
    }
    return NumberText(s_.substr(start, i_ - start), loc_);
  }

  std::string_view s_;
  util::Loc loc_;
  size_t i_ = 0;
};

// Plain YAML scalars that YAML 1.1 and 1.2 read differently (yes/no,
// octal 0777, 1_000, timestamps, sexagesimal 1:20): unknown rather than a
// guess at which one Terraform's YAML library follows.
bool AmbiguousYamlScalar(std::string_view s) {
  static constexpr std::string_view kWords[] = {"y",  "Y",   "yes", "Yes", "YES", "n",
                                                "N",  "no",  "No",  "NO",  "on",  "On",
                                                "ON", "off", "Off", "OFF"};
  for (std::string_view w : kWords) {
    if (s == w) return true;
  }
  if (s.empty() || !((s[0] >= '0' && s[0] <= '9') || s[0] == '-' || s[0] == '+' || s[0] == '.')) {
    return false;
  }
  std::string_view digits = s;
  if (digits[0] == '-' || digits[0] == '+') digits.remove_prefix(1);
  if (digits.size() > 1 && digits[0] == '0' && digits[1] >= '0' && digits[1] <= '9') return true;
  if (digits.starts_with("0b")) return true;
  return s.find_first_of("_:") != std::string_view::npos ||
         (s.size() >= 5 && s[4] == '-' && s[0] >= '0' && s[0] <= '9');
}

// A map key whose text is the key Terraform uses: quoted, a plain string,
// or a plain decimal integer.
bool PlainKey(const syntax::Node& key) {
  if (!key.tag.empty()) return false;
  if (key.style != syntax::ScalarStyle::kPlain) return true;
  if (AmbiguousYamlScalar(key.scalar)) return false;
  syntax::ScalarType type = key.Type();
  if (type == syntax::ScalarType::kString) return true;
  return type == syntax::ScalarType::kInt &&
         std::all_of(key.scalar.begin(), key.scalar.end(),
                     [](char ch) { return ch >= '0' && ch <= '9'; });
}

class YamlConverter {
 public:
  YamlConverter(util::Loc loc, size_t max_elements) : loc_(loc), budget_(max_elements) {}

  // The value of `node`; nullptr with *err set when it has no exact value.
  ValuePtr Convert(const syntax::Node* node, std::string* err) {
    if (budget_ == 0) {
      *err = "the document is too large";
      return nullptr;
    }
    --budget_;
    if (!node->tag.empty()) {
      *err = "unsupported tag " + std::string(node->tag);
      return nullptr;
    }
    switch (node->kind) {
      case syntax::NodeKind::kNull:
        return Null(loc_);
      case syntax::NodeKind::kScalar:
        return Scalar(*node);
      case syntax::NodeKind::kSeq: {
        Items items;
        for (const syntax::Node* item : node->items) {
          ValuePtr v = Convert(item, err);
          if (!v) return nullptr;
          items.push_back(std::move(v));
        }
        return Tuple(std::move(items), loc_);
      }
      case syntax::NodeKind::kMap: {
        Fields fields;
        for (const syntax::MapEntry& e : node->entries) {
          if (!PlainKey(*e.key)) return nullptr;
          const syntax::Node& key = *e.key;
          ValuePtr v = Convert(e.value, err);
          if (!v) return nullptr;
          if (!fields.emplace(std::string(key.scalar), std::move(v)).second) {
            *err = "duplicate key \"" + std::string(key.scalar) + "\"";
            return nullptr;
          }
        }
        return Object(std::move(fields), loc_);
      }
    }
    return nullptr;
  }

 private:
  ValuePtr Scalar(const syntax::Node& node) {
    std::string_view s = node.scalar;
    if (node.style != syntax::ScalarStyle::kPlain) return String(std::string(s), loc_);
    if (AmbiguousYamlScalar(s)) return nullptr;
    switch (node.Type()) {
      case syntax::ScalarType::kNull:
        return Null(loc_);
      case syntax::ScalarType::kBool:
        return Bool(s[0] == 't' || s[0] == 'T', loc_);
      case syntax::ScalarType::kInt: {
        int base = s.starts_with("0x") ? 16 : s.starts_with("0o") ? 8 : 10;
        if (base == 10) return NumberValue(s);
        double n = 0;
        for (char c : s.substr(2)) n = n * base + util::HexDigitValue(c);
        if (n >= kMaxExactInt) return nullptr;
        return terraform::Number(n, loc_);
      }
      case syntax::ScalarType::kFloat:
        return NumberValue(s);
      case syntax::ScalarType::kString:
        return String(std::string(s), loc_);
    }
    return nullptr;
  }

  ValuePtr NumberValue(std::string_view s) {
    if (!s.empty() && s[0] == '+') s.remove_prefix(1);
    ValuePtr v = NumberText(s, loc_);  // .inf and .nan are unknown
    if (v->is_unknown() || std::fabs(v->number) >= kMaxExactInt) return nullptr;
    return v;
  }

  util::Loc loc_;
  size_t budget_;
};

}  // namespace

ValuePtr FnJsonencode(const Call& c) {
  const Value& v = c[0];
  if (IsJsonString(v)) {
    std::string text, quoted;
    Got got = JsonText(v, c.max_bytes(), &text);
    if (got != Got::kOk) return c.Result(got, "");
    util::AppendJsonString(text, &quoted);
    return String(std::move(quoted), c.loc());
  }
  if (v.kind == Kind::kTuple || v.kind == Kind::kObject) return Copy(v, c.loc(), true);
  std::string text;
  if (!v.wholly_known() || !ToJson(v, &text)) return c.Unknown();
  return String(std::move(text), c.loc());
}

ValuePtr FnJsondecode(const Call& c) {
  const Value& v = c[0];
  if (IsJsonString(v)) return Copy(v, c.loc(), false);
  std::string text;
  ValuePtr r;
  if (!c.Text(0, &text, &r)) return r;
  ValuePtr decoded = DecodeJson(text, c.loc());
  return decoded ? decoded : c.Fail("the argument is not valid JSON");
}

ValuePtr FnYamldecode(const Call& c) {
  std::string text;
  ValuePtr r;
  if (!c.Text(0, &text, &r)) return r;
  util::SourceFile file("<yamldecode>", std::move(text));
  util::DiagnosticSink sink;
  syntax::ParseLimits limits;
  limits.max_nodes = std::min<uint64_t>(limits.max_nodes, c.max_elements() + 1);
  std::unique_ptr<syntax::Document> doc = syntax::ParseYaml(&file, limits, &sink);
  if (!doc || sink.has_errors()) {
    std::vector<util::Diagnostic> problems = sink.Sorted();
    return c.Fail("the argument is not valid YAML" +
                  (problems.empty() ? std::string() : ": " + problems.front().message));
  }
  if (doc->roots().size() > 1) return c.Fail("the argument holds more than one YAML document");
  if (doc->roots().empty()) return Null(c.loc());
  std::string err;
  YamlConverter converter(c.loc(), c.max_elements());
  ValuePtr v = converter.Convert(doc->root(), &err);
  if (!v) return err.empty() ? c.Unknown() : c.Fail(err);
  return v;
}

}  // namespace fn

ValuePtr DecodeJson(std::string_view text, util::Loc loc) {
  return fn::JsonReader(text, loc).Document();
}

}  // namespace fnwarden::load::terraform
