# akn: `make install`, `make demo`, `make test` (see README.md and CONTRIBUTING.md).
SWIFT ?= swift
# Every build refuses an import of a target that is not a declared dependency (the walls).
BUILD_FLAGS ?= --explicit-target-dependency-import-check error
AKN_DEMO_OUT ?= .build/demo
# C targets' debug information in DWARF 4: valgrind 3.19 (Debian 12), which the instruction gate
# runs, cannot read clang's default DWARF 5 and gives up on the binary. The same flags for every
# release build, so that `make release` and the gate share one build.
RELEASE_FLAGS ?= -Xcc -gdwarf-4

.PHONY: all deps schema build release demo test bench format lint check-walls clean instructions instructions-baseline install uninstall test-install test-docs docs serve

all: build

deps:
	@Scripts/install-deps.sh

schema:
	@Schemas/fetch-schema.sh

build: deps
	$(SWIFT) build $(BUILD_FLAGS)

release: deps
	$(SWIFT) build -c release $(BUILD_FLAGS) $(RELEASE_FLAGS)

## `make install PREFIX=dir` (default /usr/local): the release binary with the Swift runtime
## linked in (no Swift library in `ldd`), the schema in share/akn/schemas (found by the binary
## relative to itself), the man page (argument-parser's generate-manual plugin, which builds the
## release first; the static link after it only relinks), and the bash, zsh and fish completions
## in their standard places, and akn-serve (the server `akn serve` runs, a program of its own so
## that akn does not link the HTTP server) beside akn. `make uninstall PREFIX=dir` removes exactly
## these. The install build has its own scratch path, so the gate's release build stays as it is.
PREFIX ?= /usr/local
INSTALL_BUILD ?= .build/install
INSTALLED = bin/akn bin/akn-serve share/akn/schemas/akomantoso30.xsd share/akn/schemas/xml.xsd \
	share/man/man1/akn.1 share/bash-completion/completions/akn share/zsh/site-functions/_akn \
	share/fish/vendor_completions.d/akn.fish

install: deps schema
	$(SWIFT) package --scratch-path $(INSTALL_BUILD) plugin generate-manual >/dev/null
	$(SWIFT) build -c release --static-swift-stdlib --scratch-path $(INSTALL_BUILD) --product akn
	$(SWIFT) build -c release --static-swift-stdlib --scratch-path $(INSTALL_BUILD) --product akn-serve
	install -d "$(PREFIX)/bin" "$(PREFIX)/share/akn/schemas" "$(PREFIX)/share/man/man1" \
		"$(PREFIX)/share/bash-completion/completions" "$(PREFIX)/share/zsh/site-functions" \
		"$(PREFIX)/share/fish/vendor_completions.d"
	install -m 0755 $(INSTALL_BUILD)/release/akn "$(PREFIX)/bin/akn"
	install -m 0755 $(INSTALL_BUILD)/release/akn-serve "$(PREFIX)/bin/akn-serve"
	install -m 0644 Schemas/akomantoso30.xsd Schemas/xml.xsd "$(PREFIX)/share/akn/schemas/"
	install -m 0644 $(INSTALL_BUILD)/plugins/GenerateManual/outputs/akn/akn.1 "$(PREFIX)/share/man/man1/akn.1"
	"$(PREFIX)/bin/akn" --generate-completion-script bash > "$(PREFIX)/share/bash-completion/completions/akn"
	"$(PREFIX)/bin/akn" --generate-completion-script zsh > "$(PREFIX)/share/zsh/site-functions/_akn"
	"$(PREFIX)/bin/akn" --generate-completion-script fish > "$(PREFIX)/share/fish/vendor_completions.d/akn.fish"
	@echo "install: akn and akn-serve in $(PREFIX)/bin (man akn; completions for bash, zsh, fish)"

uninstall:
	for file in $(INSTALLED); do rm -f "$(PREFIX)/$$file"; done
	@# The folders install made, deepest first, where nothing else is left in them (never PREFIX).
	@for dir in share/akn/schemas share/akn share/man/man1 share/man share/bash-completion/completions \
		share/bash-completion share/zsh/site-functions share/zsh share/fish/vendor_completions.d share/fish \
		share bin; do rmdir "$(PREFIX)/$$dir" 2>/dev/null || true; done
	@echo "uninstall: removed akn from $(PREFIX)"

## `make serve`: the web page and HTTP API on http://127.0.0.1:8080 (`akn serve`; SERVE_FLAGS
## passes options, e.g. SERVE_FLAGS="--port 9000").
SERVE_FLAGS ?=
serve: deps schema
	$(SWIFT) build $(BUILD_FLAGS) --product akn
	$(SWIFT) build $(BUILD_FLAGS) --product akn-serve
	.build/debug/akn serve $(SERVE_FLAGS)

## Runs every command the README and docs/ show (Scripts/test-docs.py). Part of `make test`.
test-docs:
	@$(PYTHON) Scripts/test-docs.py --akn $(AKN)

## The library's documentation: the DocC catalog Sources/AkomaNtoso/AkomaNtoso.docc (getting
## started with the Snippets/ programs, which `swift build` compiles and the tests run) and every
## public symbol of AkomaNtoso, built with swift-docc-plugin; a broken symbol link or an
## undocumented parameter fails (warnings are errors). Part of `make test`. Serve $(DOCS_OUT)
## with any static web server (open /documentation/akomantoso).
DOCS_OUT ?= .build/docs
docs:
	$(SWIFT) package --disable-sandbox generate-documentation --target AkomaNtoso --warnings-as-errors \
		--transform-for-static-hosting --output-path $(DOCS_OUT)
	@echo "docs: $(DOCS_OUT) (open documentation/akomantoso/index.html through a web server)"

