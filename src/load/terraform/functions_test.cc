#include "load/terraform/functions.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "load/terraform/value.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::load::terraform {
namespace {

const util::SourceFile& File() {
  static const util::SourceFile file("main.tf", "line 1\nline 2\nline 3\nline 4\nline 5\n");
  return file;
}
util::Loc L(uint32_t line = 1) { return {&File(), line, 3}; }

ValuePtr S(std::string s) { return String(std::move(s), L(2)); }
ValuePtr N(double n) { return Number(n, L(2)); }
ValuePtr B(bool b) { return Bool(b, L(2)); }
ValuePtr Nil() { return Null(L(2)); }
ValuePtr T(std::vector<ValuePtr> items) { return Tuple(std::move(items), L(2)); }
ValuePtr O(std::map<std::string, ValuePtr> fields) { return Object(std::move(fields), L(2)); }
ValuePtr U(std::string shown) { return Unknown(std::move(shown), L(2)); }
ValuePtr Json(ValuePtr v) {
  auto copy = std::make_shared<Value>(*v);
  copy->json = true;
  return copy;
}
StrPart Text(std::string t) { return {StrPart::Type::kText, std::move(t), {}}; }
StrPart RefPart(std::string address, std::string attribute) {
  return {StrPart::Type::kRef, "", {std::move(address), std::move(attribute)}};
}
// aws_s3_bucket.b.arn
ValuePtr Arn() { return Reference({"aws_s3_bucket.b", "arn"}, L(2)); }
// "arn:aws:iam::${aws_caller.me.account_id}:root"
ValuePtr AccountArn() {
  return StringParts({Text("arn:aws:iam::"), RefPart("aws_caller.me", "account_id"), Text(":root")},
                     L(2));
}

class TerraformFunctions : public ::testing::Test {
 protected:
  TerraformFunctions() { ctx_.diags = diags_.get(); }

  ValuePtr Eval(std::string_view name, std::vector<ValuePtr> args) {
    return CallFunction(name, args, L(1), ctx_);
  }
  // Show() of the call's value.
  std::string Call(std::string_view name, std::vector<ValuePtr> args) {
    return Show(*Eval(name, std::move(args)));
  }
  // The diagnostics so far, then forgets them.
  std::vector<std::string> TakeDiags() {
    std::vector<std::string> out;
    for (const util::Diagnostic& d : diags_->Sorted()) {
      EXPECT_EQ(d.level, util::DiagLevel::kWarning);
      EXPECT_EQ(d.loc.line, 1u);
      out.push_back(d.message);
    }
    diags_ = std::make_unique<util::DiagnosticSink>();
    ctx_.diags = diags_.get();
    return out;
  }
  // Closed world: every diagnostic is expected by the test.
  void TearDown() override {
    for (const util::Diagnostic& d : diags_->Sorted()) ADD_FAILURE() << "unexpected: " << d.message;
  }

