"""Withdraw a release: take it off the Pages branch and repoint what led to it.

mike's own ``delete`` removes the release's folder (and ``latest``, if the release held it) but
leaves the root redirecting to a ``latest/`` that no longer exists and the root ``404.html``
loading the withdrawn release's stylesheets. This command also moves ``latest`` to the newest
remaining release, keeps the root pointing at it, serves that release's not-found page at the
root, and removes the release's superseded copies (``<release>-superseded-N/``).

What it cannot do: the files stay in the branch's git history, and copies may remain in caches
and web archives (docs/publishing.md).
"""

from __future__ import annotations

import tempfile
from contextlib import chdir
from dataclasses import dataclass
from pathlib import Path

from generator.commands.branch import (
    LATEST,
    deployed_versions,
    git,
    prepare_workspace,
    problem,
    push,
    set_root,
)
from generator.problems import CODES


@dataclass(frozen=True)
class WithdrawResult:
    """What a withdrawal did."""

    release: str
    branch: str
    latest: str  # the release ``latest`` leads to now

    def summary(self) -> str:
        """Return a one-line report for the command line."""
        return (f"Withdrew {self.release} from {self.branch}; '{LATEST}' leads to {self.latest}; "
                "pushed. Its files remain in the branch's git history.")


def _refused(message: str) -> Exception:
    return problem(message, CODES["withdraw-refused"].fix, "withdraw-refused")


def withdraw(remote: str, release_id: str, branch: str = "gh-pages") -> WithdrawResult:
    """Remove a deployed release from ``remote``'s branch and repoint ``latest`` and the root."""
    from mike import commands, git_utils

    remote = str(Path(remote).resolve()) if Path(remote).exists() else remote
    with tempfile.TemporaryDirectory(prefix="perfsite-withdraw-") as temp, chdir(temp):
        prepare_workspace(remote, branch)
        deployed = deployed_versions(branch)  # newest first, as mike orders them
        if release_id not in deployed:
            raise _refused(f"release {release_id} is not in {branch} (it holds "
                           f"{', '.join(deployed) or 'no releases'})")
        remaining = [v for v in deployed if v != release_id]
        if not remaining:
            raise _refused(f"{release_id} is the only release in {branch}, and a site keeps at "
                           "least one")
        try:
            commands.delete([release_id], branch=branch, message=f"Withdraw {release_id}")
            copies = [name for name in git("ls-tree", "--name-only", branch).stdout.split()
                      if name.startswith(f"{release_id}-superseded-")]
            if copies:
                with git_utils.Commit(branch, f"Withdraw {release_id}'s superseded copies") as c:
                    c.delete_files(copies)
            newest = remaining[0]
            commands.alias({"use_directory_urls": True}, newest, [LATEST], update_aliases=True,
                           alias_type=commands.AliasType.redirect, branch=branch,
                           message=f"Point {LATEST} at {newest}", allow_empty=True)
            not_found = git("show", f"{branch}:{newest}/404.html", check=False)
            set_root(branch, not_found.stdout.encode("utf-8") if not_found.returncode == 0
                     else None)
        except git_utils.GitError as error:
            raise problem(f"git refused the withdrawal: {error}",
                          "Check that the branch holds releases published by this tool.") from None
        push(remote, branch)
    return WithdrawResult(release_id, branch, newest)
