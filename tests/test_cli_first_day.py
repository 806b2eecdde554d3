"""A user's first day with the CLI: install hints, --db, settings, help, safe folders, template.

These run the real command (``safeguard.cli.main`` or a subprocess) against real SQLite files
and, when ``SAFEGUARD_TEST_PG_URL`` is set, a real PostgreSQL server.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from safeguard.cli import build_parser, main
from safeguard.store.address import ambiguity, shown, to_url

PG_URL = os.environ.get("SAFEGUARD_TEST_PG_URL")
SECRET = "s3cret-Pa55"


def _run(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    pre: str = "",
    stdin: str | None = None,
):
    """Run ``safeguard ARGS`` in a fresh interpreter (``pre`` is Python run first; ``stdin``
    is typed in)."""
    code = f"import sys\n{pre}\nfrom safeguard.cli import main\nsys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        input=stdin,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )


# --- --db -------------------------------------------------------------------------------------


def test_db_accepts_a_plain_path_and_postgres_schemes(tmp_path: Path) -> None:
    assert to_url("cases.db", base=tmp_path) == f"sqlite:///{tmp_path / 'cases.db'}"
    assert to_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    assert to_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert to_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert to_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert to_url("sqlite:////abs/x.db") == "sqlite:////abs/x.db"


def test_ambiguous_relative_sqlite_url_is_warned_about() -> None:
    warning = ambiguity("sqlite:///data/x.db")
    assert warning and "current folder" in warning and str(Path.cwd() / "data/x.db") in warning
    assert ambiguity("sqlite:////data/x.db") is None
    assert ambiguity("data/x.db") is None
    assert ambiguity("postgresql://u@h/db") is None


def test_addresses_are_shown_without_passwords() -> None:
    assert (
        shown(f"postgresql://sg:{SECRET}@db.local:5432/cases")
        == "postgresql://sg@db.local:5432/cases"
    )
    assert SECRET not in shown(f"postgresql://sg@db.local/cases?password={SECRET}&sslmode=require")
    assert "sslmode=require" in shown(f"postgresql://sg@h/c?password={SECRET}&sslmode=require")


def test_warning_names_the_file_a_three_slash_url_means(tmp_path: Path) -> None:
    done = _run("export", "out", "--db", "sqlite:///missing.db", cwd=tmp_path)
    assert done.returncode == 2
    assert "three slashes" in done.stderr and str(tmp_path / "missing.db") in done.stderr
    assert "there is no safeguard database" in done.stderr
    assert not (tmp_path / "missing.db").exists()  # a reading command makes no empty store


def test_unreachable_server_is_said_in_plain_words_without_the_password() -> None:
    done = _run("audit", "--db", f"postgres://sg:{SECRET}@127.0.0.1:9/cases")
    assert done.returncode == 2
    assert "cannot reach a database server at 127.0.0.1" in done.stderr
    assert SECRET not in done.stderr + done.stdout
    assert "Traceback" not in done.stderr


def test_wrong_password_is_named_as_such() -> None:
    from safeguard.store.engine import describe_failure

    class Refused(Exception):
        pass

    exc = Refused('connection failed: FATAL:  password authentication failed for user "sg"')
    msg = describe_failure(exc, f"postgresql+psycopg://sg:{SECRET}@db.local/cases")
    assert "refused the user name or password" in msg and "PGPASSWORD" in msg
    assert SECRET not in msg


@pytest.mark.skipif(not PG_URL, reason="needs SAFEGUARD_TEST_PG_URL")
def test_postgres_failures_are_told_apart() -> None:
    from sqlalchemy.engine import make_url

    url = make_url(PG_URL)
    base = f"postgres://{url.username}:{SECRET}@{url.host}:{url.port}"
    no_db = _run("audit", "--db", f"{base}/no_such_database_here")
    assert (
        no_db.returncode == 2 and "has no database called 'no_such_database_here'" in no_db.stderr
    )
    no_user = _run("audit", "--db", f"postgres://nobody_here:{SECRET}@{url.host}:{url.port}/x")
    assert no_user.returncode == 2 and (
        "no user called 'nobody_here'" in no_user.stderr
        or "refused the user name or password" in no_user.stderr
    )
    for done in (no_db, no_user):
        assert SECRET not in done.stderr and "Traceback" not in done.stderr


def test_missing_postgres_driver_says_what_to_install(tmp_path: Path) -> None:
    done = _run(
        "audit", "--db", "postgres://sg@127.0.0.1:9/cases", pre="sys.modules['psycopg'] = None"
    )
    assert done.returncode == 2
    assert (
        "-m pip install -e '" in done.stderr
        and "[postgres]'" in done.stderr
        and "Traceback" not in done.stderr
    )


def test_an_address_for_another_kind_of_database_is_named_as_such(tmp_path: Path) -> None:
    done = _run("audit", "--db", "mysql://u@h/db")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "'mysql://u@h/db' is not a database address safeguard understands" in done.stderr
    assert "PostgreSQL driver" not in done.stderr


def test_mistyped_folders_are_refused_before_any_work(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Neither an audit's HTML report nor a new store makes folders a typo names."""
    report = tmp_path / "no-such-folder" / "r.html"
    assert main(["audit", "--db", str(store), "--html", str(report), "-q"]) == 2
    err = capsys.readouterr().err
    assert f"the folder {report.parent} does not exist" in err
    assert not report.parent.exists()


