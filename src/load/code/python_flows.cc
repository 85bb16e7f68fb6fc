// Taint summaries and weaknesses of a Python file (facts.h: FunctionDef::
// params, local_calls, returns and sinks; FileFacts::weaknesses), read after
// the facts pass (python_facts.cc), which hands over each def's node, the
// callee of each call and the SDK calls it found (python_internal.h).
//
// Each def's body is walked once, in source order, with the module (and
// the class bodies in it) walked first as a unit without parameters: it only
// gives weaknesses, and the names it binds, which count as constants for
// allow-lists. Nested defs are their own units; lambdas, comprehensions and
// class bodies belong to the unit they are written in. A local variable holds
// the labels its value may carry: an assignment overwrites it, except in a
// block nested inside the one that last set it (an `if` branch, a loop body),
// where it adds to it, since the branch may not run. Loops are walked once.
//
// Values are fixed-size (at most 8 labels, paths interned), so the walk does
// no heap allocation per node; recursion is bounded by kMaxDepth (statements
// and expressions together), so deeply nested code is cut, never overflowing
// the stack. What is deeper than the bound is not looked at.
#include <algorithm>
#include <cctype>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "load/code/python_internal.h"
#include "load/code/secret_names.h"
#include "util/strings.h"

namespace fnwarden::load::code::python {
namespace {

using model::CodeWeakness;
using model::TaintSink;

constexpr int kMaxDepth = 128;
constexpr size_t kMaxLabels = 8;
constexpr uint32_t kMaxSegments = 8;
constexpr size_t kMaxLocalCalls = 256;
constexpr size_t kMaxSinks = 256;
constexpr size_t kMaxWeaknessesPerKind = 256;
constexpr size_t kMinSecretLength = 8;

constexpr uint16_t Bit(TaintSink kind) {
  return static_cast<uint16_t>(1u << static_cast<int>(kind));
}

// A label as the walk carries it: the path is an id in Paths. No member
// initializers: a Value's unused slots are left unwritten (one Value a node).
struct Label {
  uint32_t index;
  uint32_t path;
  uint32_t line;  // 0 for a parameter not read yet: set where it is read
  uint32_t col;
  uint16_t cleared;
  bool call;  // kCallResult
};

// What a value is besides its labels.
enum Flag : uint16_t {
  kBuilt = 1 << 0,       // string building (+, %, f-string, .format, .join) on the way
  kHasLt = 1 << 1,       // a literal part holds '<' (HTML)
  kStackTrace = 1 << 2,  // holds a formatted traceback
  kSafeExpr = 1 << 3,    // a boto3 condition (Key(...), Attr(...)) and its methods
  kPathObject = 1 << 4,  // a pathlib.Path
  kHttpClient = 1 << 5,  // requests.Session(), httpx.Client(), urllib3.PoolManager()...
  kFastHash = 1 << 6,    // a hashlib sha2 object
  kBrokenHash = 1 << 7,  // a hashlib md5 or sha1 object
};
// The flags a value passes on to what is built from it; the others say what
// object it is, and only a name bound to it keeps them.
constexpr uint16_t kCarried = kBuilt | kHasLt | kStackTrace;

struct Value {
  std::array<Label, kMaxLabels> labels;
  uint8_t count = 0;
  uint16_t flags = 0;
  uint32_t trace_line = 0, trace_col = 0;  // kStackTrace: the traceback call

  // User-provided, so that `Value{}` leaves `labels` unwritten too.
  Value() {}

  // Adds `l` (the first 8 are kept); a label met again stays cleared only
  // for the kinds both cleared.
  void Add(const Label& l) {
    for (uint8_t i = 0; i < count; ++i) {
      Label& o = labels[i];
      if (o.call == l.call && o.index == l.index && o.path == l.path) {
        o.cleared &= l.cleared;
        return;
      }
    }
    if (count < kMaxLabels) labels[count++] = l;
  }
  void AddLabels(const Value& o) {
    for (uint8_t i = 0; i < o.count; ++i) Add(o.labels[i]);
    if (trace_line == 0 && o.trace_line != 0) {
      trace_line = o.trace_line;
      trace_col = o.trace_col;
    }
  }
  // What is built from both.
  void Merge(const Value& o) {
    AddLabels(o);
    flags |= o.flags & kCarried;
  }
  // Either of both (a name bound on two branches).
  void Join(const Value& o) {
    AddLabels(o);
    flags |= o.flags;
  }
  Value Carried() const {
    Value v = *this;
    v.flags &= kCarried;
    return v;
  }
};

// Access paths, interned: an id per (parent, segment), at most 8 segments.
class Paths {
 public:
  Paths() { nodes_.push_back({0, 0, {}}); }

  uint32_t Child(uint32_t parent, std::string_view segment) {
    if (nodes_[parent].depth >= kMaxSegments) return parent;
    key_.assign(reinterpret_cast<const char*>(&parent), sizeof parent);
    key_.append(segment);
    auto it = ids_.find(key_);
    if (it != ids_.end()) return it->second;
    auto id = static_cast<uint32_t>(nodes_.size());
    nodes_.push_back({parent, nodes_[parent].depth + 1, std::string(segment)});
    ids_.emplace(key_, id);
    return id;
  }

  // "Records[].s3.object.key": segments joined by '.', "[]" glued on.
  std::string Render(uint32_t id) const {
    std::array<uint32_t, kMaxSegments> chain{};
    size_t n = 0;
    for (; id != 0 && n < chain.size(); id = nodes_[id].parent) chain[n++] = id;
    std::string out;
    while (n > 0) {
      const std::string& s = nodes_[chain[--n]].segment;
      if (!out.empty() && s != "[]") out += '.';
      out += s;
    }
    return out;
  }