## Installs into a temporary prefix, converts from / with no environment, reads the man page,
## uninstalls to an empty prefix (Scripts/test-install.sh). Part of `make test`.
test-install:
	@Scripts/test-install.sh

## The main job on the seed: install what is missing, build, convert the example, check it.
demo: deps schema build
	@mkdir -p $(AKN_DEMO_OUT)
	$(SWIFT) run $(BUILD_FLAGS) akn convert Examples/A_RES_67_27.txt -o $(AKN_DEMO_OUT)/A_RES_67_27.xml
	$(SWIFT) run $(BUILD_FLAGS) akn validate $(AKN_DEMO_OUT)/A_RES_67_27.xml
	@echo "demo: converted Examples/A_RES_67_27.txt -> $(AKN_DEMO_OUT)/A_RES_67_27.xml (schema-valid and AKN4UN-valid)"

## The test suite: unit, golden-file, corpus and end-to-end tests.
test: deps schema
	$(SWIFT) build $(BUILD_FLAGS)
	$(MAKE) --no-print-directory quality
	$(MAKE) --no-print-directory instructions
	$(SWIFT) test $(BUILD_FLAGS)
	$(MAKE) --no-print-directory test-docs
	$(MAKE) --no-print-directory docs
	$(MAKE) --no-print-directory test-install
	$(MAKE) --no-print-directory fuzz-smoke

## A short fuzz run in `make test`: every libFuzzer target (ASan) over its seeds, then FUZZ_SECONDS
## each with a fixed seed: the targets still build, and no seed or near mutation crashes. Long
## runs by hand: Scripts/fuzz.sh TARGET SECONDS.
FUZZ_SECONDS ?= 20
.PHONY: fuzz-smoke
fuzz-smoke: deps schema
	Scripts/fuzz.sh all $(FUZZ_SECONDS) -seed=1

## The instruction-count gate (not a timing): callgrind instructions per document of the release
## `akn batch --jobs 1` on fixed documents (20 seed copies, 50 generated when ../shared is there)
## against Tests/instruction-baseline.json; more than +3 % fails. A change that must cost more
## runs `make instructions-baseline` and commits the baseline on its own, saying why.
## See Scripts/instruction-gate.py.
instructions: deps schema
	@$(PYTHON) Scripts/test_instruction_gate.py
	$(SWIFT) build -c release $(BUILD_FLAGS) $(RELEASE_FLAGS) --product akn
	$(PYTHON) Scripts/instruction-gate.py --akn .build/release/akn

instructions-baseline: deps schema
	$(SWIFT) build -c release $(BUILD_FLAGS) $(RELEASE_FLAGS) --product akn
	$(PYTHON) Scripts/instruction-gate.py --akn .build/release/akn --update

## The benchmark against the peers (not part of `test`): see Benchmarks/README.md.
bench: deps schema
	Benchmarks/run.sh $(BENCH_FLAGS)

format:
	$(SWIFT) format -i -r Sources Tests Package.swift Snippets

## The walls: a wrong-way import (AKNReading importing AKNXML) must not build.
check-walls:
	@Scripts/check-walls.sh

lint:
	$(SWIFT) format lint --strict -r Sources Tests Package.swift Snippets Fuzz/Sources Benchmarks/Sources

clean:
	rm -rf .build $(AKN_DEMO_OUT)

## The corpus tools (Python 3, standard library only): see the docstrings of Scripts/corpus-*.py.
## `make snapshot SNAPSHOT=dir` converts every folder of ../shared/corpus with $(AKN) into dir;
## `Scripts/corpus-compare.py A B` then tells whether two snapshots differ (exit 0 if identical).
## `make quality` snapshots into .build/quality, prints the quality report (per-document detail in
## .build/quality.json) and fails if a count is over Tests/quality-ceilings.json.
## Both need `make build` first (or AKN=path) and are skipped when the corpus is absent.
PYTHON ?= python3
AKN ?= .build/debug/akn
QUALITY_OUT ?= .build/quality
AKN_CORPUS := $(wildcard $(if $(AKN_SHARED),$(AKN_SHARED),../shared)/corpus)

.PHONY: snapshot quality

snapshot:
	@test -n "$(SNAPSHOT)" || { echo "usage: make snapshot SNAPSHOT=dir [AKN=path/to/akn]" >&2; exit 2; }
ifeq ($(AKN_CORPUS),)
	@echo "snapshot: skipped: no corpus ($(if $(AKN_SHARED),$(AKN_SHARED),../shared)/corpus is absent)"
else
	@Schemas/fetch-schema.sh >/dev/null
	$(PYTHON) Scripts/corpus-snapshot.py --akn $(AKN) --out $(SNAPSHOT)
endif

quality:
	@$(PYTHON) Scripts/test_corpus_tools.py
ifeq ($(AKN_CORPUS),)
	@echo "quality: skipped: no corpus ($(if $(AKN_SHARED),$(AKN_SHARED),../shared)/corpus is absent)"
else
	@Schemas/fetch-schema.sh >/dev/null
	$(PYTHON) Scripts/corpus-quality.py $(QUALITY_OUT) --run --akn $(AKN) --json $(QUALITY_OUT).json \
		--ceilings Tests/quality-ceilings.json
endif
