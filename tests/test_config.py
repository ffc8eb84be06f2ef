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
    assert find_config_file(tmp_path) == str(tmp_path.parent / "cleaner.toml")


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


# Config discovery follows the inputs, as black and ruff do.

def project(tmp_path, name="proj", settings='keep = ["^Route"]\n'):
    folder = tmp_path / name
    folder.mkdir()
    (folder / "cleaner.toml").write_text(settings)
    (folder / "a.txt").write_text(TEXT)
    return folder


def test_the_settings_are_found_from_the_input_not_the_current_folder(tmp_path, monkeypatch):
    folder = project(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert "Route 6" in run("clean", str(folder / "a.txt")).stdout  # trailing-junk is off in proj
    assert "Route 6" not in run("clean", "--no-config", str(folder / "a.txt")).stdout
    assert "Route 6" not in run("clean", input=TEXT).stdout  # stdin: from the current folder, which has none


def test_each_input_gets_its_own_settings(tmp_path):
    first = project(tmp_path, "first")
    second = project(tmp_path, "second", 'keep = []\n')
    cleaned = run("clean", str(first / "a.txt"), str(second / "a.txt")).stdout
    assert cleaned.count("Route 6") == 1
    stat = run("diff", "--stat", str(first), str(second)).stdout
    assert str(first) not in stat and str(second) in stat.splitlines()[0]  # only the second changes


def test_batch_reads_the_settings_of_its_source_folder(tmp_path, monkeypatch):
    folder = project(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert run("batch", str(folder), "-o", str(tmp_path / "out"), "-q").exit_code == 0
    assert "Route 6" in (tmp_path / "out" / "a.txt").read_text()


def test_cleaner_toml_takes_a_pasted_tool_table(tmp_path):
    folder = project(tmp_path, settings='[tool.cleaner]\nkeep = ["^Route"]\n')
    assert "Route 6" in run("clean", str(folder / "a.txt")).stdout


@pytest.mark.parametrize("content, message", [
    ('disabel = ["credits"]\n', "unknown key 'disabel'; did you mean 'disable'?"),
    ('disable = ["credts"]\n', "unknown filter 'credts'; did you mean 'credits'?"),
])
def test_a_misspelt_name_gets_a_suggestion(tmp_path, content, message):
    folder = project(tmp_path, settings=content)
    result = CliRunner().invoke(main, ["clean", str(folder / "a.txt")])
    assert result.exit_code == 2 and message in result.stderr


def test_a_type_error_names_the_file_once(tmp_path):
    folder = project(tmp_path, settings='disable = "credits"\n')
    result = CliRunner().invoke(main, ["clean", str(folder / "a.txt")])
    assert result.exit_code == 2
    assert result.stderr.count(str(folder / "cleaner.toml")) == 1 and "must be a list of strings" in result.stderr


def test_config_dev_null_is_no_settings_and_no_config_with_config_is_refused(tmp_path):
    folder = project(tmp_path)
    assert "Route 6" not in run("clean", "--config", "/dev/null", str(folder / "a.txt")).stdout
    result = CliRunner().invoke(main, ["clean", "--config", "/dev/null", "--no-config", str(folder / "a.txt")])
    assert result.exit_code == 2 and "--no-config has no effect with --config" in result.stderr


def test_config_command_shows_the_file_and_settings_that_give_the_config_back(tmp_path):
    folder = project(tmp_path, settings=PYPROJECT.replace("[tool.cleaner", "[x").split("[x]", 1)[1]
                     .replace("[x.", "["))
    shown = run("config", str(folder / "a.txt"), "--enable", "syndication")
    assert shown.stdout.splitlines()[0] == f"# settings file: {folder / 'cleaner.toml'}"
    (tmp_path / "shown.toml").write_text(shown.stdout)
    expected = load_config(folder / "cleaner.toml").override(enable=["syndication"])
    assert load_config(tmp_path / "shown.toml") == expected._replace(model=None)


def test_filters_marks_what_the_settings_switch(tmp_path, monkeypatch):
    project(tmp_path, settings='disable = ["credits"]\nenable = ["affiliate"]\n')
    monkeypatch.chdir(tmp_path / "proj")
    lines = {line.split()[0]: line for line in run("filters").stdout.splitlines()}
    assert lines["credits"].endswith("[off in cleaner.toml]")
    assert lines["affiliate"].endswith("[on in cleaner.toml]")
    assert lines["syndication"].endswith("[off; --enable syndication]")
    assert not lines["teasers"].endswith("]")


def test_filters_wrap_with_an_indent_at_any_width(monkeypatch):
    monkeypatch.setenv("COLUMNS", "50")
    lines = run("filters").stdout.splitlines()
    assert all(len(line) <= 50 or " " not in line.strip() for line in lines)
    assert any(line.startswith(" " * 20) for line in lines)
    # no word is cut: every word of a summary is whole on some line
    assert "playback" in " ".join(lines)
