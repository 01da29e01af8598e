#!/usr/bin/env bash
# Keeps digestcast's send state — the ledger (.digestcast/ledger/), the suppression list and
# the bounce history — on its own branch, `digestcast-state`, between Action runs.
#
# Why a branch: the ledger is what makes sending exactly-once across runs, so it must be
# durable (the Actions cache can be evicted at any time) and must not clutter main's history.
# It holds recipient ids (HMACs keyed by UNSUBSCRIBE_SECRET), never addresses.
#
# Usage: state-branch.sh restore   (before sending: state branch → .digestcast/)
#        state-branch.sh save      (after sending:  .digestcast/ → state branch, pushed)
# Environment: DIGESTCAST_STATE_BRANCH (digestcast-state), DIGESTCAST_STATE_DIR (.digestcast),
#              DIGESTCAST_STATE_REMOTE (origin).
set -euo pipefail

branch="${DIGESTCAST_STATE_BRANCH:-digestcast-state}"
dir="${DIGESTCAST_STATE_DIR:-.digestcast}"
remote="${DIGESTCAST_STATE_REMOTE:-origin}"
files=(ledger suppressions.txt bounces.json)

branch_exists() {
  git ls-remote --exit-code --heads "$remote" "$branch" >/dev/null 2>&1
}

restore() {
  mkdir -p "$dir"
  if branch_exists; then
    git fetch --quiet --depth=1 "$remote" "refs/heads/$branch"
    git archive FETCH_HEAD -- "${files[@]}" 2>/dev/null | tar -x -C "$dir" || git archive FETCH_HEAD | tar -x -C "$dir"
    echo "restored the send state from $branch ($(find "$dir/ledger" -name '*.jsonl' 2>/dev/null | wc -l | tr -d ' ') ledger files)"
  else
    echo "no $branch branch yet: starting with an empty ledger"
  fi
}

save_once() {
  local work
  work="$(mktemp -d)"
  if branch_exists; then
    git fetch --quiet --depth=1 "$remote" "refs/heads/$branch"
    git worktree add --quiet --detach "$work" FETCH_HEAD
  else
    git worktree add --quiet --detach "$work" HEAD
    git -C "$work" checkout --quiet --orphan "$branch"
    git -C "$work" rm -rfq . >/dev/null
  fi
  mkdir -p "$work/ledger"
  # Ledger files are append-only and each shard writes its own: ours are at least as long.
  if [ -d "$dir/ledger" ]; then cp -p "$dir"/ledger/*.jsonl "$work/ledger/" 2>/dev/null || true; fi
  # Suppressions only ever grow: keep the lines of both sides.
  if [ -f "$dir/suppressions.txt" ] || [ -f "$work/suppressions.txt" ]; then
    cat "$work/suppressions.txt" "$dir/suppressions.txt" 2>/dev/null | awk '!seen[$0]++' >"$work/suppressions.txt.new"
    mv "$work/suppressions.txt.new" "$work/suppressions.txt"
  fi
  if [ -f "$dir/bounces.json" ]; then cp -p "$dir/bounces.json" "$work/bounces.json"; fi
  printf '%s\n' '# Send state of digestcast: recipient ids (HMACs), never addresses. Written by the daily Action.' >"$work/README.md"
  git -C "$work" add -A -- ledger suppressions.txt bounces.json README.md 2>/dev/null || git -C "$work" add -A
  local status=0
  if git -C "$work" diff --cached --quiet; then
    echo "send state unchanged"
  else
    git -C "$work" -c user.name="digestcast[bot]" -c user.email="digestcast-bot@users.noreply.github.com" commit --quiet -m "send state $(date -u +%Y-%m-%dT%H:%MZ)"
    git -C "$work" push --quiet "$remote" "HEAD:refs/heads/$branch" || status=$?
    [ "$status" -eq 0 ] && echo "saved the send state to $branch"
  fi
  git worktree remove --force "$work"
  return "$status"
}

save() {
  # Parallel shards push to the same branch: on a rejected push, start again from the new tip.
  for attempt in 1 2 3 4 5; do
    if save_once; then return 0; fi
    echo "push rejected (attempt $attempt); retrying on the new tip"
    sleep $((attempt * 2))
  done
  echo "could not save the send state to $branch" >&2
  return 1
}

case "${1:-}" in
  restore) restore ;;
  save) save ;;
  *)
    echo "usage: $0 restore|save" >&2
    exit 2
    ;;
esac