def test_user_add_without_a_terminal_points_to_password_stdin(tmp_path: Path) -> None:
    db = tmp_path / "u.db"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "safeguard",
            "user",
            "add",
            "dave",
            "--role",
            "admin",
            "--db",
            str(db),
        ],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "--password-stdin" in done.stderr and "Nothing was changed" in done.stderr


def test_serve_on_a_port_in_use_says_so_before_announcing_itself(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        port = held.getsockname()[1]
        assert main(["serve", "--db", str(store), "--port", str(port)]) == 2
    out, err = capsys.readouterr()
    assert f"port {port} is already in use" in err and "web app: http" not in out


# --- extras -----------------------------------------------------------------------------------


def test_serve_without_the_web_extra_says_so_before_making_demo_data(tmp_path: Path) -> None:
    done = _run(
        "serve", "--demo", env={"TMPDIR": str(tmp_path)}, pre="sys.modules['uvicorn'] = None"
    )
    assert done.returncode == 2
    assert (
        "-m pip install -e '" in done.stderr
        and "[web]'" in done.stderr
        and "Traceback" not in done.stderr
    )
    assert "Generating" not in done.stdout and not list(tmp_path.iterdir())


def test_store_commands_without_the_store_extra_say_so(tmp_path: Path) -> None:
    for args in (["audit"], ["import", str(tmp_path)], ["export", str(tmp_path / "o")]):
        done = _run(*args, pre="sys.modules['sqlalchemy'] = None")
        assert done.returncode == 2, args
        assert (
            "-m pip install -e '" in done.stderr
            and "[store]'" in done.stderr
            and "Traceback" not in done.stderr
        )


def test_lint_runs_without_the_store_or_web_packages(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("She was putting herself at risk by going out.\n", encoding="utf-8")
    blocked = "; ".join(
        f"sys.modules[{m!r}] = None"
        for m in ("sqlalchemy", "alembic", "mako", "platformdirs", "fastapi", "tqdm", "holidays")
    )
    done = _run("lint", str(notes), pre=blocked)
    assert done.returncode == 1, done.stderr
    assert "putting herself at risk" in done.stdout


# --- help, version, completion ----------------------------------------------------------------


def _commands() -> dict:
    import argparse

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_has_examples_and_quiet_verbose(name: str) -> None:
    import argparse

    parser = _commands()[name]
    text = parser.format_help()
    assert "examples:" in text, name
    leaves = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            leaves = list(action.choices.values())
    for leaf in leaves:
        assert "-q" in leaf._option_string_actions and "-v" in leaf._option_string_actions
        for action in leaf._actions:
            if action.dest == "db":
                assert action.help and "postgresql://user@host/name" in action.help
            if action.dest in ("since", "as_of"):
                assert "YYYY-MM-DD" in (action.help or "")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from safeguard import __version__

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0 and __version__ in capsys.readouterr().out


def test_completion_script_is_valid_bash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["completion", "bash"]) == 0
    script = capsys.readouterr().out
    assert "audit" in script and "--exit-zero" in script and "_shtab_compgen_files" in script
    path = tmp_path / "safeguard.bash"
    path.write_text(script)
    assert subprocess.run(["bash", "-n", str(path)]).returncode == 0


# --- a store with demo data -------------------------------------------------------------------


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("store")
    assert (
        main(["demo-data", "--children", "12", "--seed", "3", "--out", str(root / "d"), "-q"]) == 0
    )
    (root / "d" / "truth.jsonl").unlink()
    assert main(["import", str(root / "d"), "--db", str(root / "cases.db"), "-q"]) == 0
    return root / "cases.db"


def test_team_is_matched_without_regard_to_capitals(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from safeguard.audit.source import team_names
    from safeguard.store.engine import open_store

    engine = open_store(str(store))
    teams = team_names(engine)
    engine.dispose()
    assert teams
    code = main(["audit", "--db", str(store), "--team", teams[0].upper(), "--exit-zero", "-q"])
    out = capsys.readouterr().out
    assert code == 0 and "No cases" not in out and "cases," in out
    assert main(["audit", "--db", str(store), "--team", "Atlantis"]) == 2
    err = capsys.readouterr().err
    assert "no team called 'Atlantis'" in err and all(t in err for t in teams)


def test_exit_zero(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "--db", str(store), "-q"]) == 1  # the demo data has findings
    assert main(["audit", "--db", str(store), "-q", "--exit-zero"]) == 0
    capsys.readouterr()


def test_settings_file_in_a_parent_folder_configures_the_audit(store: Path, tmp_path: Path) -> None:
    (tmp_path / ".safeguard.toml").write_text(
        f'db = "{store}"\n\n[audit]\nexit-zero = true\nformat = "json"\n', encoding="utf-8"
    )
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    done = _run("audit", "-q", cwd=deep, env={"SAFEGUARD_DB": ""})
    assert done.returncode == 0, done.stderr
    assert done.stdout.lstrip().startswith("{")
    verbose = _run("audit", "-v", "--format", "text", cwd=deep, env={"SAFEGUARD_DB": ""})
    assert str(tmp_path / ".safeguard.toml") in verbose.stderr


def test_settings_file_paths_are_relative_to_it(store: Path, tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    import sqlite3

    with sqlite3.connect(store) as src, sqlite3.connect(tmp_path / "data" / "cases.db") as dst:
        src.backup(dst)  # a copy with what is still in the write-ahead log
    (tmp_path / "safeguard.toml").write_text(
        'db = "data/cases.db"\n[audit]\nhtml = "report.html"\n', encoding="utf-8"
    )
    (tmp_path / "sub").mkdir()
    done = _run("audit", "-q", "--exit-zero", cwd=tmp_path / "sub", env={"SAFEGUARD_DB": ""})
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "report.html").is_file()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[audit]\nteem = 'x'\n", "[audit] has no setting 'teem'"),
        ("[audti]\n", "unknown section [audti]"),
        ("colour = 1\n", "unknown setting colour"),
        ("[audit]\nexit-zero = 'yes'\n", "exit-zero must be true or false"),
        ("[audit]\nsince = 'last week'\n", "expected a date like 2025-04-01"),
        ("[serve]\nport = [1]\n", "port must be a single value"),
        ("[audit\n", "not valid TOML"),
    ],
)
def test_bad_settings_are_named(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / ".safeguard.toml").write_text(text, encoding="utf-8")
    done = _run("audit", cwd=tmp_path)
    assert done.returncode == 2
    assert message in done.stderr and str(tmp_path / ".safeguard.toml") in done.stderr