  FunctionContext ctx_;
  std::unique_ptr<util::DiagnosticSink> diags_ = std::make_unique<util::DiagnosticSink>();
};

struct Case {
  std::string_view name;
  std::vector<ValuePtr> args;
  std::string want;
};

// Runs cases that must give `want` without any diagnostic.
#define EXPECT_CASES(...)                                \
  for (const Case& c : std::vector<Case>{__VA_ARGS__}) { \
    SCOPED_TRACE(std::string(c.name) + " -> " + c.want); \
    EXPECT_EQ(Call(c.name, c.args), c.want);             \
    std::vector<std::string> diags = TakeDiags();        \
    EXPECT_TRUE(diags.empty()) << diags.front();         \
  }

// Runs cases that Terraform rejects: unknown, with one diagnostic.
#define EXPECT_FAILS(...)                                                           \
  for (const Case& c : std::vector<Case>{__VA_ARGS__}) {                            \
    SCOPED_TRACE(std::string(c.name));                                              \
    EXPECT_EQ(Call(c.name, c.args), "(unknown: " + std::string(c.name) + "(...))"); \
    std::vector<std::string> diags = TakeDiags();                                   \
    ASSERT_EQ(diags.size(), 1u);                                                    \
    EXPECT_EQ(diags[0], c.want);                                                    \
  }

TEST_F(TerraformFunctions, Json) {
  EXPECT_CASES({"jsonencode", {O({{"a", N(1)}})}, "json{a = 1}"},
               {"jsonencode", {T({S("x"), B(true)})}, "json[\"x\", true]"},
               {"jsonencode", {S("x")}, R"(""x"")"}, {"jsonencode", {Nil()}, R"("null")"},
               {"jsonencode", {N(1.5)}, R"("1.5")"},
               // A jsonencode result is a string: encoding it again quotes it.
               {"jsonencode", {Json(O({{"a", N(1)}}))}, R"(""{\"a\":1}"")"},
               // Unknowns inside stay structured; a string that is not known is not.
               {"jsonencode", {O({{"a", U("var.x")}})}, "json{a = (unknown: var.x)}"},
               {"jsonencode", {Arn()}, "(unknown: jsonencode(...))"},
               {"jsondecode", {Json(O({{"a", N(1)}}))}, "{a = 1}"},
               {"jsondecode",
                {S(R"({"b": [1, true, null, "x", -0.5e1], "a": {}})")},
                R"({a = {}, b = [1, true, null, "x", -5]})"},
               {"jsondecode", {S(R"("\u00e9\ud83d\ude00\n")")}, "\"\xc3\xa9\xf0\x9f\x98\x80\n\""},
               {"jsondecode", {Arn()}, "(unknown: jsondecode(...))"});
  EXPECT_FAILS(
      {"jsondecode", {S("{")}, "jsondecode(): the argument is not valid JSON"},
      {"jsondecode", {S(R"({"a":1,"a":2})")}, "jsondecode(): the argument is not valid JSON"},
      {"jsondecode", {T({})}, "jsondecode(): argument 1 must be a string"});
}

TEST(TerraformFunctionsJson, DecodeJson) {
  EXPECT_EQ(Show(*DecodeJson(" [1.5e2, -0, \"\\/\"] ", L())), R"([150, 0, "/"])");
  EXPECT_EQ(DecodeJson(" [1.5e2] ", L(4))->items[0]->loc.line, 4u);
  for (std::string_view bad :
       {"", "01", "[1,]", "1 2", "{a:1}", "\"\x01\"", "tru", "1.", "-", "[\"\\x\"]", "\"\xff\""}) {
    EXPECT_EQ(DecodeJson(bad, L()), nullptr) << bad;
  }
  EXPECT_EQ(DecodeJson(std::string(300, '[') + std::string(300, ']'), L()), nullptr);
  EXPECT_NE(DecodeJson(std::string(200, '[') + std::string(200, ']'), L()), nullptr);
}

TEST_F(TerraformFunctions, Yamldecode) {
  EXPECT_CASES({"yamldecode",
                {S("a: 1\nb: [x, \"y\", true, ~, 1.5, 0x1F, -3]\nc:\n  d: |\n    text\n")},
                R"({a = 1, b = ["x", "y", true, null, 1.5, 31, -3], c = {d = "text
"}})"},
               {"yamldecode", {S("")}, "null"},
               {"yamldecode", {S("- 1\n- two\n")}, R"([1, "two"])"},
               // YAML 1.1 and 1.2 disagree on these: not guessed.
               {"yamldecode", {S("a: yes\n")}, "(unknown: yamldecode(...))"},
               {"yamldecode", {S("a: 0777\n")}, "(unknown: yamldecode(...))"},
               {"yamldecode", {S("a: 2001-12-14\n")}, "(unknown: yamldecode(...))"},
               {"yamldecode", {S("a: .inf\n")}, "(unknown: yamldecode(...))"},
               {"yamldecode", {Arn()}, "(unknown: yamldecode(...))"});
  EXPECT_FAILS({"yamldecode", {S("a: !Ref x\n")}, "yamldecode(): unsupported tag !Ref"},
               {"yamldecode",
                {S("a: 1\n---\nb: 2\n")},
                "yamldecode(): the argument holds more than one YAML document"});
  EXPECT_EQ(Call("yamldecode", {S("a: [")}), "(unknown: yamldecode(...))");
  std::vector<std::string> diags = TakeDiags();
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_TRUE(diags[0].starts_with("yamldecode(): the argument is not valid YAML: ")) << diags[0];
}

TEST_F(TerraformFunctions, Format) {
  EXPECT_CASES(
      {"format", {S("Hello, %s!"), S("Ander")}, R"("Hello, Ander!")"},
      {"format", {S("There are %d lights"), N(4)}, R"("There are 4 lights")"},
      {"format", {S("%s/*"), Arn()}, R"("${aws_s3_bucket.b.arn}/*")"},
      {"format",
       {S("%v:%s"), AccountArn(), N(2)},
       R"("arn:aws:iam::${aws_caller.me.account_id}:root:2")"},
      {"format", {S("%5s|%-5s|%.2s|"), S("ab"), S("cd"), S("xyz")}, R"("   ab|cd   |xy|")"},
      {"format",
       {S("%03d %+d %x %X %o %b %d"), N(7), N(5), N(255), N(255), N(8), N(5), S("-3")},
       R"("007 +5 ff FF 10 101 -3")"},
      {"format",
       {S("%.2f %e %5.1f"), N(3.14159), N(1234.5678), N(2)},
       R"("3.14 1.234568e+03   2.0")"},
      {"format",
       {S("%q %v %v %% %t %v"), S("a\"b"), T({N(1), S("x")}), B(true), B(false), Nil()},
       R"(""a\"b" [1,"x"] true % false null")"},
      {"format", {S("%#v %#v"), S("x"), N(1)}, R"(""x" 1")"},
      {"format", {S("%[2]s %[1]s"), S("a"), S("b")}, R"("b a")"},
      {"format", {S("%s"), Json(O({{"a", S("b")}}))}, R"("{"a":"b"}")"},
      // Padding a reference, Go's %g and non-exact decimals are not reproduced.
      {"format", {S("%5s"), Arn()}, "(unknown: format(...))"},
      {"format", {S("%g"), N(1.5)}, "(unknown: format(...))"},
      {"format", {S("%.20f"), N(0.1)}, "(unknown: format(...))"},
      {"format", {S("%s"), U("var.x")}, "(unknown: format(...))"},
      {"format", {Arn(), S("x")}, "(unknown: format(...))"});
  EXPECT_FAILS(
      {"format", {S("%d"), S("x")}, "format(): %d needs a number"},
      {"format", {S("%d"), N(1.5)}, "format(): %d needs a whole number"},
      {"format", {S("%s %s"), S("a")}, "format(): not enough arguments for the format string"},
      {"format",
       {S("%s"), S("a"), S("b")},
       "format(): too many arguments; only 1 used by the format string"},
      {"format", {S("%z"), N(1)}, "format(): unsupported format verb %z"},
      {"format", {S("%s"), Nil()}, "format(): a null value cannot be formatted"},
      {"format", {S("%s"), T({})}, "format(): a collection cannot be formatted with %s"},
      {"format", {S("50%")}, "format(): the format string ends with %"},
      {"format", {}, "format(): takes at least 1 arguments, not 0"});
}

TEST_F(TerraformFunctions, Formatlist) {
  EXPECT_CASES(
      {"formatlist",
       {S("Hello, %s!"), T({S("Valentina"), S("Ander")})},
       R"(["Hello, Valentina!", "Hello, Ander!"])"},
      {"formatlist", {S("%s-%s"), T({S("a"), S("b")}), S("x")}, R"(["a-x", "b-x"])"},
      {"formatlist", {S("%s/*"), T({Arn()})}, R"(["${aws_s3_bucket.b.arn}/*"])"},
      {"formatlist", {S("%s"), T({S("a"), U("var.x")})}, R"(["a", (unknown: formatlist(...))])"},
      {"formatlist", {S("x")}, R"(["x"])"});
  EXPECT_FAILS({"formatlist",
                {S("%s%s"), T({S("a")}), T({S("b"), S("c")})},
                "formatlist(): the list arguments have different lengths"});
}

TEST_F(TerraformFunctions, JoinAndSplit) {
  EXPECT_CASES({"join", {S(", "), T({S("foo"), S("bar"), S("baz")})}, R"("foo, bar, baz")"},
               {"join", {S(","), T({S("a")}), T({S("b"), N(1), B(true)})}, R"("a,b,1,true")"},
               {"join", {S(""), T({Arn(), S("/*")})}, R"("${aws_s3_bucket.b.arn}/*")"},
               {"join", {S(":"), T({S("a"), U("var.x")})}, R"("a:${(unknown: var.x)}")"},
               {"join", {S(","), T({})}, R"("")"},
               {"split", {S(","), S("foo,bar,baz")}, R"(["foo", "bar", "baz"])"},
               {"split", {S(","), S("")}, R"([""])"},
               {"split", {S(""), S("a\xc3\xa9")}, "[\"a\", \"\xc3\xa9\"]"},
               {"split", {S(","), Arn()}, "(unknown: split(...))"});
  EXPECT_FAILS({"join", {S(","), T({Nil()})}, "join(): a list element is null"},
               {"join", {S(","), T({T({})})}, "join(): a list element is not a string"},
               {"join", {S(","), S("a")}, "join(): argument 2 must be a list"},
               {"join", {S(",")}, "join(): takes at least 2 arguments, not 1"});
}

TEST_F(TerraformFunctions, Collections) {
  ValuePtr abc = T({S("a"), S("b"), S("c")});
  EXPECT_CASES(
      {"concat", {T({S("a"), S("")}), T({S("b"), S("c")})}, R"(["a", "", "b", "c"])"},
      {"merge",
       {O({{"a", S("b")}, {"c", S("d")}}), Nil(), O({{"e", S("f")}, {"c", S("z")}})},
       R"({a = "b", c = "z", e = "f"})"},
      {"merge", {}, "{}"},
      {"lookup", {O({{"a", S("ay")}, {"b", S("bee")}}), S("a"), S("what?")}, R"("ay")"},
      {"lookup", {O({{"a", S("ay")}}), S("c"), S("what?")}, R"("what?")"},
      {"element", {abc, N(1)}, R"("b")"}, {"element", {abc, N(3)}, R"("a")"},
      {"length", {T({})}, "0"}, {"length", {abc}, "3"}, {"length", {O({{"a", S("b")}})}, "1"},
      {"length", {S("h\xc3\xa9llo\xf0\x9f\x98\x80")}, "6"},
      {"length", {Json(O({{"a", N(1)}}))}, "7"}, {"length", {Arn()}, "(unknown: length(...))"},
      {"keys", {O({{"d", N(3)}, {"a", N(1)}, {"c", N(2)}})}, R"(["a", "c", "d"])"},
      {"values", {O({{"d", N(3)}, {"a", N(1)}, {"c", N(2)}})}, "[1, 2, 3]"},
      {"flatten", {T({T({S("a"), S("b")}), T({}), T({S("c")})})}, R"(["a", "b", "c"])"},
      {"flatten", {T({T({T({S("a"), S("b")}), T({})}), T({S("c")})})}, R"(["a", "b", "c"])"},
      {"flatten", {T({T({S("a")}), U("var.l")})}, "(unknown: flatten(...))"},
      {"distinct",
       {T({S("a"), S("b"), S("a"), S("c"), S("d"), S("b")})},
       R"(["a", "b", "c", "d"])"},
      {"distinct", {T({Arn(), Arn()})}, R"(["${aws_s3_bucket.b.arn}"])"},
      {"distinct", {T({Arn(), S("x")})}, "(unknown: distinct(...))"},
      {"contains", {abc, S("a")}, "true"}, {"contains", {abc, S("d")}, "false"},
      {"contains", {T({Arn(), S("x")}), S("x")}, "true"},
      {"contains", {T({Arn()}), S("x")}, "(unknown: contains(...))"},
      {"zipmap", {T({S("a"), S("b")}), T({N(1), N(2)})}, "{a = 1, b = 2}"},
      {"compact", {T({S("a"), S(""), S("b"), Nil(), S("c")})}, R"(["a", "b", "c"])"},
      {"compact",
       {T({AccountArn(), S("")})},
       R"(["arn:aws:iam::${aws_caller.me.account_id}:root"])"},
      {"compact", {T({Arn()})}, "(unknown: compact(...))"},
      {"slice", {T({S("a"), S("b"), S("c"), S("d")}), N(1), N(3)}, R"(["b", "c"])"},
      {"reverse", {T({N(1), N(2), N(3)})}, "[3, 2, 1]"},
      {"sort", {T({S("e"), S("d"), S("a"), S("x")})}, R"(["a", "d", "e", "x"])"},
      {"sort", {T({N(10), N(9)})}, R"(["10", "9"])"}, {"one", {T({})}, "null"},
      {"one", {T({S("hello")})}, R"("hello")"},
      {"coalescelist", {T({S("a"), S("b")}), T({S("c")})}, R"(["a", "b"])"},
      {"coalescelist", {T({}), T({S("c"), S("d")})}, R"(["c", "d"])"});
  EXPECT_FAILS(
      {"concat", {S("a")}, "concat(): argument 1 must be a list"},
      {"merge", {T({N(1)})}, "merge(): argument 1 must be a map or an object"},
      {"lookup", {O({}), S("c")}, "lookup(): the map has no key \"c\" and no default is given"},
      {"element", {T({}), N(0)}, "element(): the list is empty"},
      {"element", {abc, N(-1)}, "element(): the index must not be negative"},
      {"element", {abc, N(0.5)}, "element(): argument 2 must be a whole number"},
      {"length", {N(5)}, "length(): argument 1 must be a string, a list or a map"},
      {"length", {Nil()}, "length(): argument 1 must be a string, not null"},
      {"keys", {abc}, "keys(): argument 1 must be a map or an object"},
      {"zipmap", {T({S("a")}), T({})}, "zipmap(): there are 1 keys and 0 values"},
      {"slice", {abc, N(0), N(4)}, "slice(): the indices 0 and 4 are out of range for a list of 3"},
      {"sort", {T({T({})})}, "sort(): a list element is not a string"},
      {"one", {abc}, "one(): the list has 3 elements, not 0 or 1"},
      {"coalescelist", {T({})}, "coalescelist(): every argument is empty"});
}

TEST_F(TerraformFunctions, Sets) {
  EXPECT_CASES({"toset", {T({S("c"), S("b"), S("b")})}, R"(["b", "c"])"},
               {"toset", {T({N(3), N(1), N(20), N(1)})}, "[1, 3, 20]"},
               {"toset", {T({S("a"), N(1), S("B")})}, R"(["1", "B", "a"])"},
               {"toset", {T({B(true), B(false)})}, "[false, true]"},
               {"toset", {T({Arn()})}, R"(["${aws_s3_bucket.b.arn}"])"},
               {"toset", {T({Arn(), S("x")})}, "(unknown: toset(...))"},
               {"toset", {T({O({}), O({})})}, "(unknown: toset(...))"},
               {"setunion",
                {T({S("a"), S("b")}), T({S("b"), S("c")}), T({S("d")})},
                R"(["a", "b", "c", "d"])"},
               {"setintersection",
                {T({S("a"), S("b")}), T({S("b"), S("c")}), T({S("b"), S("d")})},
                R"(["b"])"},
               {"setintersection", {T({N(1), N(2)}), T({S("2")})}, R"(["2"])"});
  EXPECT_FAILS({"toset", {T({Nil(), S("a")})}, "toset(): a set cannot hold null"},
               {"toset", {T({N(1), B(true)})}, "toset(): the elements have no common type"});
}

TEST_F(TerraformFunctions, Conversions) {
  EXPECT_CASES({"tolist", {T({S("a"), N(1)})}, R"(["a", "1"])"},
               {"tomap", {O({{"a", N(1)}, {"b", S("x")}})}, R"({a = "1", b = "x"})"},
               {"tostring", {N(5)}, R"("5")"}, {"tostring", {Arn()}, R"("${aws_s3_bucket.b.arn}")"},
               {"tostring", {Nil()}, "null"}, {"tonumber", {S("1.5")}, "1.5"},
               {"tonumber", {N(2)}, "2"}, {"tobool", {S("true")}, "true"},
               {"tobool", {B(false)}, "false"}, {"tobool", {Arn()}, "(unknown: tobool(...))"});
  EXPECT_FAILS({"tostring", {T({N(1)})}, "tostring(): argument 1 must be a string"},
               {"tonumber", {S("no")}, "tonumber(): argument 1 must be a number"},
               {"tobool", {S("yes")}, "tobool(): argument 1 must be a bool"},
               {"tolist", {T({N(1), B(true)})}, "tolist(): the elements have no common type"});
}

TEST_F(TerraformFunctions, Coalesce) {
  EXPECT_CASES(
      {"coalesce", {S(""), S("b")}, R"("b")"}, {"coalesce", {N(1), N(2)}, "1"},
      {"coalesce", {Nil(), S(""), S("x")}, R"("x")"}, {"coalesce", {N(1), S("a")}, R"("1")"},
      {"coalesce", {AccountArn(), S("x")}, R"("arn:aws:iam::${aws_caller.me.account_id}:root")"},
      // The last argument is the value when none before it is.
      {"coalesce", {S(""), Arn()}, R"("${aws_s3_bucket.b.arn}")"},
      // A bare reference might be empty.
      {"coalesce", {Arn(), S("x")}, "(unknown: coalesce(...))"});
  EXPECT_FAILS(
      {"coalesce", {Nil(), S("")}, "coalesce(): every argument is null or an empty string"});
}

TEST_F(TerraformFunctions, Strings) {
  EXPECT_CASES(
      {"replace", {S("1 + 2 + 3"), S("+"), S("-")}, R"("1 - 2 - 3")"},
      {"replace", {S("abc"), S(""), S("-")}, R"("-a-b-c-")"},
      {"replace", {S("hello world"), S("/w.*d/"), S("everybody")}, R"("hello everybody")"},
      // Go skips an empty match right after a match.
      {"replace", {S("baaac"), S("/a*/"), S("-")}, R"("-b-c-")"},
      // As in Go, `$2_` names a group "2_", which is nothing.
      {"replace", {S("abc-123"), S("/([a-z]+)-([0-9]+)/"), S("$2-${1}$$ $2_")}, R"("123-abc$ ")"},
      {"replace", {S("x"), S("/(?i)X/"), S("y")}, "(unknown: replace(...))"},
      {"replace", {S("x"), S("/(/"), S("y")}, "(unknown: replace(...))"},
      {"replace", {Arn(), S("a"), S("b")}, "(unknown: replace(...))"},
      {"lower", {S("HeLLo")}, R"("hello")"}, {"upper", {S("hello")}, R"("HELLO")"},
      {"upper", {Arn()}, "(unknown: upper(...))"},
      {"lower", {S("\xc3\x84")}, "(unknown: lower(...))"},
      {"title", {S("hello world o'neil x_y")}, R"("Hello World O'Neil X_y")"},
      {"strrev", {S("hello")}, R"("olleh")"},
      {"trimprefix", {S("helloworld"), S("hello")}, R"("world")"},
      {"trimprefix", {S("helloworld"), S("cat")}, R"("helloworld")"},
      {"trimprefix", {AccountArn(), S("arn:")}, R"("aws:iam::${aws_caller.me.account_id}:root")"},
      {"trimprefix", {AccountArn(), S("arn:aws:iam::1")}, "(unknown: trimprefix(...))"},
      {"trimprefix", {AccountArn(), S("x")}, R"("arn:aws:iam::${aws_caller.me.account_id}:root")"},
      {"trimsuffix", {S("helloworld"), S("world")}, R"("hello")"},
      {"trimsuffix", {AccountArn(), S(":root")}, R"("arn:aws:iam::${aws_caller.me.account_id}")"},
      {"trimsuffix", {Arn(), S("x")}, "(unknown: trimsuffix(...))"},
      {"trimspace", {S(" \t hello\n\n")}, R"("hello")"},
      {"trimspace", {S("\xc2\xa0x\xe3\x80\x80")}, R"("x")"},
      {"startswith", {S("hello world"), S("hello")}, "true"},
      {"startswith", {S("hello world"), S("world")}, "false"},
      {"startswith", {AccountArn(), S("arn:")}, "true"},
      {"startswith", {AccountArn(), S("arn:aws:s3")}, "false"},
      {"startswith", {Arn(), S("arn:")}, "(unknown: startswith(...))"},
      {"endswith", {S("hello world"), S("world")}, "true"},
      {"endswith", {AccountArn(), S("x")}, "false"}, {"chomp", {S("hello\r\n\n")}, R"("hello")"},
      {"chomp", {StringParts({RefPart("a.b", "c"), Text("\n")}, L(2))}, "(unknown: chomp(...))"},
      {"substr", {S("hello world"), N(1), N(4)}, R"("ello")"},
      {"substr", {S("hello world"), N(-5), N(-1)}, R"("world")"},
      {"substr", {S("\xf0\x9f\xa4\x94\xf0\x9f\xa4\xb7"), N(0), N(1)}, "\"\xf0\x9f\xa4\x94\""},
      {"substr", {S("hello"), N(10), N(1)}, R"("")"},
      {"base64encode", {S("Hello World")}, R"("SGVsbG8gV29ybGQ=")"},
      {"base64encode", {S("ab")}, R"("YWI=")"},
      {"base64decode", {S("SGVsbG8gV29ybGQ=")}, R"("Hello World")"},
      {"base64decode", {S("YWI=")}, R"("ab")"});
  EXPECT_FAILS(
      {"base64decode", {S("!!")}, "base64decode(): the argument is not valid base64"},
      {"base64decode", {S("/w==")}, "base64decode(): the decoded bytes are not valid UTF-8"},
      {"upper", {Nil()}, "upper(): argument 1 must be a string, not null"},
      {"upper", {}, "upper(): takes 1 argument, not 0"},
      {"upper", {S("a"), S("b")}, "upper(): takes 1 argument, not 2"});
}

TEST_F(TerraformFunctions, NetworkAndPaths) {
  EXPECT_CASES(
      {"cidrsubnet", {S("172.16.0.0/12"), N(4), N(2)}, R"("172.18.0.0/16")"},
      {"cidrsubnet", {S("10.1.2.0/24"), N(4), N(15)}, R"("10.1.2.240/28")"},
      {"cidrsubnet", {S("10.1.2.3/24"), N(0), N(0)}, R"("10.1.2.0/24")"},
      {"cidrsubnet", {S("fd00:fd12:3456:7890::/56"), N(16), N(162)}, "(unknown: cidrsubnet(...))"},
      {"basename", {S("foo/bar/baz.txt")}, R"("baz.txt")"}, {"basename", {S("dir/")}, R"("dir")"},
      {"basename", {S("/")}, R"("/")"}, {"dirname", {S("foo/bar/baz.txt")}, R"("foo/bar")"},
      {"dirname", {S("foo")}, R"(".")"}, {"dirname", {S("/foo")}, R"("/")"},
      {"dirname", {S("a/./b/../c/d")}, R"("a/c")"});
  EXPECT_FAILS({"cidrsubnet",
                {S("10.0.0.0/30"), N(4), N(0)},
                "cidrsubnet(): insufficient address space to extend prefix of 30 by 4"},
               {"cidrsubnet",
                {S("10.0.0.0/24"), N(2), N(4)},
                "cidrsubnet(): prefix extension of 2 does not accommodate a subnet numbered 4"},
               {"cidrsubnet",
                {S("10.0.0/24"), N(2), N(0)},
                "cidrsubnet(): \"10.0.0/24\" is not an IPv4 CIDR prefix"});
}

TEST_F(TerraformFunctions, Numbers) {
  EXPECT_CASES({"max", {N(12), N(54), N(3)}, "54"}, {"min", {N(12), N(54), N(3)}, "3"},
               {"max", {S("5"), N(2)}, "5"}, {"range", {N(3)}, "[0, 1, 2]"},
               {"range", {N(1), N(4)}, "[1, 2, 3]"}, {"range", {N(1), N(8), N(2)}, "[1, 3, 5, 7]"},
               {"range", {N(4), N(1), N(-1)}, "[4, 3, 2]"}, {"range", {N(0)}, "[]"},
               {"range", {N(0.5)}, "(unknown: range(...))"},
               {"sum", {T({N(10), N(13), N(6), N(4.5)})}, "33.5"},
               {"sum", {T({N(0.1), N(0.2)})}, "0.3"}, {"abs", {N(-12.4)}, "12.4"},
               {"ceil", {N(4.1)}, "5"}, {"ceil", {N(-0.5)}, "0"}, {"floor", {N(4.9)}, "4"},
               {"parseint", {S("100"), N(10)}, "100"}, {"parseint", {S("FF"), N(16)}, "255"},
               {"parseint", {S("-10"), N(2)}, "-2"}, {"parseint", {S("zz"), N(36)}, "1295"},
               {"parseint", {S("Z"), N(62)}, "61"});
  EXPECT_FAILS({"max", {S("x")}, "max(): argument 1 must be a number"},
               {"range",
                {N(1), N(0)},
                "range(): for an ascending range, the start must not exceed the limit"},
               {"range", {N(0), N(1), N(0)}, "range(): the step must not be zero"},
               {"sum", {T({})}, "sum(): the list is empty"},
               {"parseint", {S("12"), N(2)}, "parseint(): \"12\" is not a number in base 2"},
               {"parseint", {S("1"), N(1)}, "parseint(): the base must be between 2 and 62"});
}

TEST_F(TerraformFunctions, Files) {
  std::vector<std::string> reads;
  std::map<std::string, std::string> files = {{"policy.json", "{\"a\": 1}\n"},
                                              {"t.tpl", "Hi ${name}"}};
  // Without the callbacks nothing is read.
  EXPECT_CASES({"file", {S("policy.json")}, "(unknown: file(...))"},
               {"fileexists", {S("policy.json")}, "(unknown: fileexists(...))"},
               {"templatefile", {S("t.tpl"), O({})}, "(unknown: templatefile(...))"});
  ctx_.read_file = [&](std::string_view path, util::Loc at, std::string* text) {
    reads.push_back(std::string(path) + "@" + std::to_string(at.line));
    auto it = files.find(std::string(path));
    if (it == files.end()) return false;
    *text = it->second;
    return true;
  };
  EXPECT_CASES({"file", {S("policy.json")}, "\"{\"a\": 1}\n\""},
               {"file", {S("missing.json")}, "(unknown: file(...))"},
               {"fileexists", {S("policy.json")}, "true"},
               {"fileexists", {S("missing.json")}, "(unknown: fileexists(...))"},
               {"file", {Arn()}, "(unknown: file(...))"},
               // render is still null.
               {"templatefile", {S("t.tpl"), O({})}, "(unknown: templatefile(...))"});
  ctx_.render = [](std::string_view text, const ValuePtr& vars, util::Loc) {
    return String(std::string(text) + " | " + Show(*vars), L(5));
  };
  ValuePtr rendered = Eval("templatefile", {S("t.tpl"), O({{"name", S("x")}})});
  EXPECT_EQ(Show(*rendered), R"("Hi ${name} | {name = "x"}")");
  EXPECT_EQ(rendered->loc.line, 1u);
  EXPECT_EQ(Call("templatefile", {S("nope.tpl"), O({})}), "(unknown: templatefile(...))");
  EXPECT_EQ(reads, (std::vector<std::string>{"policy.json@1", "missing.json@1", "policy.json@1",
                                             "missing.json@1", "t.tpl@1", "nope.tpl@1"}));
  EXPECT_FAILS({"templatefile",
                {S("t.tpl"), S("x")},
                "templatefile(): argument 2 must be a map or an object"});
}

TEST_F(TerraformFunctions, UnknownFunctionsAndArguments) {
  EXPECT_FALSE(IsKnownFunction("timestamp"));
  EXPECT_FALSE(IsKnownFunction("try"));
  EXPECT_EQ(Call("timestamp", {}), "(unknown: timestamp(...))");
  EXPECT_EQ(Call("uuid", {S("x")}), "(unknown: uuid(...))");
  // Every supported function, found in the (sorted) table.
  for (std::string_view name : {"abs",          "base64decode",
                                "base64encode", "basename",
                                "ceil",         "chomp",
                                "cidrsubnet",   "coalesce",
                                "coalescelist", "compact",
                                "concat",       "contains",
                                "dirname",      "distinct",
                                "element",      "endswith",
                                "file",         "fileexists",
                                "flatten",      "floor",
                                "format",       "formatlist",
                                "join",         "jsondecode",
                                "jsonencode",   "keys",
                                "length",       "lookup",
                                "lower",        "max",
                                "merge",        "min",
                                "one",          "parseint",
                                "range",        "replace",
                                "reverse",      "setintersection",
                                "setunion",     "slice",
                                "sort",         "split",
                                "startswith",   "strrev",
                                "substr",       "sum",
                                "templatefile", "title",
                                "tobool",       "tolist",
                                "tomap",        "tonumber",
                                "toset",        "tostring",
                                "trimprefix",   "trimspace",
                                "trimsuffix",   "upper",
                                "values",       "yamldecode",
                                "zipmap"}) {
    EXPECT_TRUE(IsKnownFunction(name)) << name;
  }
  // An unknown or a resource argument makes any call unknown, silently.
  auto resource = std::make_shared<Value>();
  resource->kind = Kind::kResource;
  EXPECT_CASES({"upper", {U("var.x")}, "(unknown: upper(...))"},
               {"concat", {T({}), U("var.l")}, "(unknown: concat(...))"},
               {"length", {resource}, "(unknown: length(...))"},
               {"keys", {resource}, "(unknown: keys(...))"});
  // Unknown elements are carried, not looked into.
  EXPECT_CASES({"concat", {T({U("var.x")}), T({S("a")})}, R"([(unknown: var.x), "a"])"},
               {"element", {T({U("var.x"), S("a")}), N(1)}, R"("a")"});
}

TEST_F(TerraformFunctions, ResultsTakeTheCallsPosition) {
  ValuePtr v = Eval("element", {T({S("a"), T({S("b")})}), N(1)});
  EXPECT_EQ(v->loc.line, 1u);
  EXPECT_EQ(v->items[0]->loc.line, 2u);  // inside: where it was written
  EXPECT_EQ(Eval("upper", {S("a")})->loc.line, 1u);
  EXPECT_EQ(Eval("jsonencode", {O({})})->loc.line, 1u);
  EXPECT_EQ(Eval("jsondecode", {S("[1]")})->items[0]->loc.line, 1u);
  EXPECT_EQ(Eval("nosuchfunction", {})->loc.line, 1u);
}

TEST_F(TerraformFunctions, Caps) {
  ctx_.max_elements = 3;
  ctx_.max_string_bytes = 10;
  const std::string too_big =
      "the result is larger than 3 elements or 10 bytes; it is left unknown";
  ctx_.read_file = [](std::string_view, util::Loc, std::string* text) {
    *text = "12345678901";
    return true;
  };
  EXPECT_CASES({"range", {N(3)}, "[0, 1, 2]"},
               {"join", {S(""), T({S("aaaaa"), S("bbbbb")})}, R"("aaaaabbbbb")"});
  EXPECT_FAILS({"range", {N(1e9)}, "range(): " + too_big},
               {"concat", {T({N(1), N(2)}), T({N(3), N(4)})}, "concat(): " + too_big},
               {"join", {S(""), T({S("aaaaaa"), S("bbbbbb")})}, "join(): " + too_big},
               {"format", {S("%s%s"), S("aaaaaa"), S("bbbbbb")}, "format(): " + too_big},
               {"replace", {S("aaaa"), S("a"), S("bbbbbbbb")}, "replace(): " + too_big},
               {"split", {S(","), S("a,b,c,d")}, "split(): " + too_big},
               {"flatten", {T({T({N(1), N(2)}), T({N(3), N(4)})})}, "flatten(): " + too_big},
               {"file", {S("x")}, "file(): " + too_big});
}

TEST_F(TerraformFunctions, SharedValuesAreCappedWhereTheyAreBuilt) {
  // Values share their parts: 60 doublings would be 2^60 leaves if walked
  // as a tree. The tuple that passes kMaxValueNodes is unknown, and so is
  // every function of it.
  ValuePtr v = N(1);
  int steps = 0;
  while (steps < 60 && v->kind != Kind::kUnknown) {
    v = T({v, v});
    ++steps;
  }
  EXPECT_EQ(v->kind, Kind::kUnknown);
  EXPECT_EQ(steps, 20);  // 2^21 - 1 nodes is the first over 2^20
  EXPECT_EQ(Call("format", {S("%v"), v}), "(unknown: format(...))");
  EXPECT_EQ(Call("flatten", {v}), "(unknown: flatten(...))");
  EXPECT_TRUE(TakeDiags().empty());
}

}  // namespace
}  // namespace fnwarden::load::terraform
