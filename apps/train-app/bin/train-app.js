#!/usr/bin/env node
// The `train-app` command: npm links it into node_modules/.bin, and `nx run train-app:run` runs it, so
// that Nx's --help ends with the app's own. tsx compiles the TypeScript as it loads.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