def test_export_refuses_a_folder_with_files_unless_told_to_overwrite(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    assert main(["export", str(out), "--db", str(store)]) == 2
    assert "is not empty" in capsys.readouterr().err and not (out / "children.csv").exists()
    assert main(["export", str(out), "--db", str(store), "--overwrite"]) == 0
    assert (out / "children.csv").exists() and (out / "keep.txt").read_text() == "mine"


# --- template ---------------------------------------------------------------------------------


def test_template_writes_every_file_with_a_commented_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from safeguard.records.io import columns
    from safeguard.records.schema import ENTITIES

    out = tmp_path / "mapping"
    assert main(["template", str(out)]) == 0
    for entity in ENTITIES:
        lines = (out / f"{entity}.csv").read_text(encoding="utf-8").splitlines()
        assert lines[0] == ",".join(columns(entity))
        assert len(lines) == 2 and lines[1].startswith("# "), entity
    readme = (out / "README.txt").read_text(encoding="utf-8")
    assert "date_of_birth (required; YYYY-MM-DD)" in readme
    # As written, the folder holds no records; uncommented, an example row imports.
    assert main(["import", str(out), "--db", str(tmp_path / "t.db")]) == 2
    err = capsys.readouterr().err
    assert "header row but no records" in err and "expected files such as" not in err
    children = out / "children.csv"
    children.write_text(children.read_text(encoding="utf-8").replace("# ", "", 1), encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(out), "--db", str(tmp_path / "t.db")]) == 0
    assert "Imported 1 child" in capsys.readouterr().out
    assert main(["template", str(out)]) == 2  # not over a filled folder without --overwrite


