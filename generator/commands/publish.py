"""Publish a release: build it and deploy it with mike into the site's Pages branch.

Each release goes into its own folder of the branch (``gh-pages`` by default), named by the
release id (``2025-26-q2/``), and is never touched again by a later release. The ``latest``
alias redirects to the newest release and the branch's root redirects to ``latest``. mike keeps
``versions.json``, which Material's release selector and "not the latest release" banner read.

mike normally runs ``mkdocs build`` itself; our build generates pages first, so we use mike's
Python API (``mike.commands.deploy``), which commits an already built folder.

All git work happens in a temporary repository that fetches the branch from ``remote`` and
pushes it back, so the project's own repository and working tree are never changed, and a local
bare repository works as a remote for rehearsals and tests.
"""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
import zipfile
from contextlib import chdir
from dataclasses import dataclass, replace
from pathlib import Path

from generator.analysis.changes import PreviousRelease
from generator.analysis.disclosure import protect
from generator.input.check import load_site
from generator.model.site import Release, Site
from generator.pages.context import current_release
from generator.problems import DataError, Problem
from generator.settings import Settings

LATEST = "latest"
#: Used for the deploy commits when git has no user configured (as on a CI runner).
COMMITTER = ("perfsite publish", "perfsite@localhost")


@dataclass(frozen=True)
class PublishResult:
    """What a publish did."""

    release: Release
    branch: str
    previous: str | None  # the deployed release the "What changed" page compares with
    latest: bool  # whether the release became the ``latest`` alias

    def summary(self) -> str:
        """Return a one-paragraph report for the command line."""
        compared = (f"compared with {self.previous}" if self.previous
                    else "first release (nothing to compare with)")
        alias = f", now '{LATEST}'" if self.latest else f" (an older release: '{LATEST}' unchanged)"
        return (f"Published {self.release.id} ({self.release.title}) to {self.branch}{alias}; "
                f"{compared}; pushed.")


def _problem(message: str, fix: str) -> DataError:
    return DataError([Problem("publish", None, "", message, fix, "publish")])


#: A user name and password (or token) in a remote's address, never to be echoed.
_CREDENTIALS = re.compile(r"(?<=://)[^/@\s]+@")


def git_reason(stderr: str) -> str:
    """Return git's own reason for a failure in one line, without any credentials.

    git ends a refused push with hints; the reason is its ``!`` line (``! [rejected] ...
    (fetch first)``), or else its first ``fatal:`` or ``error:`` line (later ones repeat it
    in general terms).
    """
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    chosen = ([line for line in lines if line.startswith("!")]
              or [line for line in lines if line.startswith(("fatal:", "error:"))]
              or lines[-1:] or ["no reason given"])
    return _CREDENTIALS.sub("", chosen[0])


