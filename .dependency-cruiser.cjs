// The import boundaries of src/ (docs: CONVENTIONS habit 11 and the layout), checked by
// `npm run lint` as `depcruise src`. Type-only imports count like any other: a cycle of types is
// still a cycle a reader has to untangle, and the layers hold for types too.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: move what both sides need to a module both can import, in one direction.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'http-only-from-the-app',
      severity: 'error',
      comment: 'src/http/ holds the REST and GraphQL adapters: only the app (app.ts, modules.ts) mounts them.',
      from: { path: '^src/', pathNot: ['^src/(app|modules)\\.ts$', '^src/http/'] },
      to: { path: '^src/http/' },
    },
    {
      name: 'plugins-only-from-the-app',
      severity: 'error',
      comment: 'src/plugins/ wires infrastructure into the app: only app.ts, server.ts and modules.ts register plugins.',
      from: { path: '^src/', pathNot: ['^src/(app|server|modules)\\.ts$', '^src/plugins/'] },
      to: { path: '^src/plugins/' },
    },
    {
      name: 'domain-below-adapters',
      severity: 'error',
      comment: 'The domain takes (input, ctx) and returns plain objects: it knows no HTTP, no plugin and no FreeSWITCH client.',
      from: { path: '^src/domain/' },
      to: { path: '^src/(http|plugins|freeswitch)/' },
    },
    {
      name: 'prisma-only-in-repositories',
      severity: 'error',
      comment: 'Prisma (and the clients generated from prisma/schema.prisma) belongs to src/db/ and *.repository.ts.',
      from: { path: '^src/', pathNot: ['^src/db/', '\\.repository\\.ts$', '^src/generated/'] },
      to: { path: ['^src/generated/', '(^|/)node_modules/(@prisma/|prisma/)'] },
    },
  ],
  options: {
    // Generated clients are not cruised, but importing them is still seen.
    doNotFollow: { path: ['node_modules', '^src/generated/'] },
    // Keeps type-only imports, which TypeScript erases, so that the rules above see them.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
