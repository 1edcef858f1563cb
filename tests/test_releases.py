"""Published releases are immutable: refusals, clean no-ops, corrections and withdrawal.

Three releases of the example data (as in test_publish.py) are published into a local bare
repository, a copy kept after each; each test that changes the site works on its own copy of
one of them, and reads the branch back, served under the project-site path as GitHub Pages
serves it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

import pytest
from click.testing import CliRunner, Result

from generator.analysis.changes import Correction
from generator.commands.cli import main
from generator.commands.correct import CorrectionRequest
from generator.commands.publish import publish
from generator.model.site import Release, ReleaseStatus
from generator.pages.context import CorrectionNotice, page_fields
from generator.settings import load_settings
from tests.deployment import BASE, FIRST, GONE, MOVED, REPO, SECOND, THIRD, _rewrite
from tests.deployment import config_for as _config_for
from tests.deployment import release_data as _release_data
from tests.test_publish import _get, _lands, _redirect_target
from tools.browser.server import SiteServer

#: Checks out a remote's Pages branch and serves it.
Serve = Callable[[Path], SiteServer]
NOTE = "The June 2025 figure left out contacts recorded late."
ON = date(2025, 12, 2)
CONTACTS = "front-door/contacts/"


@dataclass(frozen=True)
class Published:
    """The bare remote after each release, and the configurations that publish them."""

    after_first: Path
    after_second: Path
    after_third: Path
    first: Path  # mkdocs.yml reading release 1's data
    second: Path  # mkdocs.yml reading release 2's data
    third: Path  # mkdocs.yml reading release 3's data
    tmp: Path


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Published:
    """Publish releases 1, 2 and 3, keeping a copy of the remote after each."""
    tmp = tmp_path_factory.mktemp("releases")
    remote = tmp / "site.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    first = _config_for(_release_data(tmp / "release-1", second=False), tmp / "first.yml")
    second = _config_for(_release_data(tmp / "release-2", second=True), tmp / "second.yml")
    third = _config_for(_release_data(tmp / "release-3", third=True), tmp / "third.yml")
    assert _publish(remote, first).exit_code == 0
    shutil.copytree(remote, tmp / "after-first.git")
    assert _publish(remote, second).exit_code == 0
    shutil.copytree(remote, tmp / "after-second.git")
    assert _publish(remote, third).exit_code == 0
    return Published(tmp / "after-first.git", tmp / "after-second.git", remote, first, second,
                     third, tmp)


def _publish(remote: Path, config: Path, *options: str) -> Result:
    return CliRunner().invoke(main, ["publish", "--config", str(config), "--remote", str(remote),
                                     *options])


def _copy(remote: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "site.git"
    shutil.copytree(remote, copy)
    return copy


def _head(remote: Path) -> str:
    return subprocess.run(["git", "-C", str(remote), "rev-parse", "gh-pages"],
                          capture_output=True, text=True, check=True).stdout


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Serve]:
    """Return a function that checks out a remote's branch and serves it."""
    servers: list[SiteServer] = []

    def serve(remote: Path) -> SiteServer:
        checkout = tmp_path / f"checkout-{len(servers)}"
        subprocess.run(["git", "clone", "--quiet", "--branch", "gh-pages", str(remote),
                        str(checkout)], check=True)
        server = SiteServer({BASE: checkout})
        servers.append(server.__enter__())
        return server

    yield serve
    for server in servers:
        server.__exit__(None, None, None)


def _refused(run: Result, message: str, code_fix: str) -> None:
    assert run.exit_code == 1, run.output
    assert "Traceback" not in run.output and "internal error" not in run.output
    assert message in run.output, run.output
    assert code_fix in run.output


def test_republishing_identical_content_is_a_clean_no_op(published: Published,
                                                         tmp_path: Path) -> None:
    remote = _copy(published.after_third, tmp_path)
    before = _head(remote)
    run = _publish(remote, published.third)
    assert run.exit_code == 0, run.output
    assert run.output == (f"Nothing changed: {THIRD} (Quarter 3 2025/26) is already published "
                          "in gh-pages with exactly these pages; nothing was pushed.\n")
    assert _head(remote) == before


