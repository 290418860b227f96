# vinn - the front door. Each target installs the Debian packages it is
# missing (as root; otherwise it prints the apt-get line), configures with
# Meson and builds with Ninja.
#
#   make demo     the main job on the embedded SQLite default
#   make check    every test (unit, store, e2e) and the layering check; the
#                 store suite runs on SQLite and on a PostgreSQL 15 server
#                 that tools/pg.sh starts for the run and stops after it
#   make bench    benchmarks (release build), one line each
#   make check-pg every e2e test again on PostgreSQL (check runs two of them)
#   make check-sanitize   unit and e2e tests under ASan + UBSan (CI runs it)
#   make fuzz     short libFuzzer runs of every target (clang)

BUILD ?= build
SAN_BUILD ?= build-san
BENCH_BUILD ?= build-release
MESON ?= meson
NINJA ?= ninja

.PHONY: all build demo check check-pg check-sanitize bench fuzz format clean

all: build

build:
	@tools/deps.sh build
	@test -f $(BUILD)/build.ninja || $(MESON) setup $(BUILD) >/dev/null
	@$(NINJA) -C $(BUILD) | grep -v '^ninja: no work to do' || true

demo: build
	@tools/deps.sh demo
	@tools/demo.sh $(BUILD)/src/cli/vinn

check:
	@tools/deps.sh check
	@test -f $(BUILD)/build.ninja || $(MESON) setup $(BUILD) >/dev/null
	@$(NINJA) -C $(BUILD)
	@tools/check-layers.sh
	tools/pg.sh run $(MESON) test -C $(BUILD) --no-suite e2e-pg-more --print-errorlogs \
		--num-processes 2

check-pg:
	@tools/deps.sh check
	@test -f $(BUILD)/build.ninja || $(MESON) setup $(BUILD) >/dev/null
	@$(NINJA) -C $(BUILD)
	tools/pg.sh run $(MESON) test -C $(BUILD) --suite store --suite e2e-pg --print-errorlogs \
		--num-processes 2

check-sanitize:
	@tools/deps.sh check
	@test -f $(SAN_BUILD)/build.ninja || $(MESON) setup $(SAN_BUILD) --buildtype=debug \
		-Db_sanitize=address,undefined -Db_lundef=false >/dev/null
	@$(NINJA) -C $(SAN_BUILD)
	ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tools/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	tools/pg.sh run $(MESON) test -C $(SAN_BUILD) --suite unit --suite store --suite e2e \
		--suite e2e-pg-check --suite fuzz-smoke --print-errorlogs --num-processes 2

bench:
	@tools/deps.sh bench
	@test -f $(BENCH_BUILD)/build.ninja || $(MESON) setup $(BENCH_BUILD) --buildtype=release >/dev/null
	@$(NINJA) -C $(BENCH_BUILD)
	@tools/bench.sh $(BENCH_BUILD)

fuzz:
	@tools/deps.sh fuzz
	@tools/fuzz.sh

format:
	clang-format -i $$(find src tests bench -name '*.[ch]')

clean:
	rm -rf $(BUILD) $(SAN_BUILD) $(BENCH_BUILD) build-fuzz
