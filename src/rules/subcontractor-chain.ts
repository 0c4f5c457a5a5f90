/**
 * The chain of 再委託先 under one vendor (PPC GL 3-4-4(3): the supervision reaches every tier; GDPR
 * 28(4)): each subcontractor names the one it works for (`parentId`), or none when it works for the
 * vendor directly.
 */
export interface ChainLink {
  id: string;
  parentId: string | null;
}

/** Depth of each subcontractor in its vendor's chain: 1 for a direct 再委託先, 2 for its own, … */
export function depthsOf(links: readonly ChainLink[]): Map<string, number> {
  const parents = new Map(links.map((link) => [link.id, link.parentId]));
  const depths = new Map<string, number>();
  for (const link of links) {
    let depth = 1;
    let parent = link.parentId;
    // A loop (refused on write, but never trusted on read) ends the walk instead of running forever.
    const seen = new Set([link.id]);
    while (parent && !seen.has(parent)) {
      seen.add(parent);
      depth += 1;
      parent = parents.get(parent) ?? null;
    }
    depths.set(link.id, depth);
  }
  return depths;
}

/** True when making `parentId` the parent of `id` closes a loop (the parent is `id` or works, down the chain, for `id`). */
export function makesCycle(links: readonly ChainLink[], id: string, parentId: string): boolean {
  const parents = new Map(links.map((link) => [link.id, link.parentId]));
  let cursor: string | null | undefined = parentId;
  const seen = new Set<string>();
  while (cursor && !seen.has(cursor)) {
    if (cursor === id) return true;
    seen.add(cursor);
    cursor = parents.get(cursor);
  }
  return false;
}
