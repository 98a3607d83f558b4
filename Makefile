# Thin wrapper around CMake/CTest.  `make help` lists the targets.
SHELL := /bin/bash
MAKEFLAGS += --no-print-directory

BUILD_TYPE   ?= Release
JOBS         ?= $(shell nproc 2>/dev/null || echo 2)
FUZZ_SECONDS ?= 60
CMAKE        ?= cmake
CTEST        ?= ctest
CMAKE_FLAGS  ?=
CTEST_FLAGS  ?=
# Warnings are errors under CI (CI=true), with gcc (test, valgrind) and clang (asan, fuzz).
WERROR       ?= $(if $(filter true,$(CI)),ON,OFF)
# make valgrind: CTest regular expressions of the tests run under valgrind (all when
# empty) and of those left out.  .ci/run leaves out the slow end-to-end ones; every test
# still runs in the test and asan stages.
VALGRIND_TESTS ?=
VALGRIND_EXCLUDE ?=
# make asan: a CTest regular expression of the tests left out under ASan (none when empty).
ASAN_EXCLUDE ?=

BUILD_DIR    := build
ASAN_DIR     := build-asan
VALGRIND_DIR := build-valgrind
FUZZ_DIR     := build-fuzz

# --no-tests=error: a run that finds no test at all is a failure, not a pass.
CTEST_RUN = $(CTEST) --output-on-failure --no-tests=error --no-label-summary -j $(JOBS) $(CTEST_FLAGS)

# make install: PREFIX is compiled in (where the program looks for its modules and
# frameworks, besides next to itself); DESTDIR only moves the files (packaging, tests).
PREFIX       ?= /usr/local
DESTDIR      ?=

.PHONY: all build run test asan valgrind fuzz lint bench clean deps deps-tests help install deb

all: build

help:
	@echo "make [build]    Release build into $(BUILD_DIR)/ (BUILD_TYPE=$(BUILD_TYPE))"
	@echo "make run        build, then jixiao check + score on examples/ebian-cppcc-2023.yaml"
	@echo "make test       build into $(BUILD_DIR)/ and run all tests (ctest)"
	@echo "make asan       clang + ASan/UBSan build into $(ASAN_DIR)/, run all tests"
	@echo "make valgrind   Debug build into $(VALGRIND_DIR)/, run the tests under valgrind (VALGRIND_TESTS=regex: a subset)"
	@echo "make fuzz       clang + libFuzzer build into $(FUZZ_DIR)/, run each fuzzer FUZZ_SECONDS=$(FUZZ_SECONDS)"
	@echo "make lint       clang-tidy and cppcheck over src/"
	@echo "make bench      run bench/run against $(BUILD_DIR)/jixiao"
	@echo "make install    build, then install under DESTDIR/PREFIX (PREFIX=$(PREFIX)): bin, lib/jixiao, share/jixiao, man"
	@echo "make deb        build the Debian package into $(BUILD_DIR)/deb/ (debhelper; docs/install.md)"
	@echo "make clean      remove the build directories"

deps:
	@bash scripts/install-deps.sh

deps-tests:
	@bash scripts/install-deps.sh --tests

build: deps
	$(CMAKE) -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DJX_WERROR=$(WERROR) $(CMAKE_FLAGS)
	$(CMAKE) --build $(BUILD_DIR) -j $(JOBS)

run:
	@bash scripts/run-demo.sh

test: deps-tests build
	cd $(BUILD_DIR) && $(CTEST_RUN)

asan: deps-tests
	$(CMAKE) -S . -B $(ASAN_DIR) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang -DJX_SANITIZE=ON -DJX_WERROR=$(WERROR) $(CMAKE_FLAGS)
	$(CMAKE) --build $(ASAN_DIR) -j $(JOBS)
	cd $(ASAN_DIR) && $(CTEST_RUN) $(if $(ASAN_EXCLUDE),-E '$(ASAN_EXCLUDE)')

valgrind: deps-tests
	$(CMAKE) -S . -B $(VALGRIND_DIR) -DCMAKE_BUILD_TYPE=Debug -DJX_VALGRIND=ON -DJX_WERROR=$(WERROR) $(CMAKE_FLAGS)
	$(CMAKE) --build $(VALGRIND_DIR) -j $(JOBS)
	cd $(VALGRIND_DIR) && $(CTEST_RUN) $(if $(VALGRIND_TESTS),-R '$(VALGRIND_TESTS)') $(if $(VALGRIND_EXCLUDE),-E '$(VALGRIND_EXCLUDE)')

# Each fuzzer fuzz/fuzz_NAME.c runs for FUZZ_SECONDS, JOBS of them at once
# (scripts/fuzz-run.sh: corpora, seeds, dictionaries; crashes fail the target and land
# in $(FUZZ_DIR)/artifacts/, logs in $(FUZZ_DIR)/logs/).
fuzz: deps
	$(CMAKE) -S . -B $(FUZZ_DIR) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang -DJX_FUZZ=ON -DJX_BUILD_SHARED=OFF -DJX_WERROR=$(WERROR) $(CMAKE_FLAGS)
	$(CMAKE) --build $(FUZZ_DIR) -j $(JOBS) --target fuzzers
	@bash scripts/fuzz-run.sh $(FUZZ_DIR) $(FUZZ_SECONDS) $(JOBS)

# The static analyzer (clang-analyzer-*, 98% of clang-tidy's time) in its shallow mode:
# each function on its own, with less inlining of the functions it calls — about a third
# of the deep mode's time (docs/ci.md).  LINT_ANALYZER=deep for the full search.
LINT_ANALYZER ?= shallow
lint: deps
	$(CMAKE) -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DJX_WERROR=$(WERROR) $(CMAKE_FLAGS) >/dev/null
	@echo "lint: clang-tidy over src/ ($$(find src -name '*.c' | wc -l) files)"
	@# scripts/lint-tidy.sh prints only real findings; any finding fails the target.
	@out=$$(find src -name '*.c' -print0 | sort -z | \
	  LINT_ANALYZER=$(LINT_ANALYZER) xargs -0 -r -n 4 -P $(JOBS) bash scripts/lint-tidy.sh $(BUILD_DIR)); \
	if [ -n "$$out" ]; then printf '%s\n' "$$out"; echo "lint: clang-tidy found problems"; exit 1; fi
	@echo "lint: cppcheck over src/"
	cppcheck -q -j $(JOBS) --enable=warning,performance,portability --error-exitcode=1 --inline-suppr -I include -I src src/

bench: build
	@export JIXIAO=$(CURDIR)/$(BUILD_DIR)/jixiao; \
	if [ -x bench/run ]; then bench/run; \
	elif [ -f bench/run ]; then bash bench/run; \
	else echo "bench: no bench/run yet"; fi

install: build
	$(CMAKE) -S . -B $(BUILD_DIR) -DCMAKE_INSTALL_PREFIX=$(PREFIX) >/dev/null
	$(CMAKE) --build $(BUILD_DIR) -j $(JOBS)
	DESTDIR=$(DESTDIR) $(CMAKE) --install $(BUILD_DIR)

# The package is built in its own tree (dh's obj-*/ under a copy of the sources) with
# JX_BUILD_TREE_PATHS=OFF; the .deb, .buildinfo and .changes land in $(BUILD_DIR)/deb/.
deb: deps
	@bash scripts/build-deb.sh $(BUILD_DIR)/deb

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(VALGRIND_DIR) $(FUZZ_DIR)
