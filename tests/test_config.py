"""Configuration: [tool.cleaner] in pyproject.toml, cleaner.toml, --config, and
the command line winning over the file."""

import pickle

import pytest
from click.testing import CliRunner

import cleaner
from cleaner import Config, ConfigError
from cleaner.cli import main
from cleaner.config import find_config_file, load_config

TEXT = "A real sentence about the council vote.\nLies auch\nJetzt hier abonnieren!\nRoute 6\n"
PYPROJECT = """
[project]
name = "my-scraper"

[tool.cleaner]
disable = ["trailing-junk"]
keep = ["^Route"]

[tool.cleaner.phrases]
teasers = ["Lies auch"]

[tool.cleaner.patterns]
promos = ['Jetzt .* abonnieren!?']
"""


def run(*args, input=TEXT):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_pyproject_table_is_found_from_a_subfolder(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    (tmp_path / "data" / "2019").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "data" / "2019")
    result = run("explain")
    assert result.stdout.splitlines() == [
        "stdin:2: teasers: configured phrase 'Lies auch'",
        "stdin:3: promos: configured pattern 'Jetzt .* abonnieren!?'",
    ]


def test_keep_protects_a_line_from_every_filter(tmp_path):
    config = tmp_path / "cleaner.toml"
    config.write_text('keep = ["^Route"]\n')
    assert run("clean", "--config", str(config)).stdout.endswith("Route 6\n")
    assert not run("clean").stdout.endswith("Route 6\n")


def test_command_line_wins_over_the_file(tmp_path):
    config = tmp_path / "cleaner.toml"
    config.write_text('disable = ["placeholders"]\nenable = ["syndication"]\n')
    text = "A real sentence about the vote.\nLoading...\n© 2019 Example News Ltd.\n"
    assert run("clean", "--config", str(config), input=text).stdout == "A real sentence about the vote.\nLoading...\n"
    both = run("clean", "--config", str(config), "--enable", "placeholders", "--disable", "syndication", input=text)
    assert both.stdout == "A real sentence about the vote.\n© 2019 Example News Ltd.\n"


def test_pyproject_without_a_cleaner_table_is_passed_over(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find_config_file(tmp_path) is None
    (tmp_path.parent / "cleaner.toml").write_text("")
    assert find_config_file(tmp_path) == tmp_path.parent / "cleaner.toml"


def test_search_stops_at_the_repository_root(tmp_path):
    (tmp_path / "cleaner.toml").write_text("")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    assert find_config_file(tmp_path / "repo") is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("bogus = 1\n", "unknown key 'bogus'"),
        ('disable = ["nope"]\n', "unknown filter 'nope'"),
        ("[phrases]\nnope = ['x']\n", "unknown filter 'nope'"),
        ("keep = ['(']\n", "bad regular expression '('"),
        ("[patterns]\npromos = ['[a-']\n", "patterns.promos: bad regular expression"),
        ("disable = 'credits'\n", "disable must be a list of strings"),
        ("disable = [\n", "not valid TOML"),
    ],
)
def test_bad_files_are_one_line_errors(tmp_path, content, message):
    config = tmp_path / "cleaner.toml"
    config.write_text(content)
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace("[", r"\[")):
        load_config(config)
    result = run("clean", "--config", str(config))
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_missing_config_file(tmp_path):
    result = run("clean", "--config", str(tmp_path / "nope.toml"))
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_config_with_rules_pickles_and_works_in_batch_workers(tmp_path):
    config = Config.from_mapping({"phrases": {"teasers": ["Lies auch"]}, "keep": ["^Route"]})
    assert pickle.loads(pickle.dumps(config)) == config
    src = tmp_path / "src"
    src.mkdir()
    for i in range(6):
        (src / f"{i}.txt").write_text(TEXT)
    (tmp_path / "cleaner.toml").write_text('keep = ["^Route"]\n[phrases]\nteasers = ["Lies auch"]\n')
    result = run("batch", str(src), "-o", str(tmp_path / "out"), "-j", "2", "--config", str(tmp_path / "cleaner.toml"))
    assert result.exit_code == 0
    for i in range(6):
        out = (tmp_path / "out" / f"{i}.txt").read_text()
        assert "Lies auch" not in out and "Route 6" in out


def test_library_from_mapping():
    config = Config.from_mapping({"disable": ["credits"], "phrases": {"ui-chrome": ["Weiter zum Artikel"]}})
    result = cleaner.clean_and_explain("A real sentence here.\nWeiter zum Artikel\nReuters\nThe end of the story.\n", config)
    assert [(r.filter, r.reason) for r in result.removals] == [("ui-chrome", "configured phrase 'Weiter zum Artikel'")]