def _git(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(["git", *args], capture_output=True, text=True)
    if check and result.returncode != 0:
        raise _problem(f"git {args[0]} failed: {git_reason(result.stderr)}",
                       "Check that the remote exists and that you may push to it.")
    return result


def _prepare_workspace(remote: str, branch: str) -> None:
    """Make the current folder a git repository holding ``branch`` as the remote has it."""
    _git("init", "--quiet")
    for key, value in zip(("user.name", "user.email"), COMMITTER, strict=True):
        if _git("config", key, check=False).returncode != 0:
            _git("config", key, value)
    heads = _git("ls-remote", "--heads", remote, branch).stdout
    if heads.strip():
        _git("fetch", "--quiet", remote, f"+refs/heads/{branch}:refs/heads/{branch}")


def deployed_versions(branch: str) -> list[str]:
    """Return the release ids deployed in ``branch`` of the current repository."""
    from mike import commands

    return [str(info.version) for info in commands.list_versions(branch)]


def previous_release(site: Site, release: Release, deployed: list[str]) -> Release | None:
    """Return the newest deployed release that came before ``release``."""
    earlier = [r for r in site.releases if r.id in deployed and (r.date, r.id) < (release.date,
                                                                                   release.id)]
    return earlier[-1] if earlier else None


def read_deployed_data(branch: str, version: str, into: Path) -> list[Path]:
    """Unpack the package downloads of a deployed release into ``into``; return the folders."""
    listing = _git("ls-tree", "--name-only", f"{branch}:{version}/downloads", check=False)
    names = sorted(n for n in listing.stdout.split() if n.endswith(".zip"))
    for name in names:
        data = subprocess.run(["git", "show", f"{branch}:{version}/downloads/{name}"],
                              capture_output=True, check=True).stdout
        zipfile.ZipFile(io.BytesIO(data)).extractall(into)
    return sorted(p for p in into.iterdir() if (p / "datapackage.json").is_file())


#: An indicator page, or a redirect in its place, in a release's folder: ``<area>/<id>/``.
_INDICATOR_ADDRESS = re.compile(r"^([a-z0-9-]+/[a-z0-9-]+/)index\.html$")


def published_addresses(branch: str, version: str) -> frozenset[str]:
    """Return the two-level page addresses (``<area>/<id>/``) a deployed release holds.

    The next release makes a redirect at each one whose indicator has moved to another service
    area, so that links to the old address keep working (``pages/kinds/redirects.py``).
    """
    listing = _git("ls-tree", "-r", "--name-only", f"{branch}:{version}", check=False).stdout
    return frozenset(match.group(1) for line in listing.splitlines()
                     if (match := _INDICATOR_ADDRESS.match(line)))


def load_previous(folders: list[Path], where: str, threshold: int) -> Site:
    """Load the previous release's data, disclosure-controlled like the current release.

    Published downloads are already protected, but ``--previous`` may name any folder, and the
    what-changed page must never show an old value the current rules would hide.
    """
    try:
        return protect(load_site(folders), threshold)
    except DataError as error:
        first = error.problems[0].message
        raise _problem(f"the data published in {where} could not be read back "
                       f"({len(error.problems)} problem(s), first: {first})",
                       "Pass --previous with a folder of that release's unzipped downloads.",
                       ) from None


def package_folders(folder: Path) -> list[Path]:
    """Return the data package folders in ``folder`` (or ``folder`` itself if it is one)."""
    if (folder / "datapackage.json").is_file():
        return [folder]
    return sorted(p for p in folder.iterdir() if (p / "datapackage.json").is_file())


def _set_root(branch: str, not_found: Path) -> None:
    """Point the branch's root at ``latest`` and serve the latest release's not-found page there.

    GitHub Pages only uses the ``404.html`` at the root of a site; the latest release's page works
    from anywhere because MkDocs writes its links from ``site_url``.
    """
    from mike import commands, git_utils

    try:
        commands.set_default(LATEST, branch=branch, message=f"Set the default release to {LATEST}")
    except git_utils.GitEmptyCommit:
        pass  # the root already redirects to latest
    if not_found.is_file():
        try:
            with git_utils.Commit(branch, "Serve the latest release's not-found page") as commit:
                commit.add_file(git_utils.FileInfo("404.html", not_found.read_bytes()))
        except git_utils.GitEmptyCommit:
            pass


def publish(settings: Settings, remote: str, branch: str = "gh-pages",
            release_id: str | None = None, previous: Path | None = None) -> PublishResult:
    """Build a release (default: the latest published) and deploy it into ``remote``'s branch."""
    from mike import git_utils

    site = protect(load_site(settings.packages), settings.suppression_threshold)
    try:
        release = current_release(site, release_id)
    except (KeyError, ValueError):
        raise _problem(f"there is no release '{release_id or 'published'}' in releases.csv",
                       "Give the id of a release listed in releases.csv, or mark one "
                       "as published.") from None
    remote = str(Path(remote).resolve()) if Path(remote).exists() else remote
    try:
        return _deploy(settings, site, release, remote, branch, previous)
    except git_utils.GitEmptyCommit:
        raise _problem(f"release {release.id} is already published with exactly these pages: "
                       "git found nothing to commit", "Nothing to do: the published release "
                       "is up to date. Change the data (or publish another release) first."
                       ) from None
    except git_utils.GitError as error:
        raise _problem(f"git refused the publish: {git_reason(str(error))}",
                       "Check that the branch holds releases published by this tool.") from None


def _deploy(settings: Settings, site: Site, release: Release, remote: str, branch: str,
            previous: Path | None) -> PublishResult:
    """Build the release in a temporary repository, commit it with mike and push the branch."""
    from mike import commands

    from generator.build import build_site

    with tempfile.TemporaryDirectory(prefix="perfsite-publish-") as temp:
        workspace = Path(temp)
        with chdir(workspace):
            _prepare_workspace(remote, branch)
            deployed = deployed_versions(branch)
            before = previous_release(site, release, deployed)
            old: PreviousRelease | None = None
            if previous is not None:
                old_site = load_previous(package_folders(previous), str(previous),
                                        settings.suppression_threshold)
                old = PreviousRelease(before or current_release(old_site), old_site)
            elif before is not None:
                folders = read_deployed_data(branch, before.id, workspace / "previous")
                if folders:
                    old = PreviousRelease(before, load_previous(folders, before.id,
                                                                  settings.suppression_threshold))
            if old is not None and before is not None:
                old = replace(old, addresses=published_addresses(branch, before.id))
            newer = [r for r in site.releases if r.id in deployed and r.id != release.id
                     and (r.date, r.id) > (release.date, release.id)]
            latest = not newer
            message = f"Publish {release.id} ({release.title})"
            with commands.deploy(
                {"site_dir": str(workspace / "site"), "use_directory_urls": True},
                release.id, release.title, aliases=[LATEST] if latest else [],
                update_aliases=True, alias_type=commands.AliasType.redirect,
                branch=branch, message=message,
            ):
                build_site(settings, site_dir=workspace / "site", docs_dir=workspace / "docs",
                           release_id=release.id, previous=old, versioned=True)
            if latest:
                _set_root(branch, workspace / "site" / "404.html")
            _git("push", "--quiet", remote, f"refs/heads/{branch}:refs/heads/{branch}")
    return PublishResult(release, branch, old.release.id if old else None, latest)