# --- serve --demo -----------------------------------------------------------------------------


def test_serve_demo_removes_its_temporary_folder(tmp_path: Path, unused_port: int) -> None:
    env = {**os.environ, "TMPDIR": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    code = "import sys\nfrom safeguard.cli import main\nsys.exit(main(sys.argv[1:]))"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            code,
            "serve",
            "--demo",
            "--demo-children",
            "3",
            "--port",
            str(unused_port),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if "Press Ctrl+C" in line:
                break
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith("safeguard-demo-")]
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and list(tmp_path.glob("safeguard-demo-*")):
        time.sleep(0.1)
    assert not list(tmp_path.glob("safeguard-demo-*"))


@pytest.fixture
def unused_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_mapping_example_imports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """docs/mapping.md's script turns its example export into files that import cleanly."""
    root = Path(__file__).resolve().parent.parent / "docs" / "mapping"
    done = subprocess.run(
        [sys.executable, str(root / "map_export.py"), str(root / "export"), str(tmp_path / "m")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert main(["import", str(tmp_path / "m"), "--db", str(tmp_path / "m.db"), "-q"]) == 0
    out = capsys.readouterr().out
    assert "2 children, 3 missing episodes, 2 risk assessments and 3 notes" in out
    children = (tmp_path / "m" / "children.csv").read_text(encoding="utf-8")
    assert "Jordan" not in children and "Example" not in children  # names are left behind


def test_settings_file_configures_the_server_and_the_command_line_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from safeguard import config
    from safeguard.cli import _apply_config

    monkeypatch.delenv("SAFEGUARD_DB", raising=False)
    (tmp_path / ".safeguard.toml").write_text(
        'db = "cases.db"\n[serve]\nport = 8123\n', encoding="utf-8"
    )
    parser = build_parser()
    _apply_config(parser, config.load(tmp_path / "deeper" / "still"))
    args = parser.parse_args(["serve"])
    assert args.port == 8123 and args.db == f"sqlite:///{tmp_path / 'cases.db'}"
    assert parser.parse_args(["serve", "--port", "9000"]).port == 9000


def test_install_commands_never_name_pypis_other_safeguard(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """'pip install safeguard[web]' would fetch another project of that name from PyPI: the
    hint names this Python and this source folder, or safeguard's own wheel."""
    import sys

    from safeguard import install

    here = install.install_command("web")
    assert here.startswith(f"{sys.executable} -m pip install -e '")
    assert here.endswith("[web]'") and str(install.source_folder()) in here
    monkeypatch.setattr(install, "source_folder", lambda: None)
    wheel = install.install_command("web")
    assert "-py3-none-any.whl[web]'" in wheel and "another project" in wheel


def test_a_mistyped_db_makes_no_empty_store_to_report_on(tmp_path: Path) -> None:
    """'user list' and 'access-log verify' on a database that is not there are refused (an
    empty store's "no users" or "the access log is empty" would read as assurance); 'user add'
    may start a new store, the first administrator's, and says that it did."""
    for args in (("user", "list"), ("access-log", "verify")):
        db = tmp_path / "nosuch.db"
        done = _run(*args, "--db", str(db))
        assert done.returncode == 2 and "there is no safeguard database at" in done.stderr
        assert not db.exists() and "Traceback" not in done.stderr
    new = tmp_path / "new.db"
    add = ("user", "add", "--role", "admin", "--password-stdin", "--db", str(new))
    done = _run(*add, "first.admin", stdin="a long enough password\n")
    assert done.returncode == 0, done.stderr
    assert new.exists() and "a new, empty one was made there" in done.stderr
    listed = _run("user", "list", "--db", str(new))
    assert listed.returncode == 0 and "first.admin" in listed.stdout
    again = _run(*add, "second", stdin="another long password\n")
    assert again.returncode == 0 and "new, empty" not in again.stderr


def test_the_templates_examples_import_together_when_uncommented(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The example rows are one family of records that refer to one another: uncommented,
    every one of them imports, one of each kind."""
    from safeguard.records.schema import ENTITIES

    out = tmp_path / "template"
    assert main(["template", str(out)]) == 0
    for entity in ENTITIES:
        path = out / f"{entity}.csv"
        path.write_text(path.read_text(encoding="utf-8").replace("# ", "", 1), encoding="utf-8")
    capsys.readouterr()
    assert main(["import", "--check", str(out)]) == 0, capsys.readouterr()
    assert f"All {len(ENTITIES)} records are valid" in capsys.readouterr().out
