// libFuzzer target for the HCL2 parser: any bytes must give a tree or one
// error, never a crash, a hang or unbounded memory; every construct and
// comment must lie inside the file, and the tree must render (Dump walks
// all of it).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "fuzz_input.h"
#include "load/syntax/hcl.h"
#include "util/diagnostic.h"
#include "util/source.h"

using namespace fnwarden;
namespace hcl = load::syntax::hcl;

namespace {

void CheckExpr(const util::SourceFile& file, const hcl::Expr* e, int depth) {
  if (e == nullptr || depth > 2000) return;
  if (e->begin > e->end || e->end > file.text().size() || e->loc.file != &file ||
      e->loc.line == 0 || e->loc.line > file.line_count()) {
    std::abort();
  }
  for (const hcl::Expr* child : {e->a, e->b, e->c, e->d}) CheckExpr(file, child, depth + 1);
  for (const hcl::Expr* item : e->items) CheckExpr(file, item, depth + 1);
}

void CheckBody(const util::SourceFile& file, const hcl::Body* body, int depth) {
  if (body == nullptr || depth > 2000) std::abort();
  for (const hcl::BodyItem& item : body->items) {
    if ((item.attribute == nullptr) == (item.block == nullptr)) std::abort();
    if (item.attribute != nullptr) {
      if (item.attribute->value == nullptr || item.attribute->end > file.text().size())
        std::abort();
      CheckExpr(file, item.attribute->value, 0);
    } else {
      if (item.block->begin >= item.block->end || item.block->end > file.text().size())
        std::abort();
      CheckBody(file, item.block->body, depth + 1);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  util::SourceFile file = fuzz::FuzzFile("fuzz/main.tf", data, size);
  util::DiagnosticSink diags;
  std::unique_ptr<hcl::File> parsed = hcl::ParseHcl(&file, fuzz::FuzzLimits(), &diags);
  if (parsed == nullptr) {
    if (!diags.has_errors()) std::abort();  // a failure always says why
    return 0;
  }
  CheckBody(file, parsed->body(), 0);
  for (const hcl::Comment& c : parsed->comments()) {
    if (c.line == 0 || c.line > file.line_count()) std::abort();
  }
  (void)hcl::Dump(parsed->body());
  return 0;
}
