# sigscope build. `make` builds build/sigscope; `make test` runs every test; `make run` traces the
# whole machine. Both `test` and `run` first install what a fresh Debian 12 machine lacks.
CC ?= cc
CLANG ?= clang
BPFTOOL ?= bpftool
# The kernel side's architecture (src/bpf/arch/, src/bpf/vmlinux/): the machine's unless given,
# in the kernel's naming (x86_64 -> x86, aarch64 -> arm64).
ARCH ?= $(shell uname -m)
override ARCH := $(patsubst x86_64,x86,$(patsubst i%86,x86,$(patsubst aarch64,arm64,$(ARCH))))
BUILD := build
# Tests only (README "When the kernel refuses a program"): `make SIGSCOPE_PLANT_REFUSAL=PROG`
# builds build/plant-PROG/sigscope, whose BPF program PROG (signal_generate or signal_deliver)
# every verifier refuses (src/bpf/signal.bpf.h). Only the BPF object, the skeleton, the driver
# that includes it and the binary are built there; the rest of user space is the same objects as
# the normal build's (build/obj), which the variant never changes.
PLANTABLE := signal_generate signal_deliver
SIGSCOPE_PLANT_REFUSAL ?=
BPF_PLANT :=
ifneq ($(SIGSCOPE_PLANT_REFUSAL),)
ifeq ($(filter $(SIGSCOPE_PLANT_REFUSAL),$(PLANTABLE)),)
$(error SIGSCOPE_PLANT_REFUSAL must be one of: $(PLANTABLE))
endif
BUILD := build/plant-$(SIGSCOPE_PLANT_REFUSAL)
BPF_PLANT := -DSIGSCOPE_PLANT_REFUSAL_$(shell echo $(SIGSCOPE_PLANT_REFUSAL) | tr a-z A-Z)
endif
OBJ := build/obj

CFLAGS_COMMON := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -g
CFLAGS ?= -O2
# Every object records the headers it read (-MMD -MP): editing one rebuilds what includes it.
DEPFLAGS := -MMD -MP
LIBS := -lbpf -lelf -lz -lyaml -lcap -lsystemd -lrdkafka

