# Issue 9: the man page (scdoc), make install (PREFIX, DESTDIR) and make test-fleet.
PREFIX ?= /usr/local
SYSCONFDIR ?= /etc
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
SCDOC ?= scdoc

.PHONY: man install uninstall test-fleet

man: $(BUILD)/sigscope.8

$(BUILD)/sigscope.8: docs/sigscope.8.scd
	@mkdir -p $(@D)
	@command -v $(SCDOC) >/dev/null || { echo "sigscope: scdoc is missing (apt-get install scdoc)" >&2; exit 2; }
	$(SCDOC) < $< > $@

$(BUILD)/sigscope.service: packaging/systemd/sigscope.service.in
	@mkdir -p $(@D)
	sed -e 's|@SBINDIR@|$(SBINDIR)|g' -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' $< > $@

install: $(BUILD)/sigscope $(BUILD)/sigscope.8 $(BUILD)/sigscope.service
	install -D -m 0755 $(BUILD)/sigscope $(DESTDIR)$(SBINDIR)/sigscope
	install -D -m 0644 policy/default.yaml $(DESTDIR)$(SYSCONFDIR)/sigscope/policy.yaml
	install -D -m 0644 packaging/default/sigscope $(DESTDIR)$(SYSCONFDIR)/default/sigscope
	install -D -m 0644 packaging/logrotate/sigscope $(DESTDIR)$(SYSCONFDIR)/logrotate.d/sigscope
	install -D -m 0644 $(BUILD)/sigscope.8 $(DESTDIR)$(MANDIR)/man8/sigscope.8
	install -D -m 0644 packaging/bash-completion/sigscope $(DESTDIR)$(BASHCOMPDIR)/sigscope
	install -D -m 0644 $(BUILD)/sigscope.service $(DESTDIR)$(SYSTEMDUNITDIR)/sigscope.service

uninstall:
	rm -f $(DESTDIR)$(SBINDIR)/sigscope $(DESTDIR)$(MANDIR)/man8/sigscope.8 \
		$(DESTDIR)$(BASHCOMPDIR)/sigscope $(DESTDIR)$(SYSTEMDUNITDIR)/sigscope.service

# Root: journald, rsyslogd, the Kafka mock cluster with kcat, the package with dpkg and lintian,
# the unit's security score, SIGHUP reload, -w reopen, --metrics (promtool), and the package's
# unit under systemd as PID 1 in systemd-nspawn over a debootstrap'd root, cached in
# /var/cache/sigscope-test (tests/fleet/run_fleet.py).
FLEET_PKGS := scdoc libsystemd-dev librdkafka-dev kcat rsyslog debhelper lintian logrotate \
	man-db dpkg-dev fakeroot systemd-container debootstrap prometheus
test-fleet:
	@scripts/install-deps.sh $(FLEET_PKGS)
	$(MAKE) $(BUILD)/sigscope $(BUILD)/sigscope.8 $(BUILD)/sigscope.service
	$(MAKE) -C tests/e2e
	$(CC) $(CFLAGS_COMMON) -O1 tests/fleet/kafka_mock.c -o $(BUILD)/kafka_mock -lrdkafka
	python3 tests/fleet/run_fleet.py --sigscope $(BUILD)/sigscope --progs $(BUILD)/e2e \
		--build $(BUILD)