@pytest.mark.parametrize("which, options, message, fix", [
    ("second", ["--release", "2025-26-q3"],
     "release 2025-26-q3 (Quarter 3 2025/26) is still planned in releases.csv",
     "set its status to published"),
    ("second", ["--release", FIRST],
     f"release {FIRST} is not the newest published release in the data ({SECOND} is), and a "
     "release is only built from the data of its own time",
     f"To correct a figure in {FIRST}, use publish --correct {FIRST}"),
    ("first", [], f"the branch already holds a newer release than {FIRST} ({SECOND})",
     "Publish the newest release"),
    ("changed", [], f"release {SECOND} is already published in gh-pages, and publishing it "
     "again would change its pages; nothing was pushed", "correct this release with publish "
     "--correct"),
])
def test_publishing_is_refused_and_nothing_is_pushed(published: Published, tmp_path: Path,
                                                     which: str, options: list[str],
                                                     message: str, fix: str) -> None:
    remote = _copy(published.after_second, tmp_path)
    before = _head(remote)
    config = {"first": published.first, "second": published.second}.get(which)
    if config is None:  # release 2's data with a figure changed after it was published
        packages = _release_data(tmp_path / "changed", second=True)
        _rewrite(tmp_path / "changed" / "northbridge-childrens" / "observations.csv",
                 lambda r: {**r, "value": "1000"} if (r["indicator_id"], r["period"]) == (
                     "contacts", "2025-07") else r)
        config = _config_for(packages, tmp_path / "changed.yml")
    _refused(_publish(remote, config, *options), message, fix)
    assert _head(remote) == before


def test_a_rejected_push_says_why(published: Published, tmp_path: Path) -> None:
    remote = _copy(published.after_first, tmp_path)
    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'Pages are frozen during the election period' >&2\n"
                    "exit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    run = _publish(remote, published.second)
    _refused(run, "git refused the push, so nothing was published: remote: Pages are frozen "
             "during the election period", "A hook on the remote refused the push")
    assert "pre-receive hook declined" in run.output


def _rows(tmp_path: Path, text: str) -> Path:
    rows = tmp_path / "corrected.csv"
    rows.write_text(text, encoding="utf-8")
    return rows


