// graphql-js as mercurius sees it. Mercurius (CommonJS) loads graphql's CommonJS build, while an
// ESM import may resolve to its .mjs build (vitest does); graphql's instanceof checks refuse
// objects from the other copy. Runtime values come from here; type imports may use 'graphql'.
import { createRequire } from 'node:module';

export const graphqlJs: typeof import('graphql') = createRequire(import.meta.url)('graphql');
