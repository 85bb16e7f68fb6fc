#include "cli/cli.h"

int main(int argc, char** argv) { return fnwarden::cli::Main(argc, argv); }
