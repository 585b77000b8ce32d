export * from './pure/index.ts';
export { nxInvocation, procfs, ps, type ProcessTable } from './nx-invocation.ts';
export { runCli, type Cli, type Fail } from './run-cli.ts';
export { checkWritable } from './writable.ts';
export { processIsAlive } from './process-alive.ts';