# LIB_SRCS: everything the unit tests link too; the driver needs the BPF skeleton.
LIB_SRCS := $(wildcard src/util/*.c src/decode/*.c src/output/*.c src/proc/*.c src/cli/*.c src/rules/*.c)
DRIVER_SRCS := $(wildcard src/driver/*.c)
USER_SRCS := $(LIB_SRCS) $(DRIVER_SRCS)
# The driver includes the skeleton: its objects live with it in $(BUILD).
DRIVER_OBJS := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(DRIVER_SRCS))
USER_OBJS := $(patsubst src/%.c,$(OBJ)/%.o,$(LIB_SRCS)) $(DRIVER_OBJS)
MAIN_SRC := src/sigscope.c
MAIN_OBJ := $(OBJ)/sigscope.o

BPF_SRC := src/bpf/sigscope.bpf.c
BPF_OBJ := $(BUILD)/sigscope.bpf.o
SKEL := $(BUILD)/sigscope.skel.h
VMLINUX := src/bpf/vmlinux/$(ARCH)/vmlinux.h

.PHONY: all deps run test unit golden static e2e conformance test-reliability fuzz fuzz-long corpus-long test-kernels kernels-readme bench bench-hooks bench-kernels corpus detection-matrix test-realworld format format-check lint clean
# A failed recipe leaves no half-written target behind (an empty skeleton would pass for built).
.DELETE_ON_ERROR:
all: $(BUILD)/sigscope

deps:
	@scripts/install-deps.sh

$(BPF_OBJ): $(BPF_SRC) $(VMLINUX)
	@mkdir -p $(@D)
	$(CLANG) -g -O2 -Wall -Werror $(DEPFLAGS) -target bpf -D__TARGET_ARCH_$(ARCH) $(BPF_PLANT) \
		-I src/bpf/vmlinux/$(ARCH) -I src -c $< -o $@
	python3 scripts/bpf_cfg_check.py $@ || { rm -f $@; exit 1; }

# bpftool's linker keeps BTF and drops the DWARF the skeleton would otherwise carry (1 MB).
$(BUILD)/sigscope.bpf.linked.o: $(BPF_OBJ)
	$(BPFTOOL) gen object $@ $^
$(SKEL): $(BUILD)/sigscope.bpf.linked.o
	$(BPFTOOL) gen skeleton $< name sigscope_bpf > $@

$(OBJ)/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS_COMMON) $(CFLAGS) $(DEPFLAGS) -I src -c $< -o $@
ifneq ($(BUILD),build)
$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS_COMMON) $(CFLAGS) $(DEPFLAGS) -I src -c $< -o $@
endif

# The driver includes the generated skeleton.
$(DRIVER_OBJS): $(SKEL)
$(DRIVER_OBJS): CFLAGS += -I $(BUILD)

# --- issue 9: man page, install, fleet tests (README "Deploying on a fleet") ---
include packaging/install.mk

# The release binary is stripped; its DWARF stays next to it in sigscope.debug, found by gdb
# through the debug link.
$(BUILD)/sigscope.full: $(MAIN_OBJ) $(USER_OBJS)
	$(CC) $(CFLAGS_COMMON) $(CFLAGS) $^ -o $@ $(LDFLAGS) $(LIBS)
$(BUILD)/sigscope.debug: $(BUILD)/sigscope.full
	objcopy --only-keep-debug $< $@
$(BUILD)/sigscope: $(BUILD)/sigscope.full $(BUILD)/sigscope.debug
	objcopy --strip-debug --strip-unneeded --add-gnu-debuglink=$(BUILD)/sigscope.debug $< $@

# A static sigscope for the guest kernels (tests/kernels/run.sh), from the same objects and flags,
# but without the journald and Kafka outputs: Debian ships no static libsystemd, and librdkafka.a
# needs a TLS/SASL stack (-o journal and -o kafka say so at start). libelf's static archive needs
# zlib (and zstd where elfutils was built with it).
NOFLEET_SRCS := src/output/journal.c src/output/kafka.c src/output/multi.c
NOFLEET_OBJS := $(patsubst src/%.c,$(BUILD)/obj-static/%.o,$(NOFLEET_SRCS))
$(BUILD)/obj-static/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_COMMON) $(CFLAGS) $(DEPFLAGS) -DSIGSCOPE_NO_JOURNAL -DSIGSCOPE_NO_KAFKA \
		-I src -c $< -o $@
STATIC_OBJS := $(filter-out $(patsubst src/%.c,$(OBJ)/%.o,$(NOFLEET_SRCS)),$(USER_OBJS)) \
	$(NOFLEET_OBJS)
STATIC_LIBS := $(filter-out -lsystemd -lrdkafka,$(LIBS)) -lelf -lz \
	$(if $(wildcard /usr/lib/x86_64-linux-gnu/libzstd.a),-lzstd)
static: $(BUILD)/sigscope-static
$(BUILD)/sigscope-static: $(MAIN_OBJ) $(STATIC_OBJS)
	$(CC) -static $(CFLAGS_COMMON) $(CFLAGS) $^ -o $@ $(STATIC_LIBS)

# Unit tests: no root, no BPF; built with ASan and UBSan, objects of their own.
UNIT_SRCS := $(wildcard tests/unit/*.c)
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
UNIT_OBJS := $(patsubst %.c,$(BUILD)/san/%.o,$(UNIT_SRCS) $(LIB_SRCS))
$(BUILD)/san/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_COMMON) -O1 $(SAN) $(DEPFLAGS) -I src -I tests/unit -c $< -o $@
$(BUILD)/unit_tests: $(UNIT_OBJS)
	$(CC) $(CFLAGS_COMMON) -O1 $(SAN) $^ -o $@ $(LIBS) -ljansson

unit: $(BUILD)/unit_tests
	$(BUILD)/unit_tests

# Rewrite tests/unit/golden/ (every writer's output for every fixture) from the writers as they
# are now; the diff is the review.
golden: $(BUILD)/unit_tests
	SIGSCOPE_GOLDEN_WRITE=1 $(BUILD)/unit_tests golden_files
	git diff --stat -- tests/unit/golden

# End-to-end tests: root, BPF; test programs are built by tests/e2e/Makefile.
e2e: $(BUILD)/sigscope
	$(MAKE) -C tests/e2e
	python3 tests/e2e/run_e2e.py --sigscope $(BUILD)/sigscope --progs $(BUILD)/e2e
	python3 tests/e2e/run_cli.py --sigscope $(BUILD)/sigscope --progs $(BUILD)/e2e

# Every line of the e2e programs, findings and enforcement events in both JSON formats, checked
# against tables of Tracee's type facts by a Go checker (standard library only, built offline).
conformance: $(BUILD)/sigscope
	command -v go >/dev/null || apt-get install -y golang-go
	$(MAKE) -C tests/e2e
	python3 tests/conformance/run.py --sigscope $(BUILD)/sigscope --progs $(BUILD)/e2e --build $(BUILD)

# Reliability (issue 12, README "Reliability"): root, BPF; one bounded check per promise. The
# refusal/* checks run the builds with a planted refusal (issue 15), made here.
test-reliability: $(BUILD)/sigscope
	$(MAKE) -C tests/e2e
	$(MAKE) -C tests/reliability
	$(foreach p,$(PLANTABLE),$(MAKE) SIGSCOPE_PLANT_REFUSAL=$(p) &&) true
	python3 tests/reliability/run_reliability.py --sigscope $(BUILD)/sigscope --progs $(BUILD)/e2e \
		--planted build

# libFuzzer targets for the policy parser, the option parser and the PE export reader (clang, ASan,
# UBSan). `make fuzz` runs each for FUZZ_TIME seconds from the seeds in tests/fuzz/; `make
# fuzz-long` for an hour.
FUZZ_CC ?= clang
FUZZ_TIME ?= 12
FUZZ_FLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_DEPS := src/rules/policy.c src/rules/findings.c src/cli/options.c src/util/text.c \
	src/output/jsonw.c src/cli/output_spec.c src/decode/names.c src/proc/pe.c
# (several sources in one compile: -MMD cannot name their dependencies, the headers stand in)
$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_DEPS) $(wildcard src/*/*.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CFLAGS_COMMON) $(FUZZ_FLAGS) -I src $< $(FUZZ_DEPS) -o $@ -lyaml

