#!/usr/bin/env node
// The `benchmark-app` command: npm links it into node_modules/.bin, and `nx run benchmark-app:run` runs it, so
// that Nx's --help ends with the app's own. tsx compiles the TypeScript as it loads.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
