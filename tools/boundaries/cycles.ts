/** The first dependency cycle between projects, as `a -> b -> a`, or undefined when there is none. */
export const findCycle = (edges: ReadonlyMap<string, ReadonlySet<string>>): string | undefined => {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (node: string, path: readonly string[]): string | undefined => {
    if (state.get(node) === 'visiting') return [...path.slice(path.indexOf(node)), node].join(' -> ');
    if (state.get(node) === 'done') return undefined;
    state.set(node, 'visiting');
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next, [...path, node]);
      if (cycle) return cycle;
    }
    state.set(node, 'done');
    return undefined;
  };
  for (const node of edges.keys()) {
    const cycle = visit(node, []);
    if (cycle) return cycle;
  }
  return undefined;
};
