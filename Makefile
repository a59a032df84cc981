# The two commands: `make run` and `make test`. Both set up everything they need on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := wsgi

.PHONY: run test install install-test install-bench browser-deps scanner-deps migrate demo bench bench-load clean messages catalogues lock designsystemet

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Installs from the lock files only, every file checked against its hash (README, "Dependencies").
# pip is in the lock too: the venv's own pip replaces itself with the locked one in the same checked
# install, so no unchecked `pip install --upgrade pip` comes first.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-test.txt
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# The load test's Locust (bench/load.py), on top of the app: never in the app's or the tests' lock.
$(VENV)/.installed-bench: requirements-bench.txt requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-bench.txt
	touch $@

install-bench: $(VENV)/.installed-bench

# The browser tests (tests/browser) drive Debian's Chromium through Playwright (requirements-test.txt);
# Playwright's own browser download is never used. axe-core comes from npm, pinned in
# tests/browser/package-lock.json. Installing system packages needs root; otherwise we say what is missing.
CHROMIUM := /usr/bin/chromium
AXE := tests/browser/node_modules/axe-core/axe.min.js

# $(call debian_package,CHECK,PACKAGE,WHY): install Debian's PACKAGE when the shell test CHECK fails
# (as root), or say what is missing and stop. WHY reads after "The tests need".
define debian_package
	@if ! $(1); then \
		if [ "$$(id -u)" != "0" ]; then \
			echo "The tests need $(3): install Debian's $(2) package as root" \
				"(apt-get install $(2)), then run make test again." >&2; exit 1; \
		fi; \
		echo "== installing $(2) (Debian's package)"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update -qq && apt-get install -y -qq $(2) >/dev/null; \
	fi
endef

browser-deps: $(AXE)
	$(call debian_package,[ -x $(CHROMIUM) ],chromium,Chromium at $(CHROMIUM) for the browser tests)

