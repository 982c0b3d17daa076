# akn: the two commands of the README are `make demo` and `make test`.
SWIFT ?= swift
# Every build refuses an import of a target that is not a declared dependency (the walls).
BUILD_FLAGS ?= --explicit-target-dependency-import-check error
AKN_DEMO_OUT ?= .build/demo
# C targets' debug information in DWARF 4: valgrind 3.19 (Debian 12), which the instruction gate
# runs, cannot read clang's default DWARF 5 and gives up on the binary. The same flags for every
# release build, so that `make release` and the gate share one build.
RELEASE_FLAGS ?= -Xcc -gdwarf-4

.PHONY: all deps schema build release demo test bench format lint check-walls clean instructions instructions-baseline

all: build

deps:
	@Scripts/install-deps.sh

schema:
	@Schemas/fetch-schema.sh

build: deps
	$(SWIFT) build $(BUILD_FLAGS)

release: deps
	$(SWIFT) build -c release $(BUILD_FLAGS) $(RELEASE_FLAGS)

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

## The instruction-count gate (not a timing): callgrind instructions per document of the release
## `akn batch --jobs 1` on fixed documents (20 seed copies, 50 generated when ../shared is there)
## against Tests/instruction-baseline.json; more than +3 % fails. A change that must cost more
## runs `make instructions-baseline` and commits the baseline on its own, saying why.
## See Scripts/instruction-gate.py.
instructions: deps schema
	@$(PYTHON) Scripts/test_instruction_gate.py
	$(SWIFT) build -c release $(BUILD_FLAGS) $(RELEASE_FLAGS)
	$(PYTHON) Scripts/instruction-gate.py --akn .build/release/akn

instructions-baseline: deps schema
	$(SWIFT) build -c release $(BUILD_FLAGS) $(RELEASE_FLAGS)
	$(PYTHON) Scripts/instruction-gate.py --akn .build/release/akn --update

## The benchmark against the peers (not part of `test`): see Benchmarks/README.md.
bench: deps schema
	Benchmarks/run.sh $(BENCH_FLAGS)

format:
	$(SWIFT) format -i -r Sources Tests Package.swift

## The walls: a wrong-way import (AKNReading importing AKNXML) must not build.
check-walls:
	@Scripts/check-walls.sh

lint:
	$(SWIFT) format lint --strict -r Sources Tests Package.swift Fuzz/Sources Benchmarks/Sources

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
