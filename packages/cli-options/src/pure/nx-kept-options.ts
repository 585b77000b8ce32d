import { camel, isFlag, type Spec } from './parse-options.ts';

/** How Nx was invoked around this process, when it runs as an Nx task. */
export interface NxInvocation {
  /** Nx's own arguments, after `nx`: `['run', 'train-app:run', '--depth=1', '--batch-size=64']`. */
  readonly args: readonly string[];
  /** The task this process runs, `project:target` (from NX_TASK_TARGET_PROJECT and _TARGET). */
  readonly task: string;
}

const optionName = (arg: string): string => camel(arg.slice(2).split('=', 1)[0] ?? '');

/** `nx run project:target[:configuration]`, `nx run project` (its `run` target), or the infix `nx target project`. */
const namesTask = (positionals: readonly string[], task: string): boolean => {
  const [project, target] = task.split(':');
  const named = positionals[1] ?? '';
  if (positionals[0] === 'run') return named === task || named.startsWith(`${task}:`) || (named === project && target === 'run');
  return positionals[0] === target && named === project;
};

/**
 * The app's options that were typed on Nx's command line but never reached the app. Nx's own
 * parser keeps an option whose name, or whose name up to its first `-`, is one of Nx's (`--batch`
 * takes `--batch-size`, `--parallel` is Nx's), and passes everything else on. Only the task named
 * on the command line gets them (not the tasks it depends on), and what comes after `--` Nx
 * passes on untouched. Gives them back as argv tokens, in the order typed.
 */
export const nxKeptOptions = (spec: Spec, received: readonly string[], nx: NxInvocation | undefined): readonly string[] => {
  if (nx === undefined) return [];
  const end = nx.args.indexOf('--');
  const typed = end < 0 ? nx.args : nx.args.slice(0, end);
  if (!namesTask(typed.filter((arg) => !arg.startsWith('-')), nx.task)) return [];
  const arrived = new Set(received.filter((arg) => arg.startsWith('--')).map(optionName));
  const kept: string[] = [];
  for (let i = 0; i < typed.length; i += 1) {
    const arg = typed[i] ?? '';
    const entry = arg.startsWith('--') ? spec[optionName(arg)] : undefined;
    if (entry === undefined || arrived.has(optionName(arg))) continue;
    const next = typed[i + 1];
    const takesNext = !arg.includes('=') && !isFlag(entry) && next !== undefined && !next.startsWith('--');
    kept.push(...(takesNext ? [arg, next] : [arg]));
    if (takesNext) i += 1;
  }
  return kept;
};
