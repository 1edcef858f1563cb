"""Publish a release: build it and deploy it with mike into the site's Pages branch.

Each release goes into its own folder of the branch (``gh-pages`` by default), named by the
release id (``2025-26-q2/``), and is never touched again by a later release: ``publish``
refuses a planned release, a release older than the data's newest, and a release already in the
branch whose pages would change (a correction is explicit: ``correct.py``). The ``latest``
alias redirects to the newest release and the branch's root redirects to ``latest``. mike keeps
``versions.json``, which Material's release selector and "not the latest release" banner read.

mike normally runs ``mkdocs build`` itself; our build generates pages first, so we use mike's
Python API (``mike.commands.deploy``), which commits an already built folder.

All git work happens in a temporary repository that fetches the branch from ``remote`` and
pushes it back, so the project's own repository and working tree are never changed, and a local
bare repository works as a remote for rehearsals and tests.
"""

from __future__ import annotations

import tempfile
from contextlib import chdir
from dataclasses import dataclass, replace
from pathlib import Path

from generator.analysis.changes import Correction, Move, PreviousRelease, compare
from generator.analysis.disclosure import protect
from generator.commands import correct
from generator.commands.branch import (
    LATEST,
    deployed_versions,
    full_reason,
    load_previous,
    package_folders,
    prepare_workspace,
    problem,
    published_addresses,
    push,
    read_deployed_data,
    set_root,
)
from generator.commands.correct import CorrectionRequest
from generator.input.check import load_site
from generator.model.site import Release, ReleaseStatus, Site
from generator.pages.context import current_release
from generator.problems import CODES, DataError, Problem
from generator.settings import Settings


@dataclass(frozen=True)
class PublishResult:
    """What a publish did."""

    release: Release
    branch: str
    previous: str | None  # the deployed release the "What changed" page compares with
    latest: bool  # whether the release became the ``latest`` alias
    changed: bool = True  # False: the branch already held exactly these pages
    superseded: str | None = None  # a correction: where the pages as they were are kept

    def summary(self) -> str:
        """Return a one-paragraph report for the command line."""
        if not self.changed:
            return (f"Nothing changed: {self.release.id} ({self.release.title}) is already "
                    f"published in {self.branch} with exactly these pages; nothing was pushed.")
        compared = (f"compared with {self.previous}" if self.previous
                    else "first release (nothing to compare with)")
        alias = f", now '{LATEST}'" if self.latest else f" (an older release: '{LATEST}' unchanged)"
        if self.superseded:
            return (f"Corrected {self.release.id} ({self.release.title}) in {self.branch}{alias}; "
                    f"the pages as they were are kept in {self.superseded}/; pushed.")
        return (f"Published {self.release.id} ({self.release.title}) to {self.branch}{alias}; "
                f"{compared}; pushed.")


def previous_release(site: Site, release: Release, deployed: list[str]) -> Release | None:
    """Return the newest deployed release that came before ``release``."""
    earlier = [r for r in site.releases if r.id in deployed and (r.date, r.id) < (release.date,
                                                                                   release.id)]
    return earlier[-1] if earlier else None


def _release(site: Site, release_id: str | None) -> Release:
    try:
        return current_release(site, release_id)
    except (KeyError, ValueError):
        raise problem(f"there is no release '{release_id or 'published'}' in releases.csv",
                      "Give the id of a release listed in releases.csv, or mark one "
                      "as published.") from None


def check_publishable(site: Site, release: Release) -> None:
    """Refuse a release that is planned, or older than the data's newest published release.

    A release is only built from the data of its own time: today's data holds later figures
    and revisions, so building an older release from it would rewrite what that release said.
    """
    if release.status is ReleaseStatus.PLANNED:
        raise problem(f"release {release.id} ({release.title}) is still planned in "
                      "releases.csv", CODES["release-planned"].fix, "release-planned")
    newest = current_release(site)
    if release.id != newest.id:
        raise problem(f"release {release.id} is not the newest published release in the data "
                      f"({newest.id} is), and a release is only built from the data of its own "
                      "time", f"Publish {newest.id} (leave out --release). To correct a figure "
                      f"in {release.id}, use publish --correct {release.id} --note ... --rows "
                      "FILE (docs/publishing.md).", "release-not-newest")


def release_problems(site: Site, release_id: str) -> list[Problem]:
    """Return why ``release_id`` could not be published from this data (empty when it could).

    In CI the release's tag must name a release of releases.csv that is published and the
    newest: ``check --release TAG`` runs this before the tests, so a mistyped tag or data not
    yet marked published stops the workflow before anything is built.
    """
    try:
        check_publishable(site, _release(site, release_id))
    except DataError as error:
        return list(error.problems)
    return []


def moves_since(site: Site, previous: Path, threshold: int) -> tuple[Move, ...]:
    """Return the indicators now in another service area than in the data of ``previous``
    (a folder of the previous release's packages), as What changed lists them."""
    old_site = load_previous(package_folders(previous), str(previous), threshold)
    return compare(PreviousRelease(current_release(old_site), old_site), site).moved_indicators


