#!/usr/bin/env node
// The `dataset-writer` command: npm links it into node_modules/.bin, and `nx run dataset-writer:run`
// runs it, so that Nx's --help ends with the writer's own. tsx compiles the TypeScript as it loads.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