# The attachment scanning tests (tests/integration/test_clamav.py) start Debian's clamd themselves, with a
# config and a one-signature database of their own; freshclam is installed with it but never run.
CLAMD := /usr/sbin/clamd
scanner-deps:
	$(call debian_package,[ -x $(CLAMD) ],clamav-daemon,ClamAV's clamd at $(CLAMD) for the virus scanning tests)

$(AXE): tests/browser/package.json tests/browser/package-lock.json
	$(call debian_package,command -v npm >/dev/null,npm,npm for axe-core in the browser tests)
	cd tests/browser && npm ci --no-audit --no-fund --silent
	touch $@

migrate: install
	$(BIN)/flask db upgrade

demo: migrate
	$(BIN)/flask demo

run: demo catalogues
	$(BIN)/flask run --host 127.0.0.1 --port 5000

# Runs the suite on SQLite, then again on PostgreSQL when TEST_DATABASE_URL is set; the browser tests
# (marked "browser") test pages, not the database, so they run on SQLite only.
# pytest exits 5 when it collected no tests: that is a failure here, never a pass.
test: install-test browser-deps scanner-deps catalogues
	$(BIN)/lint-imports --no-cache  # the layers in pyproject.toml ([tool.importlinter])
	env -u TEST_DATABASE_URL $(BIN)/python -m pytest -q
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== again on PostgreSQL ($$TEST_DATABASE_URL)"; \
		$(BIN)/python -m pytest -q -m "not browser"; \
	fi

# Translations (README, "Languages and translations"). The msgids are bokmål; nn and en translate them.
# The keywords are Flask-Babel's lazy functions on top of pybabel's defaults (_, gettext, ngettext, …);
# tests/unit/test_translations.py extracts with the same ones.
KEYWORDS := -k _l -k lazy_gettext -k lazy_ngettext:1,2 -k lazy_pgettext:1c,2

# Finds every message in hoering/ and templates/, then adds new ones to the nn and en catalogues.
messages: install
	$(BIN)/pybabel extract -F babel.cfg $(KEYWORDS) --add-comments=TRANSLATORS: --add-location=file \
		--project=hoering -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --ignore-obsolete --width=100

# .po → .mo (the .mo files are not in git). Fuzzy or empty entries are left out: they show in bokmål.
catalogues: install
	$(BIN)/pybabel --quiet compile -d translations

bench: install-test
	$(BIN)/python bench/run_all.py

# The load test (bench/load.py): gunicorn with 4 workers under Locust, on SQLite then PostgreSQL, starting
# its own PostgreSQL and Redis on loopback ports. LOAD_ARGS passes options on, e.g. LOAD_ARGS="--seconds 20".
bench-load: install-bench catalogues
	$(BIN)/python bench/load.py $(LOAD_ARGS)

# Compiles the lock files from requirements.in and requirements-test.in (README, "Dependencies") with
# pip-tools, in a venv of its own so the app's venv never holds it. LOCK_ARGS passes options on, e.g.
# `make lock LOCK_ARGS="--upgrade-package idna"`; the app's lock comes first, the tests' and the load test's
# are constrained by it.
LOCK_VENV := .venv-lock
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes \
	--allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links --no-emit-trusted-host $(LOCK_ARGS)

lock: $(LOCK_VENV)/bin/pip-compile
	$(PIP_COMPILE) -o requirements.txt requirements.in
	$(PIP_COMPILE) -o requirements-test.txt requirements-test.in
	$(PIP_COMPILE) -o requirements-bench.txt requirements-bench.in

$(LOCK_VENV)/bin/pip-compile:
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet pip==26.3 pip-tools==7.6.2

clean:
	rm -rf $(VENV) $(LOCK_VENV) instance

# Digdir's Designsystemet (MIT), vendored: static/vendor/designsystemet/ holds built, minified CSS that is
# committed, so `make run` needs no npm and no page loads anything from another site. This target rebuilds
# it from the exact versions pinned in designsystemet/package-lock.json; the same lock gives the same bytes.
#   index.css  the component CSS, as the package ships it (@digdir/designsystemet-css, dist/src/index.css)
#   theme.css  a theme made by the package's CLI (@digdir/designsystemet `tokens create` + `tokens build`)
#              from the config DS_THEME below (written into node_modules/, as the CLI reads its colours from a
#              file), minified with cssnano as upstream minifies its own default theme. Its colours:
#                main colour "accent" #1E5B8C (a dark municipal blue; data-color="accent", and the default),
#                neutral #1E2B3C (the CLI requires a neutral colour; this is the CLI's own example neutral),
#                no support colours (the CLI needs none; info/success/warning/danger are its built-in ones);
#              border radius 4 (the CLI's default) and font family "Inter" (the CLI's default: the theme only
#              names it in --ds-font-family, it loads no font; see static/vendor/designsystemet/README.md).
# The build stops if either file would load anything (an @import, or a url() that is not a data: URL).
DS_DIR := designsystemet
DS_OUT := static/vendor/designsystemet
DS_WORK := $(DS_DIR)/node_modules/.hoering-build
DS_CLI := node_modules/.bin/designsystemet
DS_THEME := {"themes": {"hoering": {"colors": {"main": {"accent": "\#1E5B8C"}, "neutral": "\#1E2B3C", "support": {}}, \
	"borderRadius": 4}}, "outDir": "node_modules/.hoering-build/tokens", "clean": true}

designsystemet:
	cd $(DS_DIR) && npm ci --no-audit --no-fund --silent
	rm -rf $(DS_WORK) && mkdir -p $(DS_WORK) $(DS_OUT)
	printf '%s\n' '$(DS_THEME)' > $(DS_WORK)/designsystemet.config.json
	cd $(DS_DIR) && $(DS_CLI) tokens create --config node_modules/.hoering-build/designsystemet.config.json >/dev/null
	cd $(DS_DIR) && $(DS_CLI) tokens build --tokens node_modules/.hoering-build/tokens \
		--out-dir node_modules/.hoering-build/css --clean >/dev/null
	BROWSERSLIST_IGNORE_OLD_DATA=1 $(DS_DIR)/node_modules/.bin/postcss $(DS_WORK)/css/hoering.css \
		--use cssnano --no-map --output $(DS_OUT)/theme.css
	cp $(DS_DIR)/node_modules/@digdir/designsystemet-css/dist/src/index.css $(DS_OUT)/index.css
	@# The CSS and the CLI packages carry the same MIT licence text; one copy stands for both.
	cmp -s $(DS_DIR)/node_modules/@digdir/designsystemet-css/LICENSE $(DS_DIR)/node_modules/@digdir/designsystemet/LICENSE
	cp $(DS_DIR)/node_modules/@digdir/designsystemet-css/LICENSE $(DS_OUT)/LICENSE
	@if grep -HoP '@import[^;]*|url\(\s*+["'"'"']?+\s*+(?!data:)[^)]{0,80}' $(DS_OUT)/*.css; then \
		echo "$(DS_OUT): the CSS above would load something from elsewhere" >&2; exit 1; fi
	@cd $(DS_DIR) && v() { node -p "require('./node_modules/$$1/package.json').version"; } && { \
		echo "# Designsystemet, vendored"; \
		echo; \
		echo "Built by \`make designsystemet\` (the Makefile says how); do not edit these files by hand."; \
		echo "The versions are pinned in designsystemet/package.json and designsystemet/package-lock.json."; \
		echo; \
		echo "- \`index.css\`: the component CSS of @digdir/designsystemet-css $$(v @digdir/designsystemet-css)," \
			"copied as shipped (dist/src/index.css)."; \
		echo "- \`theme.css\`: a theme made by @digdir/designsystemet $$(v @digdir/designsystemet) (the CLI)," \
			"minified by cssnano $$(v cssnano), from this config (\`tokens create --config\`):"; \
		echo '  `$(DS_THEME)`'; \
		echo "- \`LICENSE\`: the MIT licence of both packages (Digitaliseringsdirektoratet, Digdir)."; \
		echo; \
		echo "Load \`index.css\` first, then \`theme.css\`. Neither loads a font or anything else:" \
			"\`theme.css\` only names Inter in \`--ds-font-family\`."; \
		echo "Source: https://github.com/digdir/designsystemet"; \
	} > ../$(DS_OUT)/README.md
	@ls -l $(DS_OUT)