def publish(settings: Settings, remote: str, branch: str = "gh-pages",
            release_id: str | None = None, previous: Path | None = None,
            correction: CorrectionRequest | None = None) -> PublishResult:
    """Build a release (default: the latest published) and deploy it into ``remote``'s branch.

    With ``correction``, rebuild that already published release from its own published data
    with the corrected rows applied (``generator.commands.correct``).
    """
    from mike import git_utils

    site = protect(load_site(settings.packages), settings.suppression_threshold)
    release = _release(site, correction.release_id if correction else release_id)
    if correction is None:
        check_publishable(site, release)
    remote = str(Path(remote).resolve()) if Path(remote).exists() else remote
    try:
        return _deploy(settings, site, release, Target(remote, branch), previous, correction)
    except git_utils.GitError as error:
        raise problem(f"git refused the publish: {full_reason(str(error))}",
                      "Check that the branch holds releases published by this tool.") from None


@dataclass(frozen=True)
class Target:
    """Where a release is published: the remote and its Pages branch."""

    remote: str
    branch: str


def _previous_data(settings: Settings, release: Release, site: Site, deployed: list[str],
                   previous: Path | None, branch: str, workspace: Path) -> PreviousRelease | None:
    """Return the data "What changed" compares with: ``--previous``, or the release before."""
    before = previous_release(site, release, deployed)
    if previous is not None:
        old_site = load_previous(package_folders(previous), str(previous),
                                 settings.suppression_threshold)
        addresses = published_addresses(branch, before.id) if before else frozenset()
        return PreviousRelease(before or current_release(old_site), old_site, addresses)
    if before is None:
        return None
    folders = read_deployed_data(branch, before.id, workspace / "previous")
    if not folders:
        return None
    return PreviousRelease(before, load_previous(folders, before.id,
                                                 settings.suppression_threshold),
                           addresses=published_addresses(branch, before.id))


def _newer(site: Site, release: Release, deployed: list[str]) -> list[str]:
    return [r.id for r in site.releases if r.id in deployed and r.id != release.id
            and (r.date, r.id) > (release.date, release.id)]


def _deploy(settings: Settings, site: Site, release: Release, target: Target,
            previous: Path | None, correction: CorrectionRequest | None) -> PublishResult:
    """Build the release in a temporary repository, commit it with mike and push the branch."""
    branch = target.branch
    with tempfile.TemporaryDirectory(prefix="perfsite-publish-") as temp:
        workspace = Path(temp)
        with chdir(workspace):
            prepare_workspace(target.remote, branch)
            deployed = deployed_versions(branch)
            newer = _newer(site, release, deployed)
            corrections: tuple[Correction, ...] = ()
            if correction is not None:
                fixed = correct.prepare(correction, release, branch, deployed, workspace,
                                        settings.suppression_threshold)
                settings, corrections = replace(settings, packages=fixed.folders), fixed.all
                correct.keep_superseded(branch, release.id, corrections[-1])
            elif newer:
                raise problem(f"the branch already holds a newer release than {release.id} "
                               f"({', '.join(newer)})", CODES["release-not-newest"].fix,
                               "release-not-newest")
            old = _previous_data(settings, release, site, deployed, previous, branch, workspace)
            if not _commit_release(settings, release, branch, workspace, old, not newer,
                                   corrections):
                return PublishResult(release, branch, old.release.id if old else None,
                                     not newer, changed=False)
            if release.id in deployed and correction is None:
                raise problem(f"release {release.id} is already published in {branch}, and "
                               "publishing it again would change its pages; nothing was pushed",
                               CODES["release-published"].fix, "release-published")
            if not newer:
                set_root(branch, _read(workspace / "site" / "404.html"))
            push(target.remote, branch)
    return PublishResult(release, branch, old.release.id if old else None, not newer,
                         superseded=corrections[-1].superseded if corrections else None)


def _read(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def _commit_release(settings: Settings, release: Release, branch: str, workspace: Path,
                    old: PreviousRelease | None, latest: bool,
                    corrections: tuple[Correction, ...]) -> bool:
    """Build the release and commit it with mike; return False if the branch already held it."""
    from mike import commands, git_utils

    from generator.build import build_site

    site_dir = workspace / "site"
    try:
        with commands.deploy(
            {"site_dir": str(site_dir), "use_directory_urls": True},
            release.id, release.title, aliases=[LATEST] if latest else [],
            update_aliases=True, alias_type=commands.AliasType.redirect,
            branch=branch, message=f"{'Correct' if corrections else 'Publish'} {release.id} "
                                   f"({release.title})",
        ):
            build_site(settings, site_dir=site_dir, docs_dir=workspace / "docs",
                       release_id=release.id, previous=old, versioned=True,
                       corrections=corrections)
            if corrections:
                correct.write_record(site_dir, corrections)
    except git_utils.GitEmptyCommit:
        return False
    return True
