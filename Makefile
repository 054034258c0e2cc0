# Thin wrapper over CMake: the two set-up commands are `make run` and
# `make test`; both install missing Debian packages first (tools/deps.sh).
BUILD ?= build
SANBUILD ?= build-sanitize
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

.PHONY: all build deps test-deps run test test-sanitize test-valgrind fuzz bench clean install

all: build

deps:
	@sh tools/deps.sh build

test-deps:
	@sh tools/deps.sh test
	@sh tools/deps.sh qgis || echo "incimap: QGIS could not be installed: its test will be skipped" >&2

build: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	@MAKEFLAGS= MAKELEVEL= cmake --build $(BUILD) -j$(JOBS)

# Installs the binary (PREFIX/bin), the shipped data (PREFIX/share/incimap:
# gazetteer/ and shapes/) and the man page (PREFIX/share/man/man1); DESTDIR
# stages it for a package. Only the incimap target is built for it.
PREFIX ?= /usr/local
DESTDIR ?=
install: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) -DCMAKE_INSTALL_PREFIX=$(PREFIX) >/dev/null
	@MAKEFLAGS= MAKELEVEL= cmake --build $(BUILD) -j$(JOBS) --target incimap
	@DESTDIR=$(DESTDIR) cmake --install $(BUILD)

# The main job on the bundled examples, then its briefing pack.
run: build
	$(BUILD)/incimap map examples -o output
	$(BUILD)/incimap brief output/incidents.geojson -o output/brief.pdf

# Unit and end-to-end tests; ends with CTest's summary line.
test: test-deps build
	@cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

# The same suite built with AddressSanitizer + UndefinedBehaviorSanitizer.
test-sanitize: test-deps
	@cmake -S . -B $(SANBUILD) -DINCIMAP_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
	@MAKEFLAGS= MAKELEVEL= cmake --build $(SANBUILD) -j$(JOBS)
	@cd $(SANBUILD) && ctest --output-on-failure -j$(JOBS)

# The end-to-end tests with incimap under valgrind memcheck. The tree is
# built -O1 -g, not -O0: memcheck is exact at -O1 (its manual's advice) and
# -O0 code runs more instructions under it: a gazetteer build of four
# shipped sources took 4.78 s of CPU at -O0 and 3.54 s at -O1 (2026-12-07,
# of which ~1.4 s is valgrind's start with incimap's 88 libraries).
VGBUILD ?= build-valgrind
test-valgrind: test-deps
	@sh tools/deps.sh valgrind
	@cmake -S . -B $(VGBUILD) -DINCIMAP_VALGRIND=ON -DCMAKE_BUILD_TYPE=Debug \
		-DCMAKE_C_FLAGS_DEBUG="-g -O1" >/dev/null
	@MAKEFLAGS= MAKELEVEL= cmake --build $(VGBUILD) -j$(JOBS)
	@cd $(VGBUILD) && ctest --output-on-failure -j$(JOBS) -L e2e

# libFuzzer targets, each run for FUZZ_SECONDS (default 60).
FUZZ_SECONDS ?= 60
fuzz:
	@sh tools/deps.sh fuzz
	@sh tools/fuzz.sh $(FUZZ_SECONDS)

bench: build
	@sh tools/deps.sh bench
	@sh bench/run.sh

clean:
	rm -rf $(BUILD) $(SANBUILD) $(VGBUILD) build-fuzz
