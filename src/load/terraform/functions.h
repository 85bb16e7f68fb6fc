// Terraform's built-in functions, as far as they are static.
//
// The functions below are evaluated on known arguments; any other function,
// and any call whose arguments are not known enough, gives an unknown value
// shown as `name(...)`, never a guess. An argument that is unknown or a
// resource (before `.attribute`) makes any call unknown. A string argument
// that holds references (an ARN) is used as far as that is exact:
// `format("%s/*", aws_s3_bucket.b.arn)` keeps the reference as a part,
// `upper(aws_s3_bucket.b.arn)` is unknown. A tuple or object flagged `json`
// is a string (its JSON text) to every function.
//
// Evaluated: abs, base64decode, base64encode, basename, ceil, chomp,
// cidrsubnet (IPv4; IPv6 is unknown), coalesce, coalescelist, compact,
// concat, contains, dirname, distinct, element, endswith, file, fileexists,
// flatten, floor, format, formatlist, join, jsondecode, jsonencode, keys,
// length, lookup, lower, max, merge, min, one, parseint, range, replace,
// reverse, setintersection, setunion, slice, sort, split, startswith,
// strrev, substr, sum, templatefile, title, tobool, tolist, tomap,
// tonumber, toset, tostring, trimprefix, trimspace, trimsuffix, upper,
// values, yamldecode, zipmap.
//
// Kept as parts (references and unknown pieces stay in the result): format
// and formatlist (%s and %v without width or precision), join (an unknown
// element becomes an unknown piece), tostring, trimprefix, trimsuffix,
// chomp, coalesce; startswith and endswith decide on the literal text when
// it suffices.
//
// Unknown by design, where Terraform's answer is not reproduced exactly:
// lower, upper, title and strrev of non-ASCII text (Unicode case mapping,
// grapheme clusters); format's %g and %#x-style verbs, the 0 flag on
// strings, and %f / %e beyond 15 significant digits (Terraform formats its
// arbitrary-precision decimal); range with fractional arguments; integers
// beyond 2^53; sets (toset, setunion, setintersection) of tuples or objects
// (ordered by hash) or of references; replace with a /regex/ outside the
// subset where RE2 and ECMAScript agree (ASCII, no flags, no named or
// non-capturing groups, no look-around or back-references, at most 16 KiB
// of text); yamldecode of plain scalars that YAML 1.1 and 1.2 read
// differently (yes/no/on/off, 0777, 1_000, timestamps) and of tags;
// fileexists of a file that could not be read. length and substr count
// code points (Terraform counts grapheme clusters).
//
// Calls Terraform rejects (wrong argument counts or types, a missing lookup
// key, an invalid JSON text, ...) give an unknown value and a warning at
// the call. `try` and `can` need their arguments unevaluated and are the
// evaluator's.
#ifndef FNWARDEN_LOAD_TERRAFORM_FUNCTIONS_H_
#define FNWARDEN_LOAD_TERRAFORM_FUNCTIONS_H_

#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "load/terraform/value.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::load::terraform {

// What a function call may use besides its arguments.
struct FunctionContext {
  // Reads a file that `file()`, `templatefile()` or `fileexists()` names,
  // relative to the calling module's folder; false (the value stays
  // unknown) when it is outside the scan roots, missing, too large or not
  // to be read. Reports its own diagnostics. Null: no file is read.
  std::function<bool(std::string_view path, util::Loc at, std::string* text)> read_file;
  // Renders a template's text (Terraform template syntax, `${...}` and
  // `%{...}`) with `vars` (an object). Null: templatefile() is unknown.
  std::function<ValuePtr(std::string_view text, const ValuePtr& vars, util::Loc at)> render;
  // Where the call's problems go (wrong argument counts or types); may be
  // null.
  util::DiagnosticSink* diags = nullptr;
  // Results larger than this many elements or bytes become unknown, with a
  // diagnostic: a hostile `range(1e9)` must not exhaust memory.
  size_t max_elements = 100'000;
  size_t max_string_bytes = 1 << 20;
};

// The value of `name(args...)`; `loc` is the call's position, which the
// result takes. Unknown for functions not supported, and for arguments
// that are not known enough.
ValuePtr CallFunction(std::string_view name, std::span<const ValuePtr> args, util::Loc loc,
                      const FunctionContext& ctx);

// Whether `name` is a function CallFunction evaluates (for diagnostics
// naming a function that is not).
bool IsKnownFunction(std::string_view name);

// Parses JSON text into a value (jsondecode); nullptr when it is not JSON.
// Positions are `loc` for every value.
ValuePtr DecodeJson(std::string_view text, util::Loc loc);

}  // namespace fnwarden::load::terraform

#endif  // FNWARDEN_LOAD_TERRAFORM_FUNCTIONS_H_
