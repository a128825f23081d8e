// The lint packages, for ../../eslint.config.js. They live in this folder with a TypeScript of
// their own: typescript-eslint and dependency-cruiser parse TypeScript through its JavaScript API,
// which TypeScript 7 (the app's compiler, in the root package.json) no longer ships, and npm will
// not install them beside it. `npm run lint:install` installs them from this folder's lockfile.
export { defineConfig } from 'eslint/config';
export { default as js } from '@eslint/js';
export { default as globals } from 'globals';
export { default as tseslint } from 'typescript-eslint';
