import { spawn } from 'node:child_process';
import { constants } from 'node:os';

const TRAINER = 'RESNET_CIFAR_TRAINER';
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * One Ctrl-C reaches us several times: the terminal signals the whole group, tsx relays it after
 * 30 ms, nx tree-kills with SIGTERM within about 300 ms (measured here). Only a SIGINT later than
 * this is a second Ctrl-C.
 */
const ECHO_MS = 1000;

/** True in the process that trains, the child `superviseTraining` starts. */
export const isTrainer = (): boolean => process.env[TRAINER] === '1';

/**
 * A training step keeps the event loop busy for up to seconds, and launchers take a child that
 * does not answer a signal within 30 ms for hung: tsx then SIGKILLs it, losing the epoch. So the
 * program runs itself again as a child that trains (same Node, flags, loader and arguments) and
 * stays idle: it answers every launcher at once, turns one Ctrl-C's burst of signals into one stop
 * request for the trainer, and a second Ctrl-C into SIGKILL (the last checkpoint is atomic, so it
 * stays). Resolves to the trainer's exit code.
 */
export const superviseTraining = (log: (line: string) => void): Promise<number> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, [TRAINER]: '1' },
    });
    let firstAt: number | undefined;
    let killed = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (firstAt === undefined) {
        firstAt = Date.now();
        log(`${signal}: stopping after the current step and writing a checkpoint (Ctrl-C again to quit at once)`);
        child.kill(signal);
      } else if (signal === 'SIGINT' && Date.now() - firstAt >= ECHO_MS && !killed) {
        killed = true;
        log('second Ctrl-C: quitting at once; the checkpoint written last is intact: continue with --resume');
        child.kill('SIGKILL');
      }
    };
    for (const signal of SIGNALS) process.on(signal, onSignal);
    child.on('error', (error) => {
      log(`train-app: cannot start the training process: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      for (const s of SIGNALS) process.off(s, onSignal);
      resolve(killed ? 130 : (code ?? 128 + (signal ? constants.signals[signal] : 0)));
    });
  });
