import * as E from 'fp-ts/Either';
import { nxInvocation } from './nx-invocation.ts';
import { nxKeptOptions, type NxInvocation } from './pure/nx-kept-options.ts';
import { parseOptions, usage, type Options, type Spec } from './pure/parse-options.ts';

/** Prints `<name>: <message>` on stderr and gives back the exit code, for `return fail(2, '...')`. */
export type Fail = (code: number, message: string) => number;

export interface Cli<S extends Spec> {
  /** Prefixes every error line: `train-app: invalid --depth '0': ...`. */
  readonly name: string;
  /** How users invoke it, for the usage line. */
  readonly command: string;
  readonly summary: string;
  readonly spec: S;
  /** The program proper, given decoded options (and which of them the command line named); resolves to the exit code. */
  readonly run: (options: Options<S>, fail: Fail, given: ReadonlySet<keyof S & string>) => Promise<number>;
}

/**
 * The edge every app shares: decode argv (a bad option is one line and exit 2), answer --help,
 * run, and turn the result or an unexpected error into the exit code. Nothing calls process.exit,
 * so pending output is flushed before Node ends. Options that Nx kept for itself (`nx run
 * train-app:run --batch-size=64`: Nx owns `--batch`) are taken back from Nx's command line.
 */
export const runCli = <S extends Spec>(cli: Cli<S>, given: readonly string[] = process.argv.slice(2), nx: NxInvocation | undefined = nxInvocation()): void => {
  const argv = [...given, ...nxKeptOptions(cli.spec, given, nx)];
  const fail: Fail = (code, message) => {
    console.error(`${cli.name}: ${message}`);
    return code;
  };
  const main = async (): Promise<number> => {
    const parsed = parseOptions(cli.spec, argv);
    if (E.isLeft(parsed)) return fail(2, parsed.left);
    if (parsed.right.help) {
      console.log(usage(cli.command, cli.summary, cli.spec));
      return 0;
    }
    return cli.run(parsed.right.options, fail, parsed.right.given);
  };
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.exitCode = fail(1, `unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    },
  );
};
