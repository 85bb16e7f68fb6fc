// libFuzzer target for the JSON parser (checks in syntax_fuzz.h).
#include "syntax_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return fnwarden::fuzz::FuzzParser(data, size, "fuzz.json", &fnwarden::load::syntax::ParseJson);
}
