#include "cli/cli.h"

#include <cstdio>

namespace fnwarden::cli {

int Main(int, char**) {
  std::fputs("fnwarden: no commands yet\n", stderr);
  return kExitUsage;
}

}  // namespace fnwarden::cli