 private:
  struct Node {
    uint32_t parent;
    uint32_t depth;
    std::string segment;
  };
  std::vector<Node> nodes_;
  std::unordered_map<std::string, uint32_t> ids_;
  std::string key_;
};

bool In(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

std::string_view LastPart(std::string_view dotted) { return dotted.substr(dotted.rfind('.') + 1); }

// Top-level modules of the standard library and of well-known packages: a
// call into one is a library call (its result carries its arguments), not a
// local module's function for the joiner to follow.
bool IsLibraryModule(std::string_view module) {
  // clang-format off
  static const std::unordered_set<std::string_view> kModules = {
      "abc", "aiohttp", "argparse", "ast", "asyncio", "aws_lambda_powertools", "aws_xray_sdk",
      "base64", "bcrypt", "binascii", "boto3", "botocore", "bz2", "cPickle", "calendar", "cgi",
      "codecs", "collections", "commands", "concurrent", "contextlib", "copy", "cryptography",
      "csv", "ctypes", "dataclasses", "datetime", "dateutil", "decimal", "difflib", "dill",
      "django", "email", "enum", "fastapi", "flask", "fnmatch", "functools", "glob", "gzip",
      "hashlib", "heapq", "hmac", "html", "http", "httpx", "importlib", "inspect", "io",
      "ipaddress", "itertools", "jinja2", "jose", "json", "jsonpickle", "jwt", "logging", "lxml",
      "marshal", "markupsafe", "math", "mimetypes", "numpy", "np", "operator", "orjson", "os",
      "pandas", "pathlib", "pd", "pickle", "_pickle", "pipes", "platform", "posixpath", "pprint",
      "psycopg2", "pydantic", "pymongo", "pymysql", "pytz", "queue", "random", "re", "redis",
      "requests", "secrets", "shelve", "shlex", "shutil", "simplejson", "socket", "sqlalchemy",
      "sqlite3", "ssl", "stat", "statistics", "string", "struct", "subprocess", "sys",
      "tempfile", "textwrap", "threading", "time", "traceback", "typing", "ujson", "unicodedata",
      "urllib", "urllib2", "urllib3", "uuid", "warnings", "xml", "yaml", "zipfile", "zlib",
  };
  // clang-format on
  return kModules.count(module) != 0;
}

bool IsLogMethod(std::string_view m) {
  return In(m,
            {"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log"});
}

class Flows {
 public:
  Flows(const Tree& tree, const FlowInput& input, FileFacts* facts)
      : tree_(tree), input_(input), facts_(facts), g_(Python()) {
    // Children() keeps pointers into it: it must never grow past this.
    cursors_.reserve(kMaxDepth + 2);
  }
  ~Flows() {
    for (TSTreeCursor& c : cursors_) ts_tree_cursor_delete(&c);
  }
  Flows(const Flows&) = delete;
  Flows& operator=(const Flows&) = delete;

  void Run() {
    IndexImports();
    StartUnit(nullptr);
    WalkBlock(tree_.root(), 0);
    size_t n = std::min(input_.functions.size(), facts_->functions.size());
    for (size_t i = 0; i < n; ++i) Function(input_.functions[i], &facts_->functions[i]);
  }

 private:
  struct Var {
    Value value;
    uint32_t block = 0;  // the block that set it last, or its outermost branch
  };
  // An argument of the call being read (on args_, a stack shared by nested
  // calls): `keyword` is empty for a positional one, "**" for a splat.
  struct Arg {
    Value value;
    TSNode node;  // the value
    TSNode at;    // the keyword argument, or the value
    std::string_view keyword;
  };
  struct Span {
    size_t begin, end;
  };
  // What a returned dict literal says of an HTTP response.
  struct Response {
    Value body;
    TSNode body_node{};
    bool html = false;
  };

  std::string_view Text(TSNode node) const {
    return ts_node_is_null(node) ? std::string_view() : tree_.Text(node);
  }

  // Calls f(child, field) for each named child of `node` but comments, with
  // one cursor per depth, reused: f must only walk deeper than `depth`.
  template <typename F>
  void Children(TSNode node, int depth, F&& f) {
    if (ts_node_is_null(node) || depth < 0 || depth > kMaxDepth + 1) return;
    auto d = static_cast<size_t>(depth);
    while (cursors_.size() <= d) cursors_.push_back(ts_tree_cursor_new(node));
    TSTreeCursor* c = &cursors_[d];
    ts_tree_cursor_reset(c, node);
    if (!ts_tree_cursor_goto_first_child(c)) return;
    do {
      TSNode child = ts_tree_cursor_current_node(c);
      if (ts_node_is_named(child) && KindOf(child) != K::kComment) {
        f(child, ts_tree_cursor_current_field_id(c));
      }
    } while (ts_tree_cursor_goto_next_sibling(c));
  }

  // ---- Units -------------------------------------------------------------

  // Local name -> what it imports, dotted: `import subprocess as sp` binds
  // "sp" to "subprocess", `from shlex import quote` "quote" to "shlex.quote",
  // `from . import db` "db" to ".db".
  void IndexImports() {
    for (const Import& imp : facts_->imports) {
      if (imp.dynamic) continue;
      std::string module = std::string(imp.level, '.') + imp.specifier;
      for (const Import::Name& n : imp.names) {
        if (n.local == "*") continue;
        std::string target;
        if (!n.imported.empty()) {
          target = module + (module.empty() || module.back() == '.' ? "" : ".") + n.imported;
        } else if (imp.specifier == n.local || imp.specifier.starts_with(n.local + ".")) {
          target = n.local;
        } else {
          target = module;
        }
        imports_[n.local] = std::move(target);
      }
    }
  }

  void StartUnit(FunctionDef* fn) {
    fn_ = fn;
    vars_.clear();
    blocks_.clear();
    next_block_ = 0;
    returns_ = Value{};
  }

  void Function(const FlowInput::Function& in, FunctionDef* def) {
    StartUnit(def);
    Params(FieldOf(in.node, g_.parameters), in.method);
    WalkBlock(FieldOf(in.node, g_.body), 0);
    def->returns = Labels(returns_, 0);
  }

  // Parameters by name, `self`/`cls` of a method left out; each reads as
  // its own label. They are set by the body's block (id 1).
  void Params(TSNode params, bool method) {
    bool skip = method;
    ForEachChild(params, [&](TSNode p, TSFieldId) {
      TSNode name{};
      switch (KindOf(p)) {
        case K::kIdentifier:
          name = p;
          break;
        case K::kDefaultParameter:
        case K::kTypedDefaultParameter:
          name = FieldOf(p, g_.name);
          break;
        case K::kTypedParameter:
        case K::kListSplatPattern:
        case K::kDictionarySplatPattern:
          name = FirstNamedChild(p);
          if (KindOf(name) != K::kIdentifier) name = FirstNamedChild(name);
          break;
        default:
          return;
      }
      if (KindOf(name) != K::kIdentifier) return;
      if (skip) {
        skip = false;
        return;
      }
      Var var;
      var.value.Add(Label{static_cast<uint32_t>(fn_->params.size()), 0, 0, 0, 0, false});
      var.block = 1;
      vars_[Text(name)] = var;
      fn_->params.emplace_back(Text(name));
    });
  }

  // ---- Statements --------------------------------------------------------

  static bool IsStatement(K k) {
    switch (k) {
      case K::kBlock:
      case K::kExpressionStatement:
      case K::kReturnStatement:
      case K::kIfStatement:
      case K::kElifClause:
      case K::kElseClause:
      case K::kForStatement:
      case K::kWhileStatement:
      case K::kTryStatement:
      case K::kExceptClause:
      case K::kFinallyClause:
      case K::kWithStatement:
      case K::kFunctionDefinition:
      case K::kDecoratedDefinition:
      case K::kClassDefinition:
      case K::kImportStatement:
      case K::kImportFromStatement:
      case K::kGlobalStatement:
      case K::kNonlocalStatement:
        return true;
      default:
        return false;
    }
  }

  void WalkBlock(TSNode block, int depth) {
    if (ts_node_is_null(block) || depth > kMaxDepth) return;
    blocks_.push_back(++next_block_);
    Children(block, depth, [&](TSNode s, TSFieldId) { Statement(s, depth + 1); });
    blocks_.pop_back();
  }

  void Statement(TSNode s, int depth) {
    if (depth > kMaxDepth) return;
    switch (KindOf(s)) {
      case K::kExpressionStatement:
        Children(s, depth, [&](TSNode e, TSFieldId) { (void)Eval(e, depth + 1); });
        return;
      case K::kReturnStatement:
        Return(s, depth);
        return;
      case K::kIfStatement:
        If(s, depth);
        return;
      case K::kForStatement: {
        Value items = Eval(FieldOf(s, g_.right), depth + 1);
        Bind(FieldOf(s, g_.left), Element(items), depth + 1);
        WalkBlock(FieldOf(s, g_.body), depth + 1);
        Statement(FieldOf(s, g_.alternative), depth + 1);
        return;
      }
      case K::kBlock:
        WalkBlock(s, depth);
        return;
      case K::kClassDefinition:
        WalkBlock(FieldOf(s, g_.body), depth + 1);
        return;
      case K::kDecoratedDefinition:
        Statement(FieldOf(s, g_.definition), depth + 1);
        return;
      case K::kFunctionDefinition:  // a unit of its own
      case K::kImportStatement:
      case K::kImportFromStatement:
      case K::kGlobalStatement:
      case K::kNonlocalStatement:
        return;
      default:
        // while, try, with, else, except, raise, assert, match, errors:
        // their expressions read, their blocks walked.
        Children(s, depth, [&](TSNode c, TSFieldId) { Visit(c, depth + 1); });
        return;
    }
  }

  void Visit(TSNode n, int depth) {
    if (IsStatement(KindOf(n))) {
      Statement(n, depth);
    } else {
      (void)Eval(n, depth);
    }
  }

  void If(TSNode s, int depth) {
    TSNode cond = FieldOf(s, g_.condition);
    (void)Eval(cond, depth + 1);
    AllowList(cond, depth + 1);
    WalkBlock(FieldOf(s, g_.consequence), depth + 1);
    Children(s, depth, [&](TSNode c, TSFieldId field) {
      if (field != g_.alternative) return;
      if (KindOf(c) == K::kElifClause) {
        TSNode elif = FieldOf(c, g_.condition);
        (void)Eval(elif, depth + 1);
        AllowList(elif, depth + 1);
        WalkBlock(FieldOf(c, g_.consequence), depth + 1);
      } else {
        WalkBlock(FieldOf(c, g_.body), depth + 1);
      }
    });
  }

  void Return(TSNode s, int depth) {
    TSNode e = FirstNamedChild(s);
    if (ts_node_is_null(e)) return;
    Response response;
    Value v = KindOf(e) == K::kDictionary ? Dict(e, depth + 1, &response) : Eval(e, depth + 1);
    if (fn_ == nullptr) return;
    returns_.Merge(v);
    if (response.body.count > 0 && (response.html || (response.body.flags & kHasLt) != 0)) {
      AddSink(TaintSink::kHtml, response.body_node, "response body", &response.body);
    }
    if ((v.flags & kStackTrace) != 0 &&
        reported_traces_.insert(uint64_t{v.trace_line} << 32 | v.trace_col).second) {
      AddWeakness(CodeWeakness::kStackTrace, v.trace_line, v.trace_col,
                  "a formatted traceback in the response");
    }
  }

  // `if x in ALLOWED:`, `if x not in {'a', 'b'}: return`, `if x == 'a':`:
  // from the `if` on, x carries nothing.
  void AllowList(TSNode cond, int depth) {
    if (depth > kMaxDepth) return;
    switch (KindOf(cond)) {
      case K::kParenthesized:
      case K::kNotOperator:
        AllowList(FirstNamedChild(cond), depth + 1);
        return;
      case K::kBooleanOperator:
        AllowList(FieldOf(cond, g_.left), depth + 1);
        AllowList(FieldOf(cond, g_.right), depth + 1);
        return;
      case K::kComparisonOperator:
        break;
      default:
        return;
    }
    std::array<TSNode, 2> operands{};
    std::string op;
    size_t n = 0;
    ForEachChild(cond, [&](TSNode c, TSFieldId field) {
      if (field == g_.operators) {
        if (!op.empty()) op += ' ';
        op += Text(c);
      } else if (ts_node_is_named(c) && KindOf(c) != K::kComment) {
        if (n < operands.size()) operands[n] = c;
        ++n;
      }
    });
    if (n != 2) return;
    if ((op == "in" || op == "not in") && IsConstant(operands[1])) {
      Forget(operands[0]);
    } else if (op == "==") {
      if (IsStringLiteral(operands[1])) Forget(operands[0]);
      if (IsStringLiteral(operands[0])) Forget(operands[1]);
    }
  }

  bool IsStringLiteral(TSNode n) const {
    std::string s;
    return StringLiteral(tree_, n, &s);
  }

  static bool IsCapitals(std::string_view name) {
    bool letter = false;
    for (char c : name) {
      if (c >= 'a' && c <= 'z') return false;
      letter = letter || (c >= 'A' && c <= 'Z');
    }
    return letter;
  }

  // An allow-list: a literal collection, a name in capitals, a module-level name.
  bool IsConstant(TSNode n) const {
    switch (KindOf(n)) {
      case K::kList:
      case K::kTuple:
      case K::kSet:
      case K::kDictionary:
        return true;
      case K::kIdentifier:
        return IsCapitals(Text(n)) || module_names_.count(Text(n)) != 0;
      case K::kAttribute:
        return IsCapitals(Text(FieldOf(n, g_.attribute)));
      default:
        return false;
    }
  }

  void Forget(TSNode n) {
    if (KindOf(n) != K::kIdentifier && KindOf(n) != K::kAttribute) return;
    auto it = vars_.find(Text(n));
    if (it != vars_.end()) it->second.value.count = 0;
  }

  // ---- Names -------------------------------------------------------------

  // Whether block `b` encloses the block being walked.
  bool IsOuterBlock(uint32_t b) const {
    return blocks_.size() > 1 && std::binary_search(blocks_.begin(), blocks_.end() - 1, b);
  }

  void Assign(std::string_view name, const Value& v) {
    if (name.empty()) return;
    uint32_t block = blocks_.empty() ? 0 : blocks_.back();
    auto [it, added] = vars_.try_emplace(name);
    Var& var = it->second;
    if (added || !IsOuterBlock(var.block)) {
      var.value = v;
      var.block = block;
    } else {
      var.value.Join(v);
    }
    if (fn_ == nullptr) module_names_.insert(name);
  }

  // Binds the names of an assignment target: each name of a tuple or a
  // list gets the labels of the whole.
  void Bind(TSNode t, const Value& v, int depth) {
    if (depth > kMaxDepth) return;
    switch (KindOf(t)) {
      case K::kIdentifier:
      case K::kAttribute:
        Assign(Text(t), v);
        return;
      case K::kSubscript: {
        // `d['k'] = v`: d holds v too.
        TSNode base = FieldOf(t, g_.value);
        if (KindOf(base) != K::kIdentifier) return;
        auto it = vars_.find(Text(base));
        Value whole = it == vars_.end() ? Value{} : it->second.value;
        whole.Join(v);
        Assign(Text(base), whole);
        return;
      }
      case K::kPatternList:
      case K::kTuplePattern:
      case K::kListPattern:
      case K::kTuple:
      case K::kList:
      case K::kExpressionList:
      case K::kParenthesized:
      case K::kListSplat:
      case K::kListSplatPattern:
      case K::kAsPatternTarget:
        Children(t, depth, [&](TSNode c, TSFieldId) { Bind(c, v, depth + 1); });
        return;
      default:
        return;
    }
  }

  // A read of a name: a parameter's label gets the place it is read.
  Value Fresh(Value v, TSNode at) const {
    for (uint8_t i = 0; i < v.count; ++i) {
      if (v.labels[i].line == 0) {
        v.labels[i].line = Line(at);
        v.labels[i].col = Column(at);
      }
    }
    return v;
  }

  Value Read(TSNode n) {
    std::string_view name = Text(n);
    if (name == "CERT_NONE") {
      auto imp = imports_.find(name);
      if (imp != imports_.end() && imp->second == "ssl.CERT_NONE") TlsOff(n, "ssl.CERT_NONE");
    }
    auto it = vars_.find(name);
    return it == vars_.end() ? Value{} : Fresh(it->second.value, n);
  }

  // The dotted name `node` spells, its head resolved through the imports:
  // `sp.run` is "subprocess.run" after `import subprocess as sp`. Empty
  // when it is not a chain of names.
  std::string Canonical(TSNode node, bool* imported) const {
    *imported = false;
    std::array<std::string_view, 16> parts;
    size_t n = 0;
    while (KindOf(node) == K::kAttribute) {
      if (n == parts.size()) return {};
      parts[n++] = Text(FieldOf(node, g_.attribute));
      node = FieldOf(node, g_.object);
    }
    if (KindOf(node) != K::kIdentifier) return {};
    std::string_view head = Text(node);
    auto it = imports_.find(head);
    *imported = it != imports_.end();
    std::string out(*imported ? std::string_view(it->second) : head);
    while (n > 0) {
      out += '.';
      out += parts[--n];
    }
    return out;
  }

  // ---- Expressions -------------------------------------------------------

  Value Eval(TSNode n, int depth) {
    if (ts_node_is_null(n) || depth > kMaxDepth) return {};
    switch (KindOf(n)) {
      case K::kIdentifier:
        return Read(n);
      case K::kString:
        return String(n, depth);
      case K::kAttribute:
        return Attribute(n, depth);
      case K::kSubscript:
        return Subscript(n, depth);
      case K::kCall:
        return Call(n, depth);
      case K::kBinaryOperator:
        return Binary(n, depth);
      case K::kComparisonOperator:
        return Compare(n, depth);
      case K::kNotOperator:
        (void)Eval(FirstNamedChild(n), depth + 1);
        return {};
      case K::kConditional: {
        Value v;
        int i = 0;
        Children(n, depth, [&](TSNode c, TSFieldId) {
          Value part = Eval(c, depth + 1);
          if (i++ != 1) v.Merge(part);
        });
        return v;
      }
      case K::kNamedExpression: {
        Value v = Eval(FieldOf(n, g_.value), depth + 1);
        Bind(FieldOf(n, g_.name), v, depth + 1);
        return v;
      }
      case K::kAssignment:
        return Assignment(n, depth);
      case K::kAugmentedAssignment: {
        TSNode left = FieldOf(n, g_.left);
        Value v = Eval(left, depth + 1);
        v.Merge(Eval(FieldOf(n, g_.right), depth + 1));
        v.flags |= kBuilt;
        Bind(left, v, depth + 1);
        return v;
      }
      case K::kDictionary:
        return Dict(n, depth, nullptr);
      case K::kComprehension:
      case K::kGeneratorExpression:
        return Comprehension(n, depth);
      case K::kLambda:
        return Eval(FieldOf(n, g_.body), depth + 1);
      case K::kKeywordArgument:
        return Eval(FieldOf(n, g_.value), depth + 1);
      case K::kAsPattern: {
        // `with open(p) as f:`
        Value v = Eval(FirstNamedChild(n), depth + 1);
        Bind(FieldOf(n, g_.alias), v, depth + 1);
        return v;
      }
      case K::kInteger:
      case K::kFloat:
      case K::kTrue:
      case K::kFalse:
      case K::kNone:
        return {};
      default: {
        // Parentheses, await, containers, keyword values, splats, errors:
        // what their parts carry.
        Value v;
        Children(n, depth, [&](TSNode c, TSFieldId) {
          if (IsStatement(KindOf(c))) {
            Statement(c, depth + 1);
          } else {
            v.Merge(Eval(c, depth + 1));
          }
        });
        return v;
      }
    }
  }

  // A literal, an f-string (its substitutions), or implicitly concatenated
  // parts.
  Value String(TSNode n, int depth) {
    Value v;
    // Without an f prefix there is nothing to substitute (docstrings).
    std::string_view text = Text(n);
    std::string_view prefix = text.substr(0, std::min(text.find_first_of("'\""), text.size()));
    if (KindOf(n) == K::kString && prefix.find_first_of("fF") == std::string_view::npos) {
      if (text.find('<') != std::string_view::npos) v.flags |= kHasLt;
      return v;
    }
    Children(n, depth, [&](TSNode c, TSFieldId) {
      switch (KindOf(c)) {
        case K::kInterpolation:
          v.Merge(Eval(FieldOf(c, g_.expression), depth + 1));
          v.flags |= kBuilt;
          break;
        case K::kString:
          v.Merge(String(c, depth + 1));
          break;
        case K::kStringStart:
        case K::kStringEnd:
          break;
        default:
          if (Text(c).find('<') != std::string_view::npos) v.flags |= kHasLt;
          break;
      }
    });
    return v;
  }

  // `v[...]` below each label: a key, "[]" for an index, "*" computed. A
  // key the path syntax cannot spell (empty, or with '.', '[' or ']') is "*".
  Value Field(Value v, std::string_view segment) {
    if (segment != "[]" &&
        (segment.empty() || segment.find_first_of(".[]") != std::string_view::npos)) {
      segment = "*";
    }
    for (uint8_t i = 0; i < v.count; ++i)
      v.labels[i].path = paths_.Child(v.labels[i].path, segment);
    return v;
  }

  Value Element(const Value& v) { return Field(v, "[]"); }

  Value Attribute(TSNode n, int depth) {
    TSNode object = FieldOf(n, g_.object);
    std::string_view attr = Text(FieldOf(n, g_.attribute));
    if (attr == "CERT_NONE") {
      bool imported = false;
      if (Canonical(n, &imported) == "ssl.CERT_NONE") TlsOff(n, "ssl.CERT_NONE");
    }
    // `self.x` set in this function.
    if (KindOf(object) == K::kIdentifier) {
      auto it = vars_.find(Text(n));
      if (it != vars_.end()) return Fresh(it->second.value, n);
    }
    Value base = Eval(object, depth + 1);
    if ((base.flags & kPathObject) != 0 && attr == "name") {
      // pathlib.Path(x).name: no directory left.
      for (uint8_t i = 0; i < base.count; ++i) base.labels[i].cleared |= Bit(TaintSink::kPath);
      return base.Carried();
    }
    return Field(base, attr).Carried();
  }

  Value Subscript(TSNode n, int depth) {
    Value base = Eval(FieldOf(n, g_.value), depth + 1);
    TSNode key = FieldOf(n, g_.subscript);
    std::string literal;
    std::string_view segment = "*";
    switch (KindOf(key)) {
      case K::kInteger:
        segment = "[]";
        break;
      case K::kSlice:
        (void)Eval(key, depth + 1);
        return base.Carried();
      case K::kString:
      case K::kConcatenatedString:
        if (StringLiteral(tree_, key, &literal)) {
          segment = literal;
          break;
        }
        [[fallthrough]];
      default:
        (void)Eval(key, depth + 1);
        if (KindOf(key) != K::kIdentifier && Text(key).starts_with("-")) segment = "[]";
        break;
    }
    return Field(base, segment).Carried();
  }

  Value Binary(TSNode n, int depth) {
    Value left = Eval(FieldOf(n, g_.left), depth + 1);
    Value right = Eval(FieldOf(n, g_.right), depth + 1);
    std::string_view op = Text(FieldOf(n, g_.op));
    bool path = ((left.flags | right.flags) & kPathObject) != 0 && op == "/";
    Value v = left.Carried();
    v.Merge(right);
    if (op == "+" || op == "%") v.flags |= kBuilt;
    if (path) v.flags |= kPathObject;
    return v;
  }

  Value Assignment(TSNode n, int depth) {
    TSNode left = FieldOf(n, g_.left);
    TSNode right = FieldOf(n, g_.right);
    if (ts_node_is_null(right)) return {};
    Value v = Eval(right, depth + 1);
    Bind(left, v, depth + 1);
    BoundLiteral(left, right);
    return v;
  }

  // `API_KEY = '...'`, `ctx.check_hostname = False`, `session.verify = False`.
  void BoundLiteral(TSNode left, TSNode right) {
    std::string_view name;
    if (KindOf(left) == K::kIdentifier) name = Text(left);
    if (KindOf(left) == K::kAttribute) name = Text(FieldOf(left, g_.attribute));
    if (name.empty()) return;
    if (KindOf(right) == K::kFalse) {
      if (name == "check_hostname" || (name == "verify" && KindOf(left) == K::kAttribute)) {
        TlsOff(left, std::string(name) + " = False");
      }
      return;
    }
    Secret(left, name, right);
  }

  // A string literal of 8 bytes or more bound to a name.
  void Secret(TSNode at, std::string_view name, TSNode literal) {
    K k = KindOf(literal);
    if (name.empty() || (k != K::kString && k != K::kConcatenatedString)) return;
    std::string value;
    if (!StringLiteral(tree_, literal, &value) || value.size() < kMinSecretLength) return;
    AddWeakness(CodeWeakness::kSecret, Line(at), Column(at), std::string(name) + " = <literal>",
                std::string(name), std::move(value));
  }

  Value Dict(TSNode n, int depth, Response* response) {
    Value v;
    Children(n, depth, [&](TSNode c, TSFieldId) {
      if (KindOf(c) != K::kPair) {
        v.Merge(Eval(c, depth + 1));
        return;
      }
      TSNode key = FieldOf(c, g_.key);
      TSNode value = FieldOf(c, g_.value);
      std::string k;
      bool literal = StringLiteral(tree_, key, &k);
      if (!literal) v.Merge(Eval(key, depth + 1));
      Value item = Eval(value, depth + 1);
      if (literal) {
        Secret(key, k, value);
        if (response != nullptr && k == "body") {
          response->body = item;
          response->body_node = value;
        } else if (response != nullptr && k == "headers") {
          response->html = response->html || HtmlHeaders(value, depth + 1);
        }
      }
      v.Merge(item);
    });
    return v;
  }

  // `{"Content-Type": "text/html..."}`, the key in any case.
  bool HtmlHeaders(TSNode dict, int depth) {
    bool html = false;
    if (KindOf(dict) != K::kDictionary) return false;
    Children(dict, depth, [&](TSNode pair, TSFieldId) {
      std::string key, value;
      if (KindOf(pair) == K::kPair && StringLiteral(tree_, FieldOf(pair, g_.key), &key) &&
          util::EqualsIgnoreCase(key, "content-type") &&
          StringLiteral(tree_, FieldOf(pair, g_.value), &value) &&
          util::ToLower(value).starts_with("text/html")) {
        html = true;
      }
    });
    return html;
  }

  Value Comprehension(TSNode n, int depth) {
    Children(n, depth, [&](TSNode c, TSFieldId field) {
      if (field == g_.body) return;
      if (KindOf(c) == K::kForInClause) {
        Value items = Eval(FieldOf(c, g_.right), depth + 1);
        Bind(FieldOf(c, g_.left), Element(items), depth + 1);
      } else {
        (void)Eval(c, depth + 1);
      }
    });
    return Eval(FieldOf(n, g_.body), depth + 1);
  }

  // ---- Comparisons -------------------------------------------------------

  Value Compare(TSNode n, int depth) {
    std::array<TSNode, 8> operands{};
    std::array<std::string_view, 8> ops{};
    size_t count = 0;
    Children(n, depth, [&](TSNode c, TSFieldId) {
      (void)Eval(c, depth + 1);
      if (count < operands.size()) operands[count++] = c;
    });
    // The operators between them (`not in` is two tokens).
    size_t i = 0;
    ForEachChild(n, [&](TSNode c, TSFieldId field) {
      if (field != g_.operators) {
        if (ts_node_is_named(c) && KindOf(c) != K::kComment) ++i;
      } else if (i > 0 && i - 1 < ops.size() && ops[i - 1].empty()) {
        ops[i - 1] = Text(c);
      }
    });
    for (size_t k = 0; k + 1 < count; ++k) {
      if (ops[k] != "==" && ops[k] != "!=") continue;
      if ((NamesSecretValue(operands[k]) && !IsTrivial(operands[k + 1])) ||
          (NamesSecretValue(operands[k + 1]) && !IsTrivial(operands[k]))) {
        AddWeakness(CodeWeakness::kTimingCompare, Line(n), Column(n), ShortCode(Text(n)));
        break;
      }
    }
    return {};
  }

  // The name a value is read under: a name, an attribute, a key (`d['k']`,
  // `d.get('k')`), the function that computes it.
  std::string_view NameOf(TSNode n, int depth = 0) const {
    if (depth > kMaxDepth) return {};
    switch (KindOf(n)) {
      case K::kIdentifier:
        return Text(n);
      case K::kAttribute:
        return Text(FieldOf(n, g_.attribute));
      case K::kSubscript: {
        TSNode key = FieldOf(n, g_.subscript);
        if (KindOf(key) == K::kString) return StringContent(key);
        return NameOf(FieldOf(n, g_.value), depth + 1);
      }
      case K::kCall: {
        TSNode fn = FieldOf(n, g_.function);
        std::string_view name = NameOf(fn, depth + 1);
        if (name == "get") {
          TSNode first = FirstNamedChild(FieldOf(n, g_.arguments));
          if (KindOf(first) == K::kString) return StringContent(first);
        }
        if (In(name, {"len", "type", "int", "str", "bool"})) return {};
        return name;
      }
      default:
        return {};
    }
  }

  // A string literal's text between its quotes (escapes left as written).
  std::string_view StringContent(TSNode s) const {
    std::string_view text = Text(s);
    size_t open = text.find_first_of("'\"");
    size_t close = text.find_last_of("'\"");
    if (open == std::string_view::npos || close <= open) return {};
    return text.substr(open + 1, close - open - 1);
  }

  bool NamesSecretValue(TSNode n) {
    std::string_view name = NameOf(n);
    if (name.empty()) return false;
    NameWords(name, &words_);
    return NamesComparedSecret(words_);
  }

  // None, a number, a boolean, a short string, a length or a type.
  bool IsTrivial(TSNode n) const {
    switch (KindOf(n)) {
      case K::kNone:
      case K::kInteger:
      case K::kFloat:
      case K::kTrue:
      case K::kFalse:
        return true;
      case K::kString:
      case K::kConcatenatedString: {
        // A short literal, or a word such as a step or state name
        // ("createSecret"): not a secret's value.
        std::string s;
        if (!StringLiteral(tree_, n, &s)) return false;
        return s.size() < kMinSecretLength ||
               std::all_of(s.begin(), s.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == ' '; });
      }
      case K::kCall: {
        std::string_view fn = Text(FieldOf(n, g_.function));
        return fn == "len" || fn == "type";
      }
      default:
        return Text(n).starts_with("-");
    }
  }

  // ---- Calls -------------------------------------------------------------

  Value Call(TSNode n, int depth) {
    TSNode fn = FieldOf(n, g_.function);
    Value receiver;
    std::string_view member;
    if (KindOf(fn) == K::kAttribute) {
      receiver = Eval(FieldOf(fn, g_.object), depth + 1);
      member = Text(FieldOf(fn, g_.attribute));
    } else if (KindOf(fn) != K::kIdentifier) {
      receiver = Eval(fn, depth + 1);
    }
    bool imported = false;
    std::string name = Canonical(fn, &imported);
    Span a = Arguments(FieldOf(n, g_.arguments), depth + 1);
    Value v = Apply(n, fn, name, imported, member, receiver, a);
    args_.resize(a.begin);
    return v;
  }

  Span Arguments(TSNode list, int depth) {
    Span a{args_.size(), args_.size()};
    auto push = [&](Value v, TSNode node, TSNode at, std::string_view keyword) {
      args_.push_back(Arg{std::move(v), node, at, keyword});
    };
    if (KindOf(list) == K::kGeneratorExpression) {
      push(Eval(list, depth + 1), list, list, {});
    } else {
      Children(list, depth, [&](TSNode c, TSFieldId) {
        switch (KindOf(c)) {
          case K::kKeywordArgument: {
            TSNode value = FieldOf(c, g_.value);
            push(Eval(value, depth + 1), value, c, Text(FieldOf(c, g_.name)));
            break;
          }
          case K::kDictionarySplat:
            push(Eval(c, depth + 1), c, c, "**");
            break;
          default:
            push(Eval(c, depth + 1), c, c, {});
            break;
        }
      });
    }
    a.end = args_.size();
    return a;
  }

  const Arg* Positional(Span a, size_t index) const {
    for (size_t i = a.begin; i < a.end; ++i) {
      if (args_[i].keyword.empty() && index-- == 0) return &args_[i];
    }
    return nullptr;
  }

  const Arg* Keyword(Span a, std::string_view name) const {
    for (size_t i = a.begin; i < a.end; ++i) {
      if (args_[i].keyword == name) return &args_[i];
    }
    return nullptr;
  }

  // The argument at `index` or named `keyword`.
  const Value* ArgValue(Span a, size_t index, std::string_view keyword) const {
    const Arg* arg = Positional(a, index);
    if (arg == nullptr && !keyword.empty()) arg = Keyword(a, keyword);
    return arg == nullptr ? nullptr : &arg->value;
  }

  Value AllArgs(Span a) const {
    Value v;
    for (size_t i = a.begin; i < a.end; ++i) v.Merge(args_[i].value);
    return v;
  }

  Value Apply(TSNode call, TSNode fn, const std::string& name, bool imported,
              std::string_view member, const Value& receiver, Span a) {
    bool log = IsLog(fn, name, imported, member);
    CallWeaknesses(call, name, member, receiver, a, log);
    auto callee = input_.callees.find(CallKey(call));
    bool local = callee != input_.callees.end() &&
                 (!imported || !IsLibraryModule(name.substr(0, name.find('.'))));
    if (local && fn_ != nullptr && fn_->local_calls.size() < kMaxLocalCalls) {
      return LocalCallOf(call, callee->second, a);
    }
    // Through a dispatch table: a call of each function it may reach.
    if (auto targets = input_.dispatch.find(CallKey(call));
        targets != input_.dispatch.end() && fn_ != nullptr) {
      Value v;
      for (const std::string& target : targets->second) {
        if (fn_->local_calls.size() >= kMaxLocalCalls) break;
        v.Merge(LocalCallOf(call, target, a));
      }
      return v;
    }
    if (!local && fn_ != nullptr) Sinks(call, fn, name, imported, member, receiver, a, log);
    return Result(call, name, imported, member, receiver, a);
  }

  Value LocalCallOf(TSNode call, const std::string& callee, Span a) {
    LocalCall lc;
    lc.callee = callee;
    lc.line = Line(call);
    lc.col = Column(call);
    for (bool keywords : {false, true}) {
      for (size_t i = a.begin; i < a.end; ++i) {
        if (args_[i].keyword.empty() != keywords) lc.args.push_back(Labels(args_[i].value, 0));
      }
    }
    auto index = static_cast<uint32_t>(fn_->local_calls.size());
    fn_->local_calls.push_back(std::move(lc));
    Value v;
    v.Add(Label{index, 0, Line(call), Column(call), 0, true});
    return v;
  }

  // print(), logging.info(), logger.error(), self.log.debug(): an object
  // whose name holds "log".
  bool IsLog(TSNode fn, const std::string& name, bool imported, std::string_view member) const {
    if (!imported && name == "print") return true;
    if (member.empty() || !IsLogMethod(member)) return false;
    if (name.starts_with("logging.")) return true;
    TSNode object = FieldOf(fn, g_.object);
    std::string_view object_name =
        KindOf(object) == K::kAttribute ? Text(FieldOf(object, g_.attribute)) : Text(object);
    if (KindOf(object) == K::kCall) object_name = Text(FieldOf(object, g_.function));
    return util::ContainsIgnoreCase(object_name, "log");
  }

  // The value returned by a library call.
  Value Result(TSNode call, const std::string& name, bool imported, std::string_view member,
               const Value& receiver, Span a) {
    Value v;
    // Numbers, booleans, identifiers, digests, conditions: no payload.
    if (!imported && In(name, {"int", "float", "bool", "len", "isinstance", "issubclass", "hash",
                               "id", "type", "callable", "hasattr"})) {
      return v;
    }
    if (In(name, {"decimal.Decimal"}) || name.starts_with("uuid.") || name.starts_with("hmac.") ||
        name.starts_with("secrets.")) {
      return v;
    }
    if (name.ends_with("conditions.Key") || name.ends_with("conditions.Attr") ||
        (receiver.flags & kSafeExpr) != 0) {
      v.flags = kSafeExpr;
      return v;
    }
    if (name.starts_with("hashlib.")) {
      v.flags = HashKind(name, a);
      return v;
    }
    if (In(member, {"startswith", "endswith", "count", "index", "find", "rfind", "isdigit",
                    "isalpha", "isalnum", "isnumeric", "isdecimal", "isspace", "islower", "isupper",
                    "hexdigest", "digest"})) {
      return v;
    }
    if (uint16_t bits = Clears(name)) {
      if (const Value* x = ArgValue(a, 0, {})) v = x->Carried();
      for (uint8_t i = 0; i < v.count; ++i) v.labels[i].cleared |= bits;
      return v;
    }
    if (In(name, {"traceback.format_exc", "traceback.format_exception", "traceback.format_tb",
                  "traceback.format_stack"})) {
      v.flags = kStackTrace;
      v.trace_line = Line(call);
      v.trace_col = Column(call);
      return v;
    }
    if (In(name,
           {"requests.Session", "requests.session", "requests.sessions.Session", "httpx.Client",
            "httpx.AsyncClient", "urllib3.PoolManager", "aiohttp.ClientSession"})) {
      v.flags = kHttpClient;
      return v;
    }
    // `body.get('url')`: a field of it.
    if (member == "get" && receiver.count > 0) {
      const Arg* key = Positional(a, 0);
      std::string literal;
      bool known = key != nullptr && StringLiteral(tree_, key->node, &literal);
      v = Field(receiver, known ? std::string_view(literal) : "*").Carried();
      if (const Value* fallback = ArgValue(a, 1, "default")) v.Merge(*fallback);
      return v;
    }
    // `key.replace('/', '')`: no separator is left to climb folders with.
    if (member == "replace" && receiver.count > 0) {
      const Arg* from = Positional(a, 0);
      const Arg* to = Positional(a, 1);
      std::string old_text, new_text;
      if (from != nullptr && to != nullptr && StringLiteral(tree_, from->node, &old_text) &&
          StringLiteral(tree_, to->node, &new_text) && old_text == "/" &&
          new_text.find('/') == std::string::npos) {
        v = receiver.Carried();
        for (uint8_t i = 0; i < v.count; ++i) v.labels[i].cleared |= Bit(TaintSink::kPath);
        return v;
      }
    }
    v = receiver.Carried();
    v.Merge(AllArgs(a));
    if (In(member, {"format", "join"})) v.flags |= kBuilt;
    if (In(name, {"pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath"}) ||
        ((receiver.flags & kPathObject) != 0 &&
         In(member,
            {"joinpath", "resolve", "absolute", "with_name", "with_suffix", "expanduser"}))) {
      v.flags |= kPathObject;
    }
    return v;
  }

  // The sink kinds a sanitizer makes its result safe for.
  static uint16_t Clears(const std::string& name) {
    if (In(name, {"shlex.quote", "pipes.quote"})) return Bit(TaintSink::kCommand);
    if (In(name, {"html.escape", "markupsafe.escape", "cgi.escape", "flask.escape",
                  "markupsafe.Markup.escape"})) {
      return Bit(TaintSink::kHtml);
    }
    if (In(name, {"os.path.basename", "posixpath.basename", "ntpath.basename"})) {
      return Bit(TaintSink::kPath);
    }
    if (In(name, {"urllib.parse.quote", "urllib.parse.quote_plus"})) {
      return Bit(TaintSink::kUrl) | Bit(TaintSink::kPath);
    }
    return 0;
  }

  // kFastHash or kBrokenHash for hashlib's constructors.
  uint16_t HashKind(const std::string& name, Span a) const {
    std::string_view algo = LastPart(name);
    std::string literal;
    if (algo == "new") {
      const Arg* first = Positional(a, 0);
      if (first == nullptr) first = Keyword(a, "name");
      if (first == nullptr || !StringLiteral(tree_, first->node, &literal)) return 0;
      literal = util::ToLower(literal);
      algo = literal;
    }
    if (algo == "md5" || algo == "sha1") return kBrokenHash;
    if (In(algo, {"sha224", "sha256", "sha384", "sha512", "sha3_256", "sha3_512"}))
      return kFastHash;
    return 0;
  }

  // ---- Sinks -------------------------------------------------------------

  void AddSink(TaintSink kind, TSNode at, std::string_view what, const Value* v) {
    if (fn_ == nullptr || v == nullptr || fn_->sinks.size() >= kMaxSinks) return;
    std::vector<TaintLabel> labels = Labels(*v, Bit(kind));
    if (labels.empty() || what.empty()) return;
    Sink s;
    s.kind = kind;
    s.what = ShortCode(what);
    s.line = Line(at);
    s.col = Column(at);
    s.labels = std::move(labels);
    fn_->sinks.push_back(std::move(s));
  }

  void Sinks(TSNode call, TSNode fn, const std::string& name, bool imported,
             std::string_view member, const Value& receiver, Span a, bool log) {
    std::string_view what = Text(fn);
    auto sink = [&](TaintSink kind, const Value* v) { AddSink(kind, call, what, v); };
    if (log) {
      Value all = AllArgs(a);
      sink(TaintSink::kLog, &all);
      return;
    }
    if (In(name, {"os.system", "os.popen", "commands.getoutput", "commands.getstatusoutput",
                  "subprocess.getoutput", "subprocess.getstatusoutput"})) {
      return sink(TaintSink::kCommand, ArgValue(a, 0, "command"));
    }
    if (In(name, {"subprocess.run", "subprocess.call", "subprocess.check_call",
                  "subprocess.check_output", "subprocess.Popen"})) {
      const Arg* shell = Keyword(a, "shell");
      if (shell != nullptr && KindOf(shell->node) == K::kTrue) {
        sink(TaintSink::kCommand, ArgValue(a, 0, "args"));
      }
      return;
    }
    if (!imported && In(name, {"eval", "exec", "compile"})) {
      return sink(TaintSink::kCode, ArgValue(a, 0, "source"));
    }
    if (Deserializes(name, a)) return sink(TaintSink::kDeserialize, ArgValue(a, 0, {}));
    if ((!imported && name == "open") ||
        In(name, {"io.open", "codecs.open", "os.open", "os.remove", "os.unlink", "os.rmdir",
                  "os.makedirs", "os.mkdir", "os.listdir", "os.scandir", "flask.send_file",
                  "send_file"})) {
      return sink(TaintSink::kPath, ArgValue(a, 0, "file"));
    }
    if (name.starts_with("shutil.")) {
      Value positional;
      for (size_t i = 0; const Arg* arg = Positional(a, i); ++i) positional.Merge(arg->value);
      return sink(TaintSink::kPath, &positional);
    }
    if ((receiver.flags & kPathObject) != 0 &&
        In(member, {"read_text", "write_text", "read_bytes", "write_bytes", "open", "unlink"})) {
      return sink(TaintSink::kPath, &receiver);
    }
    if (Fetches(name, member, receiver)) {
      bool method_first = member == "request" || member == "urlopen";
      return sink(TaintSink::kUrl, ArgValue(a, method_first ? 1 : 0, "url"));
    }
    if (In(name,
           {"urllib.request.urlopen", "urllib.request.Request", "urllib2.urlopen",
            "urllib2.Request", "http.client.HTTPConnection", "http.client.HTTPSConnection"})) {
      return sink(TaintSink::kUrl,
                  ArgValue(a, 0, In(LastPart(name), {"urlopen", "Request"}) ? "url" : "host"));
    }
    if (In(name, {"sqlalchemy.text", "sqlalchemy.sql.text", "pandas.read_sql",
                  "pandas.read_sql_query"})) {
      return sink(TaintSink::kSql, ArgValue(a, 0, "sql"));
    }
    auto sdk = input_.sdk_calls.find(CallKey(call));
    if (sdk != input_.sdk_calls.end()) {
      SdkSinks(call, facts_->calls[sdk->second], member, a);
    } else if (In(member, {"execute", "executemany", "executescript"})) {
      sink(TaintSink::kSql, ArgValue(a, 0, {}));
    }
  }

  bool Deserializes(const std::string& name, Span a) const {
    if (In(name,
           {"pickle.loads", "pickle.load", "cPickle.loads", "cPickle.load", "_pickle.loads",
            "_pickle.load", "marshal.loads", "marshal.load", "dill.loads", "dill.load",
            "jsonpickle.decode", "yaml.unsafe_load", "yaml.unsafe_load_all", "shelve.open"})) {
      return true;
    }
    if (name != "yaml.load" && name != "yaml.load_all") return false;
    const Arg* loader = Keyword(a, "Loader");
    if (loader == nullptr) loader = Positional(a, 1);
    if (loader == nullptr) return true;
    bool imported = false;
    std::string l = Canonical(loader->node, &imported);
    return !In(l, {"SafeLoader", "CSafeLoader", "yaml.SafeLoader", "yaml.CSafeLoader"});
  }

  // requests.get(url), httpx.post(url), session.get(url),
  // requests.request(method, url), pool.request(method, url).
  static bool Fetches(const std::string& name, std::string_view member, const Value& receiver) {
    auto verb = [](std::string_view m) {
      return In(m, {"get", "post", "put", "delete", "patch", "head", "options", "request"});
    };
    if (name.starts_with("requests.") || name.starts_with("httpx.")) {
      return name.find('.', name.find('.') + 1) == std::string::npos && verb(LastPart(name));
    }
    return (receiver.flags & kHttpClient) != 0 && (verb(member) || member == "urlopen");
  }

  // What reaches a DynamoDB expression or statement, and the file a
  // transfer writes.
  void SdkSinks(TSNode call, const SdkCall& sdk, std::string_view member, Span a) {
    if (sdk.service == "dynamodb") {
      Value expressions;
      for (std::string_view k :
           {"KeyConditionExpression", "FilterExpression", "ConditionExpression", "UpdateExpression",
            "ProjectionExpression", "Statement"}) {
        if (const Arg* arg = Keyword(a, k)) expressions.Merge(arg->value);
      }
      AddSink(TaintSink::kNoSql, call, member, &expressions);
    }
    if (member == "download_file") {
      // client(Bucket, Key, Filename), Bucket(Key, Filename), Object(Filename).
      size_t slot = sdk.operation.starts_with("Object.")   ? 0
                    : sdk.operation.starts_with("Bucket.") ? 1
                                                           : 2;
      AddSink(TaintSink::kPath, call, Text(FieldOf(call, g_.function)),
              ArgValue(a, slot, "Filename"));
    }
  }

  // ---- Weaknesses --------------------------------------------------------

  void AddWeakness(CodeWeakness kind, uint32_t line, uint32_t col, std::string detail,
                   std::string name = {}, std::string value = {}) {
    size_t& count = weakness_counts_[static_cast<size_t>(kind)];
    if (count >= kMaxWeaknessesPerKind || detail.empty()) return;
    ++count;
    Weakness w;
    w.kind = kind;
    w.line = line;
    w.col = col;
    w.in_function = fn_ == nullptr ? std::string() : fn_->name;
    w.detail = std::move(detail);
    w.name = std::move(name);
    w.value = std::move(value);
    facts_->weaknesses.push_back(std::move(w));
  }

  void TlsOff(TSNode at, std::string detail) {
    AddWeakness(CodeWeakness::kTlsOff, Line(at), Column(at), std::move(detail));
  }

  void CallWeaknesses(TSNode call, const std::string& name, std::string_view member,
                      const Value& receiver, Span a, bool log) {
    bool jwt = name == "jwt.decode" || name.ends_with(".jwt.decode");
    for (size_t i = a.begin; i < a.end; ++i) {
      const Arg& arg = args_[i];
      if (arg.keyword.empty() || arg.keyword == "**") continue;
      if (KindOf(arg.node) == K::kFalse &&
          (arg.keyword == "verify" || arg.keyword == "check_hostname")) {
        if (jwt) {
          AddWeakness(CodeWeakness::kJwtNoVerify, Line(arg.at), Column(arg.at),
                      "jwt.decode(..., verify=False)");
        } else {
          TlsOff(arg.at, std::string(arg.keyword) + "=False");
        }
      }
      if (jwt && arg.keyword == "options" && DisablesSignature(arg.node)) {
        AddWeakness(CodeWeakness::kJwtNoVerify, Line(arg.at), Column(arg.at),
                    "jwt.decode(..., verify_signature=False)");
      }
      if (jwt && arg.keyword == "algorithms" && AllowsNone(arg.node)) {
        AddWeakness(CodeWeakness::kJwtNoVerify, Line(arg.at), Column(arg.at),
                    "jwt.decode(..., algorithms=['none'])");
      }
      Secret(arg.at, arg.keyword, arg.node);
    }
    if (name == "ssl._create_unverified_context") TlsOff(call, "ssl._create_unverified_context()");
    uint16_t hash = 0;
    const Arg* data = nullptr;
    if (name.starts_with("hashlib.")) {
      hash = HashKind(name, a);
      data = LastPart(name) == "new" ? Positional(a, 1) : Positional(a, 0);
      if (data == nullptr) data = Keyword(a, "data");
      if (data == nullptr) data = Keyword(a, "string");
    } else if (member == "update") {
      hash = receiver.flags & (kFastHash | kBrokenHash);
      data = Positional(a, 0);
    }
    if (hash != 0 && data != nullptr) {
      NameWords(Text(data->node), &words_);
      if (NamesPassword(words_) ||
          ((hash & kBrokenHash) != 0 && HasWord(words_, {"token", "secret", "otp"}))) {
        AddWeakness(CodeWeakness::kWeakHash, Line(call), Column(call), ShortCode(Text(call)));
      }
    }
    if (log) LoggedSecret(call, a);
  }

  // `options={"verify_signature": False}`.
  bool DisablesSignature(TSNode options) const {
    bool off = false;
    ForEachChild(options, [&](TSNode pair, TSFieldId) {
      std::string key;
      off = off || (KindOf(pair) == K::kPair && StringLiteral(tree_, FieldOf(pair, g_.key), &key) &&
                    key == "verify_signature" && KindOf(FieldOf(pair, g_.value)) == K::kFalse);
    });
    return off;
  }

  // `algorithms=['HS256', 'none']`.
  bool AllowsNone(TSNode list) const {
    bool none = false;
    ForEachChild(list, [&](TSNode item, TSFieldId) {
      std::string s;
      none = none || (StringLiteral(tree_, item, &s) && util::EqualsIgnoreCase(s, "none"));
    });
    return none;
  }

  // A log call given a secret-named value, directly or in an f-string.
  void LoggedSecret(TSNode call, Span a) {
    auto secret = [&](TSNode n) {
      std::string_view name = NameOf(n);
      if (name.empty()) return false;
      NameWords(name, &words_);
      return NamesLoggedSecret(words_);
    };
    for (size_t i = a.begin; i < a.end; ++i) {
      TSNode n = args_[i].node;
      bool found = secret(n);
      if (!found && KindOf(n) == K::kString) {
        ForEachChild(n, [&](TSNode c, TSFieldId) {
          found = found || (KindOf(c) == K::kInterpolation && secret(FieldOf(c, g_.expression)));
        });
      }
      if (found) {
        AddWeakness(CodeWeakness::kLogsSecret, Line(call), Column(call), ShortCode(Text(call)));
        return;
      }
    }
  }

  // ---- Output ------------------------------------------------------------

  // The labels of `v`, those cleared for a kind of `kinds` left out.
  std::vector<TaintLabel> Labels(const Value& v, uint16_t kinds) const {
    std::vector<TaintLabel> out;
    for (uint8_t i = 0; i < v.count; ++i) {
      const Label& l = v.labels[i];
      if ((l.cleared & kinds) != 0) continue;
      TaintLabel t;
      t.kind = l.call ? TaintLabel::Kind::kCallResult : TaintLabel::Kind::kParam;
      t.index = l.index;
      t.path = paths_.Render(l.path);
      t.line = l.line;
      t.col = l.col;
      t.cleared = l.cleared;
      out.push_back(std::move(t));
    }
    return out;
  }

  const Tree& tree_;
  const FlowInput& input_;
  FileFacts* facts_;
  const Grammar& g_;
  std::unordered_map<std::string_view, std::string> imports_;
  std::unordered_set<std::string_view> module_names_;
  FunctionDef* fn_ = nullptr;  // the def being walked; null for the module
  std::unordered_map<std::string_view, Var> vars_;
  std::vector<uint32_t> blocks_;  // the blocks being walked, outermost first
  uint32_t next_block_ = 0;
  Value returns_;
  std::vector<Arg> args_;
  Paths paths_;
  std::vector<TSTreeCursor> cursors_;
  std::vector<std::string> words_;
  std::array<size_t, 7> weakness_counts_{};
  std::unordered_set<uint64_t> reported_traces_;
};

}  // namespace

void ExtractFlows(const Tree& tree, const FlowInput& input, FileFacts* facts) {
  Flows(tree, input, facts).Run();
}

}  // namespace fnwarden::load::code::python
