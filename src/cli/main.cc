#include "cli/cli.h"
#include "util/memory.h"

int main(int argc, char** argv) {
  fnwarden::util::KeepFreedMemory();
  return fnwarden::cli::Main(argc, argv);
}
