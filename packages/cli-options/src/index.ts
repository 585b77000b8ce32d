export * from './pure/index.ts';
export { runCli, type Cli, type Fail } from './run-cli.ts';