# funcs_find on arbitrary bytes: libelf and the pclntab reader (src/proc/funcs.c) alone.
$(BUILD)/fuzz_funcs: tests/fuzz/fuzz_funcs.c src/proc/funcs.c src/proc/funcs.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CFLAGS_COMMON) $(FUZZ_FLAGS) -I src $< src/proc/funcs.c -o $@ -lelf

fuzz: $(BUILD)/fuzz_policy $(BUILD)/fuzz_options $(BUILD)/fuzz_funcs $(BUILD)/fuzz_pe
	@mkdir -p $(BUILD)/fuzz/policy $(BUILD)/fuzz/options $(BUILD)/fuzz/funcs $(BUILD)/fuzz/pe
	$(BUILD)/fuzz_policy -max_total_time=$(FUZZ_TIME) -max_len=4096 -timeout=5 \
		-print_final_stats=1 $(BUILD)/fuzz/policy tests/fuzz/policy
	$(BUILD)/fuzz_options -max_total_time=$(FUZZ_TIME) -max_len=1024 -timeout=5 \
		-print_final_stats=1 $(BUILD)/fuzz/options tests/fuzz/options
	$(BUILD)/fuzz_funcs -max_total_time=$(FUZZ_TIME) -max_len=65536 -timeout=5 \
		-print_final_stats=1 $(BUILD)/fuzz/funcs tests/fuzz/funcs
	$(BUILD)/fuzz_pe -max_total_time=$(FUZZ_TIME) -max_len=8192 -timeout=5 \
		-print_final_stats=1 $(BUILD)/fuzz/pe tests/fuzz/pe

fuzz-long:
	$(MAKE) fuzz FUZZ_TIME=3600

# The kernel matrix (tests/kernels/matrix.py): the same end-to-end checks on Debian's own amd64
# kernels under qemu (TCG), one boot per kernel, two guests at a time: 6.1 (bookworm; this
# machine's kernel runs no 32-bit code, so the ia32 sigreturn paths are proven there), the newest
# 6.12 (bookworm-backports), the newest 6.18 and the newest kernel Debian's lists hold (fetched
# with a private apt configuration in $(BUILD)/kernels/apt). Every guest smoke-tests each backend
# and runs tests/kernels/plan.txt; 6.1 and the newest also run the malicious corpus and the
# benign guest plan; Debian's generic 6.1 with syscall.x32=y runs plan-x32.txt. Writes
# $(BUILD)/kernels/matrix/matrix.{md,csv,json}; fails when any check failed.
test-kernels: static
	python3 tests/kernels/matrix.py --build $(BUILD)/kernels

# The README's "Kernels" section from the last test-kernels run.
kernels-readme:
	python3 tests/kernels/readme_kernels.py $(BUILD)/kernels/matrix/matrix.json README.md

# Tracing cost against bpftrace, perf trace and strace, untraced in the same run (root; long):
# bench/results/latest.{md,csv,png}. ROUNDS, N, TRACERS, WORKLOADS narrow it (bench/run.sh).
bench: deps
	bench/install-deps.sh
	$(MAKE) $(BUILD)/sigscope
	bench/run.sh
	python3 bench/hook_profile.py | tee bench/results/hooks.md