@pytest.fixture(scope="module")
def corrected(published: Published, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Correct release 1's June 2025 contacts (1,140 → 1,145) in a copy of the remote."""
    tmp = tmp_path_factory.mktemp("corrected")
    remote = _copy(published.after_second, tmp)
    rows = _rows(tmp, "indicator_id,period,value\ncontacts,2025-06,1145\n")
    settings = replace(load_settings(REPO / "mkdocs.yml"),
                       packages=tuple(sorted(p for p in (published.tmp / "release-2").iterdir())))
    result = publish(settings, str(remote), correction=CorrectionRequest(FIRST, NOTE, rows, ON))
    assert result.summary() == (f"Corrected {FIRST} (Quarter 1 2025/26) in gh-pages (an older "
                                f"release: 'latest' unchanged); the pages as they were are kept "
                                f"in {FIRST}-superseded-1/; pushed.")
    return remote


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_a_correction_announces_itself_and_keeps_the_superseded_pages(corrected: Path,
                                                                      served: Serve) -> None:
    server = served(corrected)
    status, html = _get(server, f"{BASE}{FIRST}/{CONTACTS}")
    assert status == 200
    assert f"Corrected on 2 December 2025: {NOTE} See this page as it was before the " \
           "correction." in _text(html)
    link = re.search(r'<a href="([^"]*superseded[^"]*)"', html)
    assert link, html
    old_address = urljoin(f"{BASE}{FIRST}/{CONTACTS}", link.group(1))
    assert old_address == f"{BASE}{FIRST}-superseded-1/{CONTACTS}"
    status, old = _get(server, old_address)
    assert status == 200 and "Corrected on" not in old and "1,140" in old
    assert "1,145" in html
    # A page whose figures the correction did not change carries no notice.
    assert "Corrected on" not in _get(server, f"{BASE}{FIRST}/front-door/referrals/")[1]
    # The superseded copy is not a release: the selector and latest ignore it.
    versions = _get(server, f"{BASE}versions.json")[1]
    assert "superseded" not in versions
    latest = _get(server, f"{BASE}latest/{CONTACTS}")[1]
    assert urljoin(f"{BASE}latest/{CONTACTS}", _redirect_target(latest)) == \
        f"{BASE}{SECOND}/{CONTACTS}"


def test_what_changed_lists_the_corrected_values(corrected: Path, served: Serve) -> None:
    html = _get(served(corrected), f"{BASE}{FIRST}/whats-changed/")[1]
    row = re.search(r'<tr class="correction"[^>]*>(.*?)</tr>', html, re.S)
    assert row, html
    cells = [_text(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row.group(1))]
    assert cells == ["Contacts received by the front door", "June 2025", "1,140", "1,145"]
    assert "Corrected on 2 December 2025" in _text(html)


def test_a_second_correction_keeps_the_first_notice(corrected: Path, published: Published,
                                                    tmp_path: Path, served: Serve) -> None:
    remote = _copy(corrected, tmp_path)
    rows = _rows(tmp_path, "indicator_id,period,value\ncontacts,2025-05,1001\n")
    run = _publish(remote, published.second, "--correct", FIRST, "--note",
                   "May was wrong too.", "--rows", str(rows))
    assert run.exit_code == 0, run.output
    assert f"kept in {FIRST}-superseded-2/" in run.output
    server = served(remote)
    text = _text(_get(server, f"{BASE}{FIRST}/{CONTACTS}")[1])
    assert f"Corrected on 2 December 2025: {NOTE}" in text
    assert "May was wrong too." in text
    first_copy = _text(_get(server, f"{BASE}{FIRST}-superseded-2/{CONTACTS}")[1])
    assert NOTE in first_copy and "May was wrong too." not in first_copy


@pytest.mark.parametrize("release, rows, message", [
    ("2024-25-q4", "indicator_id,period,value\ncontacts,2025-06,1145\n",
     "release 2024-25-q4 is not published in gh-pages, so there is nothing to correct"),
    (FIRST, "indicator_id,period,value\ncontacts,2030-01,5\n",
     "the release published no figure for contacts 2030-01: a correction can only change "
     "figures the release published"),
    (FIRST, "indicator_id,period,value\ncontacts,2025-06,1140\n",
     f"the corrected rows change none of the figures {FIRST} published"),
    (FIRST, "indicator_id,period,colour\ncontacts,2025-06,red\n",
     "corrected.csv must have a header row with indicator_id, period and other columns of "
     "observations.csv"),
])
def test_a_correction_that_corrects_nothing_is_refused(published: Published, tmp_path: Path,
                                                       release: str, rows: str,
                                                       message: str) -> None:
    remote = _copy(published.after_second, tmp_path)
    before = _head(remote)
    run = _publish(remote, published.second, "--correct", release, "--note", NOTE,
                   "--rows", str(_rows(tmp_path, rows)))
    _refused(run, message, "How to fix:")
    assert _head(remote) == before


def _withdraw(remote: Path, release: str) -> Result:
    return CliRunner().invoke(main, ["withdraw", release, "--remote", str(remote)])


def test_withdraw_leaves_every_remaining_address_working(corrected: Path, tmp_path: Path,
                                                         served: Serve) -> None:
    remote = _copy(corrected, tmp_path)
    run = _withdraw(remote, SECOND)
    assert run.output == (f"Withdrew {SECOND} from gh-pages; 'latest' leads to {FIRST}; pushed. "
                          "Its files remain in the branch's git history.\n")
    server = served(remote)
    assert _get(server, f"{BASE}{SECOND}/{CONTACTS}")[0] == 404
    for path in ("", CONTACTS, "whats-changed/", "releases/", "indicators/contacts/"):
        assert _get(server, f"{BASE}{FIRST}/{path}")[0] == 200, path
    assert _get(server, f"{BASE}{FIRST}-superseded-1/{CONTACTS}")[0] == 200
    assert _redirect_target(_get(server, BASE)[1]) == "latest/"
    latest = _get(server, f"{BASE}latest/{CONTACTS}")[1]
    assert urljoin(f"{BASE}latest/{CONTACTS}", _redirect_target(latest)) == \
        f"{BASE}{FIRST}/{CONTACTS}"
    status, missing = _get(server, f"{BASE}no-such-page/")
    assert status == 404 and f"{BASE}{FIRST}/assets/" in missing
    assert f"{BASE}{SECOND}/" not in missing
    assert SECOND not in _get(server, f"{BASE}versions.json")[1]


def test_withdrawing_a_middle_release_leaves_every_other_address_working(
        published: Published, tmp_path: Path, served: Serve) -> None:
    remote = _copy(published.after_third, tmp_path)
    run = _withdraw(remote, SECOND)
    assert run.output == (f"Withdrew {SECOND} from gh-pages; 'latest' leads to {THIRD}; pushed. "
                          "Its files remain in the branch's git history.\n")
    server = served(remote)
    assert _get(server, f"{BASE}{SECOND}/{CONTACTS}")[0] == 404
    ind, was, now = MOVED
    for old, lands in [
        (f"{FIRST}/{CONTACTS}", f"{FIRST}/{CONTACTS}"),
        (f"{FIRST}/{was}/{ind}/", f"{FIRST}/{was}/{ind}/"),
        (f"latest/{was}/{ind}/", f"{THIRD}/{now}/{ind}/"),  # release 1's banner link
        (f"latest/{GONE[0]}/", f"{THIRD}/{GONE[1]}/"),
        (f"{THIRD}/{CONTACTS}", f"{THIRD}/{CONTACTS}"),
        ("", f"{THIRD}/"),
    ]:
        assert _lands(server, f"{BASE}{old}") == f"{BASE}{lands}", old
    versions = _get(server, f"{BASE}versions.json")[1]
    assert SECOND not in versions and FIRST in versions


def test_withdrawing_removes_the_superseded_copies(corrected: Path, tmp_path: Path,
                                                   published: Published, served: Serve) -> None:
    remote = _copy(corrected, tmp_path)
    assert _withdraw(remote, FIRST).exit_code == 0
    server = served(remote)
    assert _get(server, f"{BASE}{FIRST}-superseded-1/{CONTACTS}")[0] == 404
    assert _get(server, f"{BASE}{SECOND}/{CONTACTS}")[0] == 200


@pytest.mark.parametrize("release, message", [
    ("2024-25-q4", f"release 2024-25-q4 is not in gh-pages (it holds {SECOND}, {FIRST})"),
    ("only", f"{FIRST} is the only release in gh-pages, and a site keeps at least one"),
])
def test_withdraw_refuses(published: Published, tmp_path: Path, release: str,
                          message: str) -> None:
    remote = _copy(published.after_second if release != "only" else published.after_first,
                   tmp_path)
    before = _head(remote)
    run = _withdraw(remote, FIRST if release == "only" else release)
    _refused(run, message, "a site keeps at least one release")
    assert "Nothing was withdrawn." in run.output
    assert _head(remote) == before


@pytest.mark.parametrize("path, link", [
    ("index.md", "../2025-26-q1-superseded-1/"),
    ("whats-changed/index.md", "../../2025-26-q1-superseded-1/whats-changed/"),
    ("front-door/contacts/index.md", "../../../2025-26-q1-superseded-1/front-door/contacts/"),
])
def test_a_notice_links_to_the_same_page_before_the_correction(path: str, link: str) -> None:
    release = Release(FIRST, "Quarter 1 2025/26", date(2025, 8, 14), ReleaseStatus.PUBLISHED)
    correction = Correction(ON, NOTE, f"{FIRST}-superseded-1", ())
    fields = page_fields("Northbridge", False, "", release, None, path, (correction,))
    assert fields["corrections"] == (CorrectionNotice(correction, "2 December 2025", link),)


@pytest.mark.parametrize("release, status, message", [
    (SECOND, 0, "Checked 2 package(s): no problems found."),
    ("2025-26-q3", 1, "release 2025-26-q3 (Quarter 3 2025/26) is still planned in releases.csv"),
    ("v2025-26-q2", 1, "there is no release 'v2025-26-q2' in releases.csv"),
    (FIRST, 1, f"release {FIRST} is not the newest published release in the data ({SECOND} is)"),
])
def test_check_refuses_a_tag_that_is_not_the_release_to_publish(published: Published,
                                                                release: str, status: int,
                                                                message: str) -> None:
    run = CliRunner().invoke(main, ["check", "--config", str(published.second),
                                    "--release", release])
    assert run.exit_code == status, run.output
    assert message in run.output and "Traceback" not in run.output


@pytest.mark.parametrize("output_format, line", [
    ("text", "Re-referrals within 12 months (re-referrals) moved from Front door and early help "
     "to Child protection since the previous release: its page is now at "
     "child-protection/re-referrals/, and publish makes a redirect from its old address."),
    ("github", "::notice title=Indicator moved::Re-referrals within 12 months (re-referrals) "
     "moved from Front door and early help to Child protection since the previous release: its "
     "page is now at child-protection/re-referrals/, and publish makes a redirect from its old "
     "address."),
])
def test_check_reports_an_indicator_moved_since_the_previous_release(
        published: Published, output_format: str, line: str) -> None:
    run = CliRunner().invoke(main, ["check", "--config", str(published.second), "--format",
                                    output_format, "--previous",
                                    str(published.tmp / "release-1")])
    assert run.exit_code == 0, run.output
    assert line in run.output.splitlines()
    same = CliRunner().invoke(main, ["check", "--config", str(published.second), "--previous",
                                     str(published.tmp / "release-2")])
    assert same.output == "Checked 2 package(s): no problems found.\n"


@pytest.mark.parametrize("arguments, status, message", [
    (["publish", "--remote", "/nonexistent/site.git"], 1,
     "git ls-remote failed: fatal: '/nonexistent/site.git' does not appear to be a git "
     "repository"),
    (["publish", "--remote", "/nonexistent/site.git", "--release", "2099-q1"], 1,
     "there is no release '2099-q1' in releases.csv"),
    (["withdraw", FIRST, "--remote", "/nonexistent/site.git"], 1,
     "git ls-remote failed: fatal: '/nonexistent/site.git' does not appear to be a git "
     "repository"),
    (["publish", "--remote", "/nonexistent/site.git", "--correct", FIRST], 2,
     "--correct needs --note and --rows, and no --release."),
    (["publish", "--remote", "/nonexistent/site.git", "--note", NOTE], 2,
     "--note and --rows go with --correct RELEASE."),
])
def test_other_publishing_failures_are_one_message_without_a_traceback(
        arguments: list[str], status: int, message: str) -> None:
    run = CliRunner().invoke(main, arguments)
    assert run.exit_code == status, run.output
    assert message in run.output and "Traceback" not in run.output
