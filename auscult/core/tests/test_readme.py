"""The README stays true: every environment variable the settings read is in its configuration
table (and nothing there is read by nobody), its code fences are closed, and every benchmark
under bench/ is listed."""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
SETTINGS = REPO / "auscult" / "settings"
# os.environ.get("X"), os.environ["X"], env_bool("X"), env_list("X"), getenv("X")
READS = re.compile(r"""(?:environ\.get|environ\[|env_bool|env_list|getenv)\(?\s*["']([A-Z][A-Z0-9_]+)["']""")


def readme():
    return (REPO / "README.md").read_text()


def settings_variables():
    return {name for path in SETTINGS.glob("*.py") for name in READS.findall(path.read_text())}


def table_variables():
    section = readme().split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split("|")[1])}


def test_the_pattern_finds_what_the_settings_read():
    found = settings_variables()
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "SITE_URL", "DEBUG"} <= found


def test_every_variable_the_settings_read_is_in_the_configuration_table():
    assert sorted(settings_variables() - table_variables()) == []


def test_the_configuration_table_names_only_variables_that_are_read():
    read_elsewhere = {"DJANGO_SETTINGS_MODULE", "PORT"}  # manage.py / wsgi.py and bin/run
    assert sorted(table_variables() - settings_variables() - read_elsewhere) == []


def test_code_fences_are_closed_and_stand_alone():
    fences = [line for line in readme().splitlines() if "```" in line]
    assert all(line.lstrip().startswith("```") for line in fences), "a fence shares its line with text"
    assert len(fences) % 2 == 0


def test_every_benchmark_is_listed():
    listed = readme()
    benchmarks = [p for p in (REPO / "bench").glob("*.py") if not p.name.startswith("_")]  # _django.py: their setup
    missing = [p.name for p in benchmarks if f"bench/{p.name}" not in listed]
    assert missing == []