# BPF run time per signal of each sigscope program (bpf_stats); BASE=BIN interleaves a second
# binary (the tree before a change) in the same rounds. ROUNDS, N, MODES narrow it.
bench-hooks: $(BUILD)/sigscope
	python3 bench/hook_profile.py --rounds $${ROUNDS:-5} --n $${N:-200000} \
		--modes $${MODES:-full,light} $${BASE:+--base $$BASE}

# Hook costs of each backend on the 6.1 guest (TCG: ratios indicative only).
bench-kernels: static
	KERNELS_BENCH=$${ROUNDS:-3} tests/kernels/run.sh $(BUILD)/kernels/bench tests/kernels/bench-plan.txt
	cat $(BUILD)/kernels/bench/guest-kernel.txt
	python3 tests/kernels/bench_table.py $(BUILD)/kernels/bench/console.log

# Detection corpora: runtimes that legitimately rewrite contexts (no finding above low, every
# sigreturn paired, a million sigreturns) and small SROP attacks (each found, each killed).
corpus: $(BUILD)/sigscope
	python3 tests/corpus/run_benign.py --sigscope $(BUILD)/sigscope --install
	python3 tests/corpus/run_malicious.py --sigscope $(BUILD)/sigscope
	python3 tests/corpus/run_malicious.py --sigscope $(BUILD)/sigscope --hooks enter --only srop_unreadable_frame,srop_stale_exit
	python3 tests/corpus/run_malicious.py --sigscope $(BUILD)/sigscope --hooks light --only srop_unreadable_frame,srop_stale_exit

# The benign storm at volume (root; about 6 minutes): 16 runs of 250,000 signals, 4,000,000
# sigreturns paired and clean. make test's corpus runs one.
corpus-long: $(BUILD)/sigscope
	python3 tests/corpus/run_benign.py --sigscope $(BUILD)/sigscope --only storm \
		--storm-total 4000000 --min-sigreturns 4000000
	python3 tests/corpus/run_benign.py --sigscope $(BUILD)/sigscope --only go --module-flood 14000 \
		--min-sigreturns 0

# Real-world benign corpus (issue 16, tests/realworld/): Go, OpenJDK, Node.js, Mono, SBCL, Wine,
# qemu-user and gdb from Debian's packages (apt-get installs the missing ones, about 190 MB)
# under --enforce: nothing killed, no finding at medium or above, every sigreturn paired. The
# workloads listed in known-failures.txt may fail without failing the target. Part of `make test`
# (about 2 minutes with the downloads). Writes $(BUILD)/realworld/report.md (every finding's shape).
test-realworld: $(BUILD)/sigscope
	python3 tests/realworld/run_realworld.py --sigscope $(BUILD)/sigscope --out $(BUILD)/realworld \
		--known-failures tests/realworld/known-failures.txt

# The table program x finding, with whether enforcement held, that the README carries.
detection-matrix: $(BUILD)/sigscope
	python3 tests/corpus/run_malicious.py --sigscope $(BUILD)/sigscope --matrix

# The phases in tests/phases.py: the root ones in order, format-check, lint, unit and fuzz beside
# test-kernels, and a table of each phase's wall time at the end.
test: deps
	$(MAKE) all static
	python3 tests/phases.py --make "$(MAKE)"

run: deps
	$(MAKE) all
	$(BUILD)/sigscope $(ARGS)

FORMAT_SRCS = $(filter-out $(VMLINUX),$(wildcard src/*.c src/*/*.c src/*/*.h src/bpf/arch/*.h tests/unit/*.c tests/unit/*.h tests/fuzz/*.c tests/reliability/progs/*.c tests/e2e/progs/*.c tests/e2e/progs/*.h tests/corpus/*/*.c tests/corpus/*/*/*.c tests/corpus/*/*.h tests/realworld/*/*.c tests/realworld/*.h))
format:
	clang-format -i $(FORMAT_SRCS)
format-check:
	clang-format --dry-run -Werror $(FORMAT_SRCS)
lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability --inline-suppr \
		--suppress=missingIncludeSystem -I src $(MAIN_SRC) $(USER_SRCS)

clean:
	rm -rf $(BUILD)

# Dependency files of the objects (not build/deb's *.d directories: logrotate.d, ...).
-include $(wildcard $(BUILD)/*.d) $(shell find $(sort $(OBJ) $(BUILD)/obj) $(BUILD)/obj-static \
	$(BUILD)/san -name '*.d' -type f 2>/dev/null)
