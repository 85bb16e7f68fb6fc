# The two commands a newcomer runs: `make demo` and `make test`.
# Both install what they need first (scripts/setup.sh).

BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: setup configure build demo test test-asan bench fuzz clean

setup:
	@scripts/setup.sh

configure: setup
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# Scans the bundled example applications, with the few real advisories of
# tests/data/osv as the vulnerability database (`fnwarden db update` fetches
# the whole one). Exit code 1 (findings) is the expected outcome for
# examples/insecure-orders.
demo: build
	@$(BUILD)/fnwarden scan --osv-db tests/data/osv examples/; status=$$?; [ $$status -le 1 ]

test: build
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# The whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer,
# built by clang with libFuzzer's instrumentation so that the same build has
# the fuzz targets too: CI smoke-runs them from it (one sanitizer build, not
# two). `make fuzz` keeps an optimised build for long runs.
# A Debug build (assertions on, -O0) with ASAN_FLAGS: -g1 keeps the line
# tables, so sanitizer reports still name file:line, without the rest of the
# debug information (most of what the linker reads). -O1 would run the suite
# faster but compiles half as slowly again, which costs CI more than it saves.
# No benchmarks: `make test` compiles them.
ASAN_FLAGS ?= -g1
test-asan: setup
	@CC=clang CXX=clang++ cmake -S . -B $(BUILD)-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug \
	  "-DCMAKE_C_FLAGS_DEBUG=$(ASAN_FLAGS)" "-DCMAKE_CXX_FLAGS_DEBUG=$(ASAN_FLAGS)" \
	  -DFNWARDEN_SANITIZE=ON -DFNWARDEN_FUZZ=ON -DFNWARDEN_BENCH=OFF >/dev/null
	@cmake --build $(BUILD)-asan -j $(JOBS)
	@ASAN_OPTIONS=detect_leaks=1 ctest --test-dir $(BUILD)-asan --output-on-failure -j $(JOBS)

bench: build
	@bench/run.sh $(BUILD)

# libFuzzer targets (clang). FUZZ_SECONDS per target; 10 is a smoke run.
FUZZ_SECONDS ?= 600
fuzz: setup
	@CC=clang CXX=clang++ cmake -S . -B $(BUILD)-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DFNWARDEN_FUZZ=ON -DFNWARDEN_TESTS=OFF >/dev/null
	@cmake --build $(BUILD)-fuzz -j $(JOBS) --target fuzzers
	@scripts/fuzz.sh $(BUILD)-fuzz $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD) $(BUILD)-asan $(BUILD)-fuzz
